// Making an environment match a list of wanted packages: plan (install missing, replace changed,
// remove extraneous when asked), then fetch + verify + stage in a bounded pool, compile once, commit
// through one undo journal with termination signals deferred (all of it happens, or none of it).
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { VenvError, describe, isVenvError } from './errors';
import { WheelCache } from './cache/wheel-cache';
import type { VirtualEnv } from './create/layout';
import { listInstalled, readRecordPaths, type InstalledDistribution } from './installed/distributions';
import { uninstallDistribution } from './installed/uninstall';
import { withSignalsDeferred, type SignalWatch } from './critical-section';
import { compileStaged } from './wheel/bytecode';
import { CommitJournal, recoverInterruptedChanges } from './wheel/commit-journal';
import { parseHash, verifyFileHashes } from './wheel/hashes';
import { StagedInstall, type DirectUrl } from './wheel/staged-install';
import { unpackWheel } from './wheel/unpack';

/** One package the environment should contain: a wheel by URL or local path, with its hashes. */
export interface WantedPackage {
  name: string;
  version: string;
  /** Where to download the wheel from (handed to the injected downloader). */
  url?: string;
  /** A local wheel file (takes precedence over `url`). */
  path?: string;
  /** `sha256:<hex>` hashes; one must match. */
  hashes?: string[];
  /** Direct reference (PEP 610): write `direct_url.json` with this URL. */
  directUrl?: DirectUrl;
  /** Replace an installed distribution even when its version and URL match (a rebuilt local project). */
  reinstall?: boolean;
}

/** Fetches a wheel into `destDir` and returns the file's path. */
export type Downloader = (pkg: WantedPackage, destDir: string) => Promise<string>;

/** One step of a sync plan (tagged on `kind`). */
export type SyncAction =
  | { kind: 'install'; want: WantedPackage }
  | { kind: 'replace'; want: WantedPackage; installed: InstalledDistribution }
  | { kind: 'remove'; installed: InstalledDistribution }
  | { kind: 'keep'; installed: InstalledDistribution };

/** Options of {@link planSync} and {@link syncEnvironment}. */
export interface SyncOptions {
  /** Remove installed distributions that are not wanted (default false). */
  removeExtraneous?: boolean;
  /** Never removed as extraneous (default: pip, setuptools, wheel, distribute; normalized names). */
  protect?: string[];
  /** Parallel fetch/unpack/stage jobs (default 8). */
  concurrency?: number;
  /** Fresh installs moved into place at once when they touch disjoint files (default 4; 1 = pip's order). */
  commitConcurrency?: number;
  download?: Downloader;
  cache?: WheelCache;
  compile?: boolean;
  requireHashes?: boolean;
  installer?: string;
  /** Called as packages are fetched, staged, installed and removed (for progress output). */
  onEvent?: (event: SyncEvent) => void;
  /** Once aborted, nothing more is changed and whatever was already moved into place is rolled back. */
  signal?: AbortSignal;
  /**
   * Called inside the commit after each package was moved into place or removed (before the next
   * step). A rejection rolls the whole commit back, which is how tests inject a mid-commit failure.
   */
  onCommitStep?: (step: CommitStep) => void | Promise<void>;
}

/** One finished step of the commit phase (see {@link SyncOptions.onCommitStep}). */
export interface CommitStep {
  kind: 'installed' | 'replaced' | 'removed';
  name: string;
  /** 1-based position among the commit's steps, and their total. */
  index: number;
  total: number;
}

/** Progress of a sync, one event per package step. */
export type SyncEvent =
  | { kind: 'downloaded' | 'cached' | 'staged'; name: string; version: string }
  | { kind: 'installed' | 'replaced' | 'removed'; name: string; version: string };

/** What a sync did. */
export interface SyncReport {
  installed: string[];
  replaced: string[];
  removed: string[];
  kept: string[];
}

const DEFAULT_PROTECT = ['pip', 'setuptools', 'wheel', 'distribute'];

/**
 * Compute the actions that make `installed` match `wanted` (pure; no I/O).
 * @example planSync(await listInstalled(env), [{ name: 'six', version: '1.16.0', path: 'six.whl' }])
 */
export function planSync(installed: readonly InstalledDistribution[], wanted: readonly WantedPackage[], options: SyncOptions = {}): SyncAction[] {
  const have = new Map(installed.map((d) => [d.key, d]));
  const actions: SyncAction[] = [];
  const wantedKeys = new Set<string>();
  for (const w of wanted) {
    const key = normalizeName(w.name);
    wantedKeys.add(key);
    const d = have.get(key);
    if (!d) actions.push({ kind: 'install', want: w });
    else if (w.reinstall || d.version !== w.version || (w.directUrl && d.directUrl?.url !== w.directUrl.url) || archiveChanged(d, w)) actions.push({ kind: 'replace', want: w, installed: d });
    else actions.push({ kind: 'keep', installed: d });
  }
  const protect = new Set<string>((options.protect ?? DEFAULT_PROTECT).map((n) => normalizeName(n)));
  for (const d of installed) {
    if (wantedKeys.has(d.key)) continue;
    if (options.removeExtraneous && !protect.has(d.key)) actions.push({ kind: 'remove', installed: d });
  }
  return actions;
}

/** A direct-URL install whose recorded archive hash is not one the lock allows. */
function archiveChanged(d: InstalledDistribution, w: WantedPackage): boolean {
  const recorded = d.directUrl?.archive_info?.hashes?.sha256 ?? /^sha256=([0-9a-f]+)$/.exec(d.directUrl?.archive_info?.hash ?? '')?.[1];
  const wanted = sha256Of(w);
  return Boolean(recorded && wanted && !(w.hashes ?? []).some((h) => h.toLowerCase().endsWith(recorded)));
}

function disjoint(installs: readonly StagedInstall[]): boolean {
  const seen = new Set<string>();
  for (const s of installs) {
    for (const f of s.files) {
      if (seen.has(f.dest)) return false;
      seen.add(f.dest);
    }
  }
  return true;
}

/** Run `fn` over `items` with at most `limit` in flight; the first failure rejects after all settle. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]!);
      } catch (e) {
        errors.push(e);
        next = items.length;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length) throw errors[0];
  return results;
}

function sha256Of(w: WantedPackage): string | null {
  for (const h of w.hashes ?? []) {
    try {
      const p = parseHash(h);
      if (p.algorithm === 'sha256') return p.hex;
    } catch {
      // malformed: verification will report it
    }
  }
  return null;
}

async function stageWanted(env: VirtualEnv, w: WantedPackage, cache: WheelCache, options: SyncOptions, scratch: string): Promise<StagedInstall> {
  const stageOpts = { installer: options.installer, requested: true, directUrl: w.directUrl ?? null };
  const known = sha256Of(w);
  // Warm path: an unpacked tree keyed by the locked hash was verified when it was stored.
  if (known) {
    const manifest = await cache.unpacked(known);
    if (manifest) {
      options.onEvent?.({ kind: 'cached', name: w.name, version: w.version });
      return StagedInstall.prepare(env, manifest, cache.unpackedDir(known), stageOpts);
    }
  }
  let file = w.path ? path.resolve(w.path) : known ? await cache.wheel(known) : null;
  if (!file) {
    if (!w.url || !options.download) {
      throw new VenvError('DOWNLOAD_FAILED', `No file for ${w.name} ${w.version}: no path, no cached wheel${w.url ? ' and no downloader' : ' and no URL'}`);
    }
    const dir = path.join(scratch, normalizeName(w.name));
    await mkdir(dir, { recursive: true });
    try {
      file = await options.download(w, dir);
      options.onEvent?.({ kind: 'downloaded', name: w.name, version: w.version });
    } catch (e) {
      if (isVenvError(e)) throw e;
      throw new VenvError('DOWNLOAD_FAILED', `Downloading ${w.name} ${w.version} failed: ${describe(e)}`, { cause: e, hint: 'Check the index URL and your network.' });
    }
  }
  const sha = await verifyFileHashes(file, w.hashes ?? [], options.requireHashes ?? false);
  if (!w.path) file = await cache.storeWheel(file, sha);
  const { dir, manifest } = await unpackWheel(file, sha, cache);
  const staged = await StagedInstall.prepare(env, manifest, dir, stageOpts);
  options.onEvent?.({ kind: 'staged', name: w.name, version: w.version });
  return staged;
}

type StageAction = Extract<SyncAction, { want: WantedPackage }>;

/**
 * The commit phase: move every staged package into place and remove the extraneous ones, all through
 * one journal, so that a failure, an aborted `signal` or a deferred SIGINT/SIGTERM undoes every step.
 */
async function commitAll(
  env: VirtualEnv,
  actions: readonly SyncAction[],
  toStage: readonly StageAction[],
  results: readonly StagedInstall[],
  staged: StagedInstall[],
  options: SyncOptions,
  watch: SignalWatch,
): Promise<SyncReport> {
  const stop = () => {
    const why = watch.received ?? (options.signal?.aborted ? 'abort' : null);
    if (why) throw new VenvError('SYNC_INTERRUPTED', `Interrupted (${why}) while changing ${env.root}; every change was rolled back.`);
  };
  stop();
  const report: SyncReport = { installed: [], replaced: [], removed: [], kept: [] };
  const removals = actions.filter((a): a is Extract<SyncAction, { kind: 'remove' }> => a.kind === 'remove');
  const total = toStage.length + removals.length;
  let step = 0;
  const journal = await CommitJournal.open(env);
  try {
    const commitOne = async (k: number) => {
      stop();
      const a = toStage[k]!;
      const s = results[k]!;
      const replacing = a.kind === 'replace' ? await readRecordPaths(a.installed) : [];
      await s.commit(replacing, journal);
      staged.splice(staged.indexOf(s), 1);
      const kind = a.kind === 'replace' ? 'replaced' : 'installed';
      report[kind].push(`${s.manifest.name}==${s.manifest.version}`);
      await options.onCommitStep?.({ kind, name: s.manifest.name, index: ++step, total });
    };
    // Fresh installs that touch disjoint files commit concurrently; anything else keeps pip's
    // one-after-another order so that overlapping files end up as the last package wrote them.
    const indexes = toStage.map((_, k) => k);
    const commitConcurrency = options.commitConcurrency ?? 4;
    if (commitConcurrency > 1 && toStage.every((a) => a.kind === 'install') && disjoint(results)) await pool(indexes, commitConcurrency, commitOne);
    else for (const k of indexes) await commitOne(k);
    for (const a of removals) {
      stop();
      await uninstallDistribution(env, a.installed, journal);
      report.removed.push(`${a.installed.name}==${a.installed.version}`);
      await options.onCommitStep?.({ kind: 'removed', name: a.installed.name, index: ++step, total });
    }
    stop();
    await journal.finish();
  } catch (e) {
    // Leave nothing behind before a deferred SIGTERM may end the process: undo, then drop the staging.
    await journal.rollback();
    await Promise.all(staged.map((st) => st.abort()));
    throw e;
  }
  // Events only for what stays: a rolled-back commit reports nothing as installed.
  for (const a of toStage) {
    const name = a.want.name;
    options.onEvent?.({ kind: a.kind === 'replace' ? 'replaced' : 'installed', name, version: a.want.version });
  }
  for (const a of removals) options.onEvent?.({ kind: 'removed', name: a.installed.name, version: a.installed.version });
  for (const a of actions) if (a.kind === 'keep') report.kept.push(`${a.installed.name}==${a.installed.version}`);
  return report;
}

/**
 * Make the environment match `wanted`: everything is fetched, verified and staged first (in a bounded
 * pool); if any package fails, nothing in the environment changes. Then bytecode is compiled in one
 * Python process (when asked) and the packages are moved into place and the extraneous ones removed
 * through one undo journal, with SIGINT/SIGTERM deferred: a failure or an interrupt at any step of
 * the commit restores the environment exactly as it was.
 * @example
 * await syncEnvironment(env, [{ name: 'six', version: '1.16.0', url, hashes: ['sha256:...'] }], {
 *   download: (pkg, dir) => downloadTo(pkg.url!, dir), removeExtraneous: true,
 * });
 */
export async function syncEnvironment(env: VirtualEnv, wanted: readonly WantedPackage[], options: SyncOptions = {}): Promise<SyncReport> {
  const cache = options.cache ?? new WheelCache();
  // A process killed mid-commit earlier left a journal: undo it before looking at what is installed.
  await recoverInterruptedChanges(env);
  const actions = planSync(await listInstalled(env), wanted, options);
  const toStage = actions.filter((a): a is StageAction => a.kind === 'install' || a.kind === 'replace');
  const scratch = await cache.tempDir('download');
  const staged: StagedInstall[] = [];
  try {
    const results = await pool(toStage, options.concurrency ?? 8, async (a) => {
      const s = await stageWanted(env, a.want, cache, options, scratch);
      staged.push(s);
      return s;
    });
    if (options.compile) await compileStaged(env, results);
    return await withSignalsDeferred((watch) => commitAll(env, actions, toStage, results, staged, options, watch));
  } catch (e) {
    await Promise.all(staged.map((s) => s.abort()));
    if (isVenvError(e)) throw e;
    throw new VenvError('SYNC_FAILED', `Syncing ${env.root} failed: ${describe(e)}`, { cause: e });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
