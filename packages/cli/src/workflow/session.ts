// The steps install/lock/sync/update/uninstall share, with progress and Ctrl-C handling: resolve a
// Pipfile into a lock (nothing written), make the venv match a lock, then write files atomically.
// Order matters for "nothing changes on failure": resolve -> sync -> write Pipfile.lock -> Pipfile.

import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Marker, normalizeName } from '@pipgrub/core-resolver';
import { isLockUpToDate, lockedEntries, lockPipfile, lockPreferences, lockSectionName, writeFileAtomic, writeLockfile, type Lockfile, type Pipfile } from '@pipgrub/lockfile';
import {
  createVenv, defaultCacheDir, isSystemEnvironment, isVenvError, openSystemEnvironment, removeVenv, supportedTags, syncEnvironment,
  WheelCache, type SyncOptions, type SyncReport, type VirtualEnv,
} from '@pipgrub/venv';
import type { IndexClient } from '@pipgrub/pypi-source';
import type { Context } from '../context';
import { CliError, InterruptedError } from '../errors';
import { formatDuration } from '../output/output';
import type { ProjectPaths } from '../project';
import { displayPath } from '../project-files';
import { openProjectSource } from './source';
import { plannedWheels, prepareLocalPackages } from './local-projects';
import { parsePipArgs, refuseRemovedFlags, SKIP_LOCK_WARNING, type PipArgEffects } from '../args/pip-args';
import { environmentOf, projectTarget, type ProjectTarget } from './target';
import { chooseSystemPython } from './system-python';

/** Await `work`, but give up with InterruptedError as soon as Ctrl-C is pressed. */
export async function interruptible<T>(ctx: Context, work: Promise<T>): Promise<T> {
  if (ctx.signal.aborted) throw new InterruptedError();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new InterruptedError());
    ctx.signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    if (onAbort) ctx.signal.removeEventListener('abort', onAbort);
    work.catch(() => undefined);
  }
}

/** The Pipfile categories a lock covers: all of them, or what --dev-only / --categories choose. */
export function lockCategories(ctx: Context, pipfile: Pipfile): string[] {
  const chosen = ctx.list('categories');
  if (chosen.length) return chosen.map((c) => (c === 'default' ? 'packages' : c === 'develop' ? 'dev-packages' : c));
  if (ctx.flag('dev-only')) return ['dev-packages'];
  const all = ['packages', 'dev-packages', ...pipfile.categories.keys()];
  return [...new Set(all)];
}

/** Lock sections to install: default, plus develop with --dev, or --categories. */
export function installSections(ctx: Context): string[] {
  const chosen = ctx.list('categories');
  if (chosen.length) return chosen.map(lockSectionName);
  return ctx.flag('dev') ? ['default', 'develop'] : ['default'];
}

/** Everything a session needs, opened once. Call `close()` when done. */
export interface Session {
  project: ProjectPaths;
  target: ProjectTarget;
  source: IndexClient;
  /** What `--extra-pip-args` asked of the install. */
  pipArgs: PipArgEffects;
  close(): Promise<void>;
}

/** Whether PIP_BREAK_SYSTEM_PACKAGES (pip's own switch) or PIPGRUB_BREAK_SYSTEM_PACKAGES is on. */
function breakSystemPackagesFromEnv(ctx: Context): boolean {
  const v = ctx.env.PIPGRUB_BREAK_SYSTEM_PACKAGES ?? ctx.env.PIP_BREAK_SYSTEM_PACKAGES;
  return v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
}

/**
 * `--system`: the interpreter Pipenv would use (--python, else the active virtualenv, else `python`
 * then `python3` on PATH), opened as a plain install target with its own site-packages.
 */
async function systemTarget(ctx: Context, project: ProjectPaths, pipArgs: PipArgEffects): Promise<ProjectTarget> {
  // As Pipenv: --system installs an existing Pipfile; it does not start a project (unless in a venv).
  const pipfileEmpty = !existsSync(project.pipfile) || readFileSync(project.pipfile, 'utf8').trim() === '';
  if (pipfileEmpty && !ctx.env.VIRTUAL_ENV) {
    throw new CliError('CLI_SYSTEM_WITHOUT_PIPFILE', '--system is intended to be used for pre-existing Pipfile installation, not installation of specific packages. Aborting.', {
      hint: 'Create the Pipfile first (e.g. `pipgrub install PKG` without --system), then `pipgrub install --system`.',
    });
  }
  const env = await openSystemEnvironment(await chooseSystemPython(ctx), { breakSystemPackages: pipArgs.breakSystemPackages || breakSystemPackagesFromEnv(ctx) });
  return { venvRoot: env.root, venv: env, recreate: false, interpreter: env.interpreter, environment: environmentOf(env.interpreter) };
}

/**
 * `--skip-lock` (install, uninstall): prints Pipenv's warning and returns true; the command then
 * resolves the Pipfile in memory and never reads or writes Pipfile.lock.
 */
export function skipLock(ctx: Context): boolean {
  if (!ctx.flag('skip-lock')) return false;
  if (ctx.flag('deploy') || ctx.flag('ignore-pipfile')) {
    throw new CliError('CLI_USAGE', `--skip-lock cannot be combined with ${ctx.flag('deploy') ? '--deploy' : '--ignore-pipfile'}: both install from Pipfile.lock.`, { exitCode: 2 });
  }
  ctx.out.warn(SKIP_LOCK_WARNING);
  return true;
}

/** The flag checks every command that opens a session shares (removed Pipenv flags, pip arguments). */
export function checkInstallFlags(ctx: Context): PipArgEffects {
  refuseRemovedFlags((n) => ctx.flag(n), ctx.command?.name === 'lock');
  const raw = ctx.options['extra-pip-args'];
  return parsePipArgs(Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []);
}

export async function openSession(ctx: Context, project: ProjectPaths, pipfile: Pipfile): Promise<Session> {
  const pipArgs = checkInstallFlags(ctx);
  if (ctx.flag('clear')) {
    // Pipenv's --clear empties its caches; pipgrub's index pages, metadata and wheels share one folder.
    const dir = ctx.settings.cacheDir ?? defaultCacheDir(ctx.env as NodeJS.ProcessEnv);
    await rm(dir, { recursive: true, force: true });
    ctx.out.info(`Cleared the cache (${dir})`);
  }
  const target = await interruptible(ctx, ctx.flag('system') ? systemTarget(ctx, project, pipArgs) : projectTarget(ctx, project, pipfile));
  ctx.out.debug(`python: ${target.interpreter.executable} (${target.environment.python}); ${ctx.flag('system') ? 'system target' : 'venv'}: ${target.venvRoot}`);
  const source = openProjectSource(ctx, project, pipfile, target.interpreter);
  // After Ctrl-C, do not wait for in-flight requests to drain before exiting.
  return { project, target, source, pipArgs, close: () => (ctx.signal.aborted ? Promise.resolve() : source.close()) };
}

export interface RelockOptions {
  /** Keep the existing pins where allowed (install/update of named packages); `false` for a fresh lock. */
  keepPins: boolean;
  /** Names whose pins are dropped (the packages being added or updated). */
  unlock?: Iterable<string>;
  categories: string[];
}

/** Resolve the Pipfile into a new lock (in memory). Resolution failures print the explanation. */
export async function relock(ctx: Context, session: Session, pipfile: Pipfile, previous: Lockfile | undefined, options: RelockOptions): Promise<Lockfile> {
  const started = performance.now();
  const localPackages = await interruptible(ctx, prepareLocalPackages(ctx, session, pipfile, options.categories));
  const task = ctx.out.task('Resolving dependencies');
  let resolvedProjects = 0;
  const source = session.source;
  const counting = {
    getProject: (name: never) => {
      resolvedProjects++;
      task.update({ done: resolvedProjects, current: name });
      return source.getProject(name);
    },
    getMetadata: source.getMetadata.bind(source),
    prefetch: source.prefetch.bind(source),
  };
  const unlock = new Set([...(options.unlock ?? [])].map((n) => normalizeName(n)));
  const result = await interruptible(
    ctx,
    lockPipfile({
      pipfile,
      source: counting,
      environment: session.target.environment,
      categories: options.categories,
      preferences: options.keepPins ? lockPreferences(previous, unlock) : {},
      pre: ctx.flag('pre') || pipfile.settings.allow_prereleases === true,
      localPackages,
    }),
  ).finally(() => task.end());
  if (result.kind === 'failed') {
    ctx.out.block(result.report);
    const section = result.category === 'packages' ? '[packages]' : `[${result.category}]`;
    throw new CliError('CLI_RESOLUTION_FAILED', `Could not resolve the ${section} of the Pipfile (see the explanation above).`, {
      ...(/^hint:/m.test(result.report) ? {} : { hint: 'Relax the conflicting requirements, or try `--pre`.' }),
    });
  }
  // A partial lock (--categories / --dev-only) keeps the other sections of the previous lock.
  const lock = result.lock;
  if (previous) {
    const locked = new Set(options.categories.map(lockSectionName));
    for (const [section, entries] of Object.entries(previous.sections)) {
      if (!locked.has(section)) lock.sections[section] = entries;
    }
  }
  ctx.out.debug(`resolved ${result.packageCount} packages in ${formatDuration(performance.now() - started)}`);
  return lock;
}

/** Whether `lock` is current for `pipfile` (the hash Pipenv checks). */
export function lockIsCurrent(pipfile: Pipfile, lock: Lockfile | undefined): boolean {
  return lock !== undefined && isLockUpToDate(pipfile, lock).upToDate;
}

/**
 * Make the virtualenv hold the lock's packages for `sections` (creating the venv if needed; a venv
 * created here is removed again if the sync fails, so a failure leaves no trace).
 */
export async function syncVenv(ctx: Context, session: Session, lock: Lockfile, sections: string[]): Promise<{ report: SyncReport; venv: VirtualEnv; created: boolean }> {
  const started = performance.now();
  // Locks pipgrub writes carry no markers (one target environment); imported Pipenv locks may.
  const markers = session.target.environment.markers;
  const markerHolds = (m: string) => Marker.parse(m).evaluate(markers);
  const planTask = ctx.out.task('Preparing install');
  const plan = async () => plannedWheels(ctx, session, lockedEntries(lock, sections), { tags: await supportedTags(session.target.interpreter), markerHolds });
  const wanted = await interruptible(ctx, plan()).finally(() => planTask.end());
  // Ctrl-C, SIGTERM and SIGHUP all abort ctx.signal (src/signals.ts); the commit rolls back on it.
  const { signal } = ctx;
  let venv = session.target.venv;
  let created = false;
  if (!venv) {
    await mkdir(join(session.target.venvRoot, '..'), { recursive: true });
    ctx.out.info(
      `${session.target.recreate ? 'Recreating' : 'Creating'} virtualenv at ${displayPath(ctx, session.target.venvRoot)} (Python ${session.target.environment.python})`,
    );
    venv = await createVenv(session.target.venvRoot, {
      python: session.target.interpreter,
      prompt: promptName(session.project),
      systemSitePackages: ctx.flag('site-packages'),
      clear: session.target.recreate,
    });
    created = true;
  }
  const task = ctx.out.task('Installing');
  let done = 0;
  let bytes = 0;
  const total = wanted.length;
  const source = session.source;
  try {
    const report = await syncEnvironment(venv, wanted, {
      download: async (pkg) => {
        if (signal.aborted) throw new InterruptedError();
        const file = { filename: pkg.url!.split('/').pop() ?? pkg.name, url: pkg.url!, kind: 'wheel' as const, hashes: hashRecord(pkg.hashes) };
        const got = await source.downloadFile(file);
        done++;
        bytes += got.size;
        task.update({ done, total, bytes, current: pkg.name });
        return got.path;
      },
      installer: 'pipgrub',
      compile: session.pipArgs.compile,
      requireHashes: session.pipArgs.requireHashes,
      signal,
      onCommitStep: commitPauseHook(ctx),
      // The cache folder follows PIPENV_CACHE_DIR / PIPGRUB_CACHE_DIR from .env too, not only the process env.
      cache: new WheelCache(ctx.settings.cacheDir ?? defaultCacheDir(ctx.env as NodeJS.ProcessEnv)),
    });
    if (signal.aborted && created) throw new InterruptedError();
    ctx.out.debug(`sync: ${report.installed.length} installed, ${report.replaced.length} replaced, ${report.kept.length} kept in ${formatDuration(performance.now() - started)}`);
    return { report, venv, created };
  } catch (e) {
    if (created) await removeVenv(session.target.venvRoot).catch(() => undefined);
    // A commit interrupted by Ctrl-C/SIGTERM was rolled back: report it as the interruption it is.
    if (isVenvError(e) && e.code === 'SYNC_INTERRUPTED') throw new InterruptedError();
    throw e;
  } finally {
    task.end();
  }
}

/**
 * Test-only: with PIPGRUB_TEST_COMMIT_PAUSE=<file>, the first commit step writes `<file>` and waits
 * 2 s, so an end-to-end test can send SIGINT while the venv is half-changed. The marker is written by
 * rename, so a test that sees it exist also sees its text (a plain write showed an empty file first).
 */
function commitPauseHook(ctx: Context): SyncOptions['onCommitStep'] {
  const marker = ctx.env.PIPGRUB_TEST_COMMIT_PAUSE;
  if (!marker) return undefined;
  return async (step) => {
    if (step.index !== 1) return;
    await writeFileAtomic(marker, `${step.kind} ${step.name}\n`);
    await new Promise((r) => setTimeout(r, 2000));
  };
}

function hashRecord(hashes: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of hashes ?? []) {
    const [algo, hex] = h.split(':');
    if (algo && hex && !out[algo]) out[algo] = hex;
  }
  return out;
}

function promptName(project: ProjectPaths): string {
  return project.root.split(/[\\/]/).filter(Boolean).pop() ?? 'venv';
}

/** Write the lock atomically if its bytes changed; returns whether it was written. */
export async function writeLockIfChanged(project: ProjectPaths, lock: Lockfile, previousText: string | undefined): Promise<boolean> {
  const text = writeLockfile(lock);
  if (text === previousText) return false;
  await writeFileAtomic(project.lockfile, text);
  return true;
}

/** What a sync changed, for summaries: the project's virtualenv, or the interpreter `--system` chose. */
export function targetLabel(session: Session): string {
  return session.target.venv && isSystemEnvironment(session.target.venv) ? `system Python (${session.target.interpreter.executable})` : 'virtualenv';
}

/** "Installed 3 packages, replaced 1, removed 0 in 0.42s" style summary of a sync. */
export function describeSync(report: SyncReport, ms: number): string {
  const parts = [`${report.installed.length} installed`];
  if (report.replaced.length) parts.push(`${report.replaced.length} changed version`);
  if (report.removed.length) parts.push(`${report.removed.length} removed`);
  parts.push(`${report.kept.length} unchanged`);
  return `${parts.join(', ')} in ${formatDuration(ms)}`;
}
