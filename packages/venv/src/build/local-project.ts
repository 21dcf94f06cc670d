// Local projects (Pipfile `path`, `file` and `git` entries): where their source is, their metadata
// and the wheel to install — built wheels of archives and commits cached, path builds never.

import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { LockEntry } from '@pipgrub/lockfile';
import { VenvError, describe } from '../errors';
import { pathExists } from '../path-exists';
import type { DirectUrl } from '../wheel/staged-install';
import { fileDigest } from '../cache/wheel-cache';
import { ProjectBuilder, type BuildMode, type LocalMetadata, type ProjectBuilderOptions } from './frontend';
import { assertSupportedVcs, checkoutGit } from './vcs';
import { execFileText } from '../child-process';

const run = execFileText;

/** Where a local project comes from (absolute paths; see {@link localProjectSpec}). */
export type LocalProjectSpec =
  | { kind: 'path'; dir: string; editable: boolean }
  | { kind: 'file'; location: string }
  | { kind: 'git'; url: string; ref?: string; subdirectory?: string; editable: boolean };

/** A local project, prepared: its metadata, and what the lock records about its origin. */
export interface PreparedLocalProject {
  /** The Pipfile/lock key it was asked for. */
  entry: string;
  spec: LocalProjectSpec;
  metadata: LocalMetadata;
  /** `sha256:<hex>` of a `file` archive (what the lock lists). */
  hashes?: string[];
  /** The commit a `git` ref resolved to. */
  commit?: string;
}

/** Options of {@link LocalProjects}. */
export interface LocalProjectsOptions extends Omit<ProjectBuilderOptions, 'project'> {
  /** The pipgrub cache root (built wheels go under `built-wheels/`, git repositories under `git/`). */
  cacheDir: string;
}

/** The Pipfile.lock fields of an entry that say where it comes from. */
export type LocalEntryFields = Pick<LockEntry, 'path' | 'file' | 'editable' | 'git' | 'hg' | 'svn' | 'bzr' | 'ref' | 'subdirectory'>;

/**
 * Whether a Pipfile or lock entry is a local project (path, file or VCS) rather than an index package.
 * @example isLocalEntry({ editable: true, path: '.' }) // true
 */
export function isLocalEntry(e: LocalEntryFields): boolean {
  return e.path !== undefined || e.file !== undefined || e.git !== undefined || e.hg !== undefined || e.svn !== undefined || e.bzr !== undefined;
}

/**
 * The {@link LocalProjectSpec} of a Pipfile/lock entry, paths made absolute against `projectDir`.
 * hg/svn/bzr are refused with a `VCS_UNSUPPORTED` error naming the entry.
 * @example localProjectSpec('mylib', { editable: true, path: '.' }, '/work/app') // { kind: 'path', dir: '/work/app', editable: true }
 */
export function localProjectSpec(name: string, e: LocalEntryFields, projectDir: string): LocalProjectSpec {
  for (const kind of ['hg', 'svn', 'bzr'] as const) if (e[kind] !== undefined) assertSupportedVcs(kind, name);
  if (e.git !== undefined) {
    return { kind: 'git', url: e.git.replace(/^git\+/, ''), editable: e.editable === true, ...(e.ref ? { ref: e.ref } : {}), ...(e.subdirectory ? { subdirectory: e.subdirectory } : {}) };
  }
  const target = e.path ?? e.file;
  if (target === undefined) throw new VenvError('LOCAL_PROJECT_INVALID', `${name} has no path, file or git key`);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    if (target.startsWith('file:')) return localProjectSpec(name, { ...e, path: undefined, file: fileURLToPath(target) }, projectDir);
    return { kind: 'file', location: target };
  }
  const abs = path.resolve(projectDir, target);
  if (/\.(whl|tar\.gz|tgz|zip|tar\.bz2|tar)$/i.test(abs)) return { kind: 'file', location: abs };
  return { kind: 'path', dir: abs, editable: e.editable === true };
}

/**
 * The PEP 610 `direct_url.json` an installed local project gets.
 * @example directUrlOf({ kind: 'path', dir: '/src/p', editable: true }) // { url: 'file:///src/p', dir_info: { editable: true } }
 */
export function directUrlOf(spec: LocalProjectSpec, prepared?: Pick<PreparedLocalProject, 'hashes' | 'commit'>): DirectUrl {
  switch (spec.kind) {
    case 'path':
      return { url: pathToFileURL(spec.dir).href, dir_info: spec.editable ? { editable: true } : {} };
    case 'file': {
      const sha = prepared?.hashes?.[0]?.replace(/^sha256:/, '');
      const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(spec.location) ? spec.location : pathToFileURL(spec.location).href;
      return { url, ...(sha ? { archive_info: { hashes: { sha256: sha } } } : {}) };
    }
    case 'git':
      return {
        url: spec.url,
        vcs_info: { vcs: 'git', commit_id: prepared?.commit ?? spec.ref ?? '', ...(spec.ref && spec.ref !== prepared?.commit ? { requested_revision: spec.ref } : {}) },
        ...(spec.subdirectory ? { subdirectory: spec.subdirectory } : {}),
      } as DirectUrl;
  }
}

interface CachedBuild {
  wheel: string;
  metadata: LocalMetadata;
}

/**
 * Prepares and builds local projects for one command: metadata for the lock, wheels for sync.
 * Builders of path projects stay open between the two (one build environment each); wheels of file
 * archives and git commits are cached in `<cacheDir>/built-wheels/`, path builds never.
 * @example
 * const projects = new LocalProjects({ interpreter, environment, source, cacheDir });
 * try { const p = await projects.prepare('mylib', { kind: 'path', dir, editable: true }); } finally { await projects.close(); }
 */
export class LocalProjects {
  private readonly builders = new Map<string, Promise<ProjectBuilder>>();
  private readonly cached = new Map<string, Promise<CachedBuild>>();
  private scratch: string | undefined;

  constructor(readonly options: LocalProjectsOptions) {}

  private async scratchDir(): Promise<string> {
    this.scratch ??= await mkdtemp(path.join(os.tmpdir(), 'pipgrub-local-'));
    return this.scratch;
  }

  private builder(dir: string, project: string): Promise<ProjectBuilder> {
    let b = this.builders.get(dir);
    if (!b) {
      b = ProjectBuilder.open(dir, { ...this.options, project });
      this.builders.set(dir, b);
    }
    return b;
  }

  /** The archive of a `file` entry on disk (downloaded through the source for remote URLs). */
  private async archive(entry: string, location: string): Promise<string> {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
      if (!(await pathExists(location))) throw new VenvError('LOCAL_PROJECT_INVALID', `${entry}: ${location} does not exist`, { hint: 'fix the file = "..." of the Pipfile entry' });
      return location;
    }
    const source = this.options.source;
    if (!source) throw new VenvError('DOWNLOAD_FAILED', `${entry}: cannot download ${location} without a package source`);
    const filename = decodeURIComponent(new URL(location).pathname.split('/').pop() ?? 'archive');
    const got = await source.downloadFile({ filename, url: location, kind: filename.endsWith('.whl') ? 'wheel' : 'sdist', hashes: {} });
    // Keep the archive's own name: sdist unpacking and wheel installs read it.
    const dir = path.join(await this.scratchDir(), 'downloads', createHash('sha256').update(location).digest('hex').slice(0, 16));
    await mkdir(dir, { recursive: true });
    const dest = path.join(dir, filename);
    await copyFile(got.path, dest);
    return dest;
  }

  /** A wheel built once per cache key and kept with its metadata. */
  private cachedBuild(key: string, entry: string, make: (outDir: string) => Promise<string>): Promise<CachedBuild> {
    let p = this.cached.get(key);
    if (!p) {
      p = (async () => {
        const dir = path.join(this.options.cacheDir, 'built-wheels', key);
        const metaFile = path.join(dir, 'metadata.json');
        try {
          const saved = JSON.parse(await readFile(metaFile, 'utf8')) as { wheel: string; metadata: LocalMetadata };
          if (await pathExists(path.join(dir, saved.wheel))) return { wheel: path.join(dir, saved.wheel), metadata: saved.metadata };
        } catch {
          // not cached yet
        }
        const out = path.join(await this.scratchDir(), 'build', key);
        const wheel = await make(out);
        const metadata = await wheelMetadata(wheel, entry);
        await mkdir(dir, { recursive: true });
        await copyFile(wheel, path.join(dir, path.basename(wheel)));
        const tmp = `${metaFile}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify({ wheel: path.basename(wheel), metadata }));
        await rename(tmp, metaFile);
        return { wheel: path.join(dir, path.basename(wheel)), metadata };
      })();
      this.cached.set(key, p);
      p.catch(() => this.cached.delete(key));
    }
    return p;
  }

  /** Build the source tree `dir` as a wheel (for the cache). */
  private async buildTree(dir: string, entry: string, outDir: string): Promise<string> {
    const b = await ProjectBuilder.open(dir, { ...this.options, project: entry });
    try {
      return await b.build('wheel', outDir);
    } finally {
      await b.close();
    }
  }

  private async fileBuild(entry: string, location: string): Promise<{ build: CachedBuild; sha256: string }> {
    const archive = await this.archive(entry, location);
    const sha256 = await fileDigest(archive);
    if (archive.toLowerCase().endsWith('.whl')) return { build: { wheel: archive, metadata: await wheelMetadata(archive, entry) }, sha256 };
    const build = await this.cachedBuild(`sha256-${sha256}`, entry, async (out) => {
      const tree = await unpackSdist(archive, path.join(await this.scratchDir(), 'sdists', sha256), entry, this.options.interpreter.executable);
      return this.buildTree(tree, entry, out);
    });
    return { build, sha256 };
  }

  private async gitTree(entry: string, spec: Extract<LocalProjectSpec, { kind: 'git' }>): Promise<{ dir: string; commit: string }> {
    const co = await checkoutGit(spec.url, { cacheDir: this.options.cacheDir, entry, ...(spec.ref ? { ref: spec.ref } : {}) });
    const dir = spec.subdirectory ? path.join(co.dir, spec.subdirectory) : co.dir;
    if (spec.subdirectory && !(await pathExists(dir))) {
      throw new VenvError('LOCAL_PROJECT_INVALID', `${entry}: ${spec.url}@${co.commit.slice(0, 12)} has no subdirectory ${spec.subdirectory}`);
    }
    return { dir, commit: co.commit };
  }

  private gitKey(commit: string, subdirectory: string | undefined): string {
    return `git-${commit}${subdirectory ? `-${createHash('sha256').update(subdirectory).digest('hex').slice(0, 12)}` : ''}`;
  }

  /**
   * Metadata of a local project (building what must be built), plus the hashes / commit the lock
   * records. `entry` is its Pipfile key, used in messages.
   */
  async prepare(entry: string, spec: LocalProjectSpec): Promise<PreparedLocalProject> {
    switch (spec.kind) {
      case 'path': {
        if (!(await pathExists(spec.dir))) throw new VenvError('LOCAL_PROJECT_INVALID', `${entry}: ${spec.dir} does not exist`, { hint: 'fix the path = "..." of the Pipfile entry' });
        const b = await this.builder(spec.dir, entry);
        return { entry, spec, metadata: await b.metadata(spec.editable ? 'editable' : 'wheel') };
      }
      case 'file': {
        const { build, sha256 } = await this.fileBuild(entry, spec.location);
        return { entry, spec, metadata: build.metadata, hashes: [`sha256:${sha256}`] };
      }
      case 'git': {
        const { dir, commit } = await this.gitTree(entry, spec);
        if (spec.editable) {
          const b = await this.builder(dir, entry);
          return { entry, spec, metadata: await b.metadata('editable'), commit };
        }
        const build = await this.cachedBuild(this.gitKey(commit, spec.subdirectory), entry, (out) => this.buildTree(dir, entry, out));
        return { entry, spec, metadata: build.metadata, commit };
      }
    }
  }

  /**
   * The wheel to install for a local project: built (editable via PEP 660 when asked) or taken from
   * the cache. For git, `commit` pins the checkout (the lock's `ref`).
   */
  async wheel(entry: string, spec: LocalProjectSpec): Promise<{ wheel: string; metadata: LocalMetadata; hashes?: string[]; commit?: string }> {
    switch (spec.kind) {
      case 'path': {
        const b = await this.builder(spec.dir, entry);
        const mode: BuildMode = spec.editable ? 'editable' : 'wheel';
        const metadata = await b.metadata(mode);
        return { wheel: await b.build(mode, path.join(await this.scratchDir(), 'wheels', createHash('sha256').update(spec.dir).digest('hex').slice(0, 16))), metadata };
      }
      case 'file': {
        const { build, sha256 } = await this.fileBuild(entry, spec.location);
        return { ...build, hashes: [`sha256:${sha256}`] };
      }
      case 'git': {
        const { dir, commit } = await this.gitTree(entry, spec);
        if (spec.editable) {
          const b = await this.builder(dir, entry);
          const metadata = await b.metadata('editable');
          return { wheel: await b.build('editable', path.join(await this.scratchDir(), 'wheels', commit)), metadata, commit };
        }
        const build = await this.cachedBuild(this.gitKey(commit, spec.subdirectory), entry, (out) => this.buildTree(dir, entry, out));
        return { ...build, commit };
      }
    }
  }

  /** Close every builder and remove scratch files (built wheels in the cache stay). */
  async close(): Promise<void> {
    const builders = [...this.builders.values()];
    this.builders.clear();
    await Promise.all(builders.map((b) => b.then((x) => x.close(), () => undefined)));
    if (this.scratch) await rm(this.scratch, { recursive: true, force: true });
  }
}

/** Core metadata of a wheel file. */
async function wheelMetadata(wheel: string, entry: string): Promise<LocalMetadata> {
  const { fileReader, readWheelMetadata, parseCoreMetadata } = await import('@pipgrub/pypi-source');
  let text: string;
  const reader = await fileReader(wheel);
  try {
    text = await readWheelMetadata(reader);
  } catch (e) {
    throw new VenvError('BAD_WHEEL', `${entry}: ${path.basename(wheel)} has no readable METADATA: ${describe(e)}`, { cause: e });
  } finally {
    await reader.close?.();
  }
  const parsed = parseCoreMetadata(text);
  if (!parsed.ok) throw new VenvError('BAD_WHEEL', `${entry}: ${path.basename(wheel)}: ${parsed.reason}`);
  const m = parsed.metadata;
  return { name: m.name, version: m.version, requiresDist: m.requiresDist, ...(m.requiresPython ? { requiresPython: m.requiresPython } : {}), providesExtra: m.providesExtra };
}

const UNPACK_SCRIPT = String.raw`
import sys, tarfile, zipfile
src, dest = sys.argv[1], sys.argv[2]
if zipfile.is_zipfile(src):
    zipfile.ZipFile(src).extractall(dest)
else:
    t = tarfile.open(src)
    try:
        t.extractall(dest, filter='data')
    except TypeError:
        t.extractall(dest)
`;

/** Unpack an sdist (tar or zip) and return its source tree (the single top folder, as sdists have). */
async function unpackSdist(archive: string, dest: string, entry: string, python: string): Promise<string> {
  await rm(dest, { recursive: true, force: true });
  await mkdir(dest, { recursive: true });
  try {
    await run(python, ['-c', UNPACK_SCRIPT, archive, dest]);
  } catch (e) {
    throw new VenvError('LOCAL_PROJECT_INVALID', `${entry}: cannot unpack ${path.basename(archive)}: ${describe(e).split('\n').pop()}`, { cause: e });
  }
  const top = await readdir(dest);
  return top.length === 1 && !(await pathExists(path.join(dest, 'pyproject.toml'))) && !(await pathExists(path.join(dest, 'setup.py'))) ? path.join(dest, top[0]!) : dest;
}
