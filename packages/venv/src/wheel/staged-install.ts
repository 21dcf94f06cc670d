// A wheel install prepared in a staging directory inside the environment and then moved into place
// file by file, each move journaled; any failure before or during the move restores the environment.
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathExists } from '../path-exists';
import { stagingRoot } from '../install-target';
import { CommitJournal, ownDirectory } from './commit-journal';
import { VenvError, describe } from '../errors';
import { linkOrCopy, type UnpackManifest } from '../cache/wheel-cache';
import type { VirtualEnv } from '../create/layout';
import { cacheTag, type CompileJob } from './compile';
import { adjustVersionedScripts, launcherScript, parseEntryPoints } from './entry-points';
import { formatRecord, parseRecord, recordHash, type RecordRow } from './record';
import { parseWheelName } from './wheel-name';

/** PEP 610 `direct_url.json` content. */
export interface DirectUrl {
  url: string;
  archive_info?: { hash?: string; hashes?: Record<string, string> };
  dir_info?: { editable?: boolean };
  /** A VCS checkout: the commit installed (and the ref asked for). */
  vcs_info?: { vcs: string; commit_id: string; requested_revision?: string };
  subdirectory?: string;
}

/** Options shared by everything that stages an install. */
export interface StageOptions {
  /** Written to `INSTALLER` (default `pipgrub`). */
  installer?: string;
  /** Write an empty `REQUESTED` (default true, as pip does for requirements the user named). */
  requested?: boolean;
  /** PEP 610 data, written as `direct_url.json` when given (archive hash filled in when `archive_info` is absent). */
  directUrl?: DirectUrl | null;
}

interface StagedFile {
  staged: string;
  dest: string;
}

const SCHEME_KEYS = ['purelib', 'platlib', 'headers', 'scripts', 'data'] as const;

function toRecordPath(dest: string, libDir: string): string {
  return path.relative(libDir, dest).split(path.sep).join('/');
}

let counter = 0;

/**
 * One wheel staged for installation. Create with {@link StagedInstall.prepare}, optionally add
 * bytecode, then {@link StagedInstall.commit} or {@link StagedInstall.abort}.
 * @example
 * const staged = await StagedInstall.prepare(env, manifest, cache.unpackedDir(sha));
 * await staged.commit();
 */
export class StagedInstall {
  readonly files: StagedFile[] = [];
  private recordRows: RecordRow[] = [];
  private readonly extraRows: RecordRow[] = [];
  private n = 0;

  private constructor(
    readonly env: VirtualEnv,
    readonly manifest: UnpackManifest,
    readonly stagingDir: string,
    readonly libDir: string,
    /** The unpacked cache tree this install links from. */
    readonly unpackedDir: string,
  ) {}

  /** Name and version of the wheel being installed. */
  get name(): string {
    return this.manifest.name;
  }

  /** Absolute path of the installed `.dist-info` directory. */
  get distInfoPath(): string {
    return path.join(this.libDir, this.manifest.distInfo);
  }

  private nextStaged(): string {
    return path.join(this.stagingDir, `f${this.n++}`);
  }

  /** Lay the wheel out in a fresh staging directory (hardlinks from the unpacked cache tree). */
  static async prepare(env: VirtualEnv, manifest: UnpackManifest, unpackedDir: string, options: StageOptions = {}): Promise<StagedInstall> {
    const libDir = manifest.rootIsPurelib ? env.scheme.purelib : env.scheme.platlib;
    const stagingDir = path.join(stagingRoot(env), `.pipgrub-staging-${process.pid}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
    ownDirectory(stagingDir);
    await mkdir(stagingDir);
    const s = new StagedInstall(env, manifest, stagingDir, libDir, unpackedDir);
    try {
      await s.layout(unpackedDir, options);
    } catch (e) {
      await s.abort();
      throw e;
    }
    return s;
  }

  private schemeDir(key: string): string {
    if (key === 'headers') return path.join(this.env.scheme.headers, headersDirName(this.manifest));
    return this.env.scheme[key as Exclude<(typeof SCHEME_KEYS)[number], 'headers'>];
  }

  private async layout(unpackedDir: string, options: StageOptions): Promise<void> {
    const m = this.manifest;
    const [major, minor] = this.env.interpreter.version;
    const entryPoints = adjustVersionedScripts(parseEntryPoints(m.entryPoints), [major, minor]);
    const epNames = new Set(parseEntryPoints(m.entryPoints).map((e) => e.name));
    const isWrapper = (file: string) => {
      const base = path.basename(file);
      const l = base.toLowerCase();
      const stem = l.endsWith('.exe') || l.endsWith('.pya') ? base.slice(0, -4) : l.endsWith('-script.py') ? base.slice(0, -10) : base;
      return epNames.has(stem);
    };
    const installed = new Map<string, string>();
    const changed = new Map<string, RecordRow>();
    const rootDests = new Map<string, StagedFile>();
    // File operations run concurrently; only bookkeeping happens in the loop.
    const pending: Array<Promise<unknown>> = [];
    for (const f of m.files) {
      const parts = f.path.split('/');
      const top = parts[0]!;
      let dest: string;
      let script = false;
      if (parts.length > 1 && top.endsWith('.data')) {
        const key = parts[1]!;
        if (parts.length < 3) throw new VenvError('BAD_WHEEL', `${m.filename}: unexpected file ${f.path} (.data contents must be '<scheme key>/<path>')`);
        if (!(SCHEME_KEYS as readonly string[]).includes(key)) {
          throw new VenvError('BAD_WHEEL', `${m.filename}: unknown scheme key '${key}' in ${f.path}`, { hint: `Valid keys: ${[...SCHEME_KEYS].sort().join(', ')}.` });
        }
        const base = this.schemeDir(key);
        dest = path.join(base, ...parts.slice(2));
        if (!dest.startsWith(base + path.sep)) throw new VenvError('UNSAFE_WHEEL_PATH', `${m.filename}: ${f.path} would be installed outside ${base}`);
        if (key === 'scripts') {
          if (isWrapper(dest)) continue;
          script = true;
        }
      } else {
        dest = path.join(this.libDir, ...parts);
      }
      const staged = this.nextStaged();
      const src = path.join(unpackedDir, ...parts);
      const recordPath = toRecordPath(dest, this.libDir);
      if (script) {
        pending.push(
          readFile(src).then(async (data) => {
            if (data.subarray(0, 8).toString('latin1') !== '#!python') return linkOrCopy(src, staged);
            // pip's fix_script: the whole first line becomes `#!<env python>`
            const nl = data.indexOf(0x0a);
            const rest = nl < 0 ? Buffer.alloc(0) : data.subarray(nl + 1);
            const text = Buffer.concat([Buffer.from(`#!${this.env.python}\n`), rest]);
            await writeFile(staged, text, { mode: f.executable ? 0o777 : 0o666 });
            changed.set(recordPath, { path: recordPath, hash: recordHash(text), size: String(text.length) });
          }),
        );
      } else {
        pending.push(linkOrCopy(src, staged));
      }
      const sf = { staged, dest };
      const prior = rootDests.get(dest);
      if (prior) prior.staged = staged; // a .data file overlapping the root: the later one wins
      else {
        rootDests.set(dest, sf);
        this.files.push(sf);
      }
      installed.set(f.path, recordPath);
    }

    const generated: Array<{ dest: string; data: string; mode: number }> = [];
    for (const ep of entryPoints) {
      generated.push({ dest: path.join(this.env.scheme.scripts, ep.name), data: launcherScript(this.env.python, ep), mode: 0o777 });
    }
    const di = path.join(this.libDir, m.distInfo);
    generated.push({ dest: path.join(di, 'INSTALLER'), data: `${options.installer ?? 'pipgrub'}\n`, mode: 0o666 });
    if (options.directUrl) {
      // Without explicit archive_info, record the archive hash as pip does for file/URL archives.
      const d = options.directUrl;
      const full: DirectUrl = d.archive_info || d.dir_info || d.vcs_info ? d : { ...d, archive_info: { hash: `sha256=${m.sha256}`, hashes: { sha256: m.sha256 } } };
      generated.push({ dest: path.join(di, 'direct_url.json'), data: directUrlJson(full), mode: 0o666 });
    }
    if (options.requested ?? true) generated.push({ dest: path.join(di, 'REQUESTED'), data: '', mode: 0o666 });
    const genRows: RecordRow[] = [];
    for (const g of generated) {
      const staged = this.nextStaged();
      pending.push(writeFile(staged, g.data, { mode: g.mode }));
      const existing = rootDests.get(g.dest);
      if (existing) existing.staged = staged;
      else {
        const sf = { staged, dest: g.dest };
        rootDests.set(g.dest, sf);
        this.files.push(sf);
      }
      const rp = toRecordPath(g.dest, this.libDir);
      installed.delete([...installed].find(([, v]) => v === rp)?.[0] ?? '');
      genRows.push({ path: rp, hash: recordHash(g.data), size: String(Buffer.byteLength(g.data)) });
    }

    const settled = await Promise.allSettled(pending);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw new VenvError('INSTALL_FAILED', `Staging ${m.filename} failed: ${describe(failed.reason)}`, { cause: failed.reason });

    // RECORD rows as pip computes them: the wheel's rows re-pathed, rehashed when changed, then
    // generated files, then installed files the wheel's RECORD did not list.
    const out: RecordRow[] = [];
    const genPaths = new Set(genRows.map((r) => r.path));
    for (const row of parseRecord(m.record)) {
      const newPath = installed.get(row.path) ?? row.path;
      installed.delete(row.path);
      if (genPaths.has(newPath)) continue;
      out.push(changed.get(newPath) ?? { path: newPath, hash: row.hash, size: row.size });
    }
    out.push(...genRows);
    for (const p of installed.values()) out.push({ path: p, hash: '', size: '' });
    this.recordRows = out;
  }

  /** Bytecode jobs for the staged .py files under the library directories. */
  compileJobs(): Array<CompileJob & { dest: string }> {
    const tag = cacheTag(this.env.interpreter.implementation, this.env.interpreter.version);
    const jobs: Array<CompileJob & { dest: string }> = [];
    const roots = [this.env.scheme.purelib, this.env.scheme.platlib];
    for (const f of [...this.files].sort((a, b) => (a.dest < b.dest ? -1 : 1))) {
      if (!f.dest.endsWith('.py') || !roots.some((r) => f.dest.startsWith(r + path.sep))) continue;
      const pycDest = path.join(path.dirname(f.dest), '__pycache__', `${path.basename(f.dest, '.py')}.${tag}.pyc`);
      jobs.push({ source: f.staged, finalPath: f.dest, pycOut: this.nextStaged(), dest: pycDest });
    }
    return jobs;
  }

  private bytecodeCacheDir(): string {
    return `${this.unpackedDir}.pyc-${cacheTag(this.env.interpreter.implementation, this.env.interpreter.version)}`;
  }

  /**
   * Use bytecode compiled by an earlier install of the same wheel for the same interpreter version
   * (hardlinked; importlib fixes co_filename on load). Returns false when there is none.
   */
  async useCachedBytecode(): Promise<boolean> {
    const dir = this.bytecodeCacheDir();
    let entries: Array<[string, string]>;
    try {
      entries = JSON.parse(await readFile(`${dir}.json`, 'utf8')) as Array<[string, string]>;
    } catch {
      return false;
    }
    const byRecord = new Map(this.files.map((f) => [toRecordPath(f.dest, this.libDir), f]));
    const links: Array<Promise<unknown>> = [];
    for (const [pycRel, srcRel] of entries) {
      if (!byRecord.has(srcRel)) continue;
      const staged = this.nextStaged();
      const dest = path.join(this.libDir, ...pycRel.split('/'));
      links.push(linkOrCopy(path.join(dir, ...pycRel.split('/')), staged));
      this.files.push({ staged, dest });
      this.extraRows.push({ path: pycRel, hash: '', size: '' });
    }
    await Promise.all(links);
    return true;
  }

  /** Keep freshly compiled bytecode in the cache for the next environment (best effort). */
  async storeBytecode(jobs: Array<CompileJob & { dest: string }>, ok: boolean[]): Promise<void> {
    const dir = this.bytecodeCacheDir();
    const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      const entries: Array<[string, string]> = [];
      const links: Array<[string, string]> = [];
      for (let i = 0; i < jobs.length; i++) {
        const j = jobs[i]!;
        const pycRel = toRecordPath(j.dest, this.libDir);
        if (!ok[i] || pycRel.startsWith('..')) continue;
        links.push([j.pycOut, path.join(tmp, ...pycRel.split('/'))]);
        entries.push([pycRel, toRecordPath(j.finalPath, this.libDir)]);
      }
      await mkdir(tmp, { recursive: true });
      for (const dir of new Set(links.map(([, t]) => path.dirname(t)))) await mkdir(dir, { recursive: true });
      await Promise.all(links.map(([from, to]) => linkOrCopy(from, to)));
      // Losing a race to another installer is fine: the tree it placed holds the same bytecode.
      await rename(tmp, dir).catch(() => rm(tmp, { recursive: true, force: true }));
      const json = `${dir}.json`;
      const tmpJson = `${json}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
      await writeFile(tmpJson, JSON.stringify(entries));
      await rename(tmpJson, json);
    } catch {
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Add compiled files (those whose job succeeded) to the install and its RECORD. */
  addCompiled(jobs: Array<CompileJob & { dest: string }>, ok: boolean[]): void {
    jobs.forEach((j, i) => {
      if (!ok[i]) return;
      this.files.push({ staged: j.pycOut, dest: j.dest });
      this.extraRows.push({ path: toRecordPath(j.dest, this.libDir), hash: '', size: '' });
    });
  }

  private async writeRecord(): Promise<void> {
    const recordDest = path.join(this.libDir, this.manifest.distInfo, 'RECORD');
    const recordRel = toRecordPath(recordDest, this.libDir);
    const rows = [...this.recordRows, ...this.extraRows];
    if (!rows.some((r) => r.path === recordRel)) rows.push({ path: recordRel, hash: '', size: '' });
    const staged = this.nextStaged();
    await writeFile(staged, formatRecord(rows.map((r) => (r.path === recordRel ? { path: r.path, hash: '', size: '' } : r))));
    const existing = this.files.find((f) => f.dest === recordDest);
    if (existing) existing.staged = staged;
    else this.files.push({ staged, dest: recordDest });
  }

  /**
   * Move everything into place. `replacing` lists absolute paths of an older installation that
   * must disappear. Every move is recorded in `journal` (the caller rolls a shared journal back or
   * finishes it); without one, the install gets its own and is undone on failure before throwing.
   */
  async commit(replacing: readonly string[] = [], journal?: CommitJournal): Promise<string[]> {
    await this.writeRecord();
    const log = journal ?? (await CommitJournal.open(this.env));
    try {
      const newDests = new Set(this.files.map((f) => f.dest));
      for (const old of replacing) {
        if (newDests.has(old)) continue;
        if (await pathExists(old)) await log.moveAside(old);
      }
      // Directories first (few, sequential so we know which ones we created), then the files.
      const parents = [...new Set(this.files.map((f) => path.dirname(f.dest)))].sort();
      const fresh = new Set<string>(); // directories this commit created: nothing inside can exist yet
      for (const dir of parents) {
        const created = await mkdir(dir, { recursive: true });
        if (created) {
          log.createdDir(created);
          for (let d = dir; d.length >= created.length; d = path.dirname(d)) fresh.add(d);
        }
      }
      const present = await Promise.all(this.files.map((f) => (fresh.has(path.dirname(f.dest)) ? false : pathExists(f.dest))));
      for (let i = 0; i < this.files.length; i++) if (present[i]) await log.moveAside(this.files[i]!.dest);
      const arrived = log.placing(this.files.map((f) => f.dest));
      const moved = await Promise.allSettled(this.files.map((f) => rename(f.staged, f.dest)));
      let firstError: unknown = null;
      moved.forEach((r, i) => {
        if (r.status === 'fulfilled') arrived(this.files[i]!.dest);
        else firstError ??= r.reason;
      });
      if (firstError) throw firstError;
    } catch (e) {
      if (!journal) await log.rollback();
      await this.abort();
      const undone = journal ? '' : ' and was rolled back';
      throw new VenvError('INSTALL_FAILED', `Installing ${this.manifest.filename} failed${undone}: ${describe(e)}`, { cause: e });
    }
    await this.abort();
    if (replacing.length) log.emptiedFrom(replacing);
    if (!journal) await log.finish();
    return this.files.map((f) => f.dest);
  }

  /** Drop the staging directory (the environment is untouched by staging). */
  async abort(): Promise<void> {
    // After a successful commit the staging dir is usually empty: one rmdir instead of a tree walk.
    await rmdir(this.stagingDir).catch(() => rm(this.stagingDir, { recursive: true, force: true }));
  }
}

/** pip names the headers directory after the requirement, which for a wheel is its file name's project part. */
function headersDirName(m: UnpackManifest): string {
  try {
    return parseWheelName(m.filename).distribution.replace(/_/g, '-');
  } catch {
    return m.name;
  }
}

/**
 * Serialize PEP 610 data as pip does (`json.dumps(d, sort_keys=True)`: `", "` and `": "` separators).
 * @example directUrlJson({ url: 'file:///w.whl' }) // '{"url": "file:///w.whl"}'
 */
export function directUrlJson(d: DirectUrl): string {
  const dump = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(dump).join(', ')}]`;
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${pyString(k)}: ${dump(o[k])}`).join(', ')}}`;
    }
    return typeof v === 'string' ? pyString(v) : JSON.stringify(v);
  };
  return dump(d);
}

/** A JSON string escaped as Python's json module does by default (ensure_ascii). */
function pyString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
