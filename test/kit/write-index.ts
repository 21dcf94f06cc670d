// Writes a whole test index to disk: artifacts under files/, PEP 503 HTML and PEP 691 JSON pages under
// simple/, PEP 658 .metadata files; every piece can be switched off to imitate older indexes.
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { buildSdist, buildWheel, sha256Hex } from './artifacts';
import { normalizeProjectName, releaseWheelTags, type IndexDescription, type ReleaseDescription } from './description';
import { TestKitError } from './errors';
import { coreMetadata } from './metadata';

/** Switches for what the written index contains. Everything is on by default. */
export interface IndexOptions {
  /** Write PEP 503 `index.html` pages. Default true. */
  html?: boolean;
  /** Write PEP 691 `index.json` pages. Default true. */
  json?: boolean;
  /** `1.0` (PEP 691) or `1.1` (PEP 700: `versions`, `size`, `upload-time`). Default `1.1`. */
  apiVersion?: '1.0' | '1.1';
  /** Write PEP 658 `<file>.metadata` next to wheels and advertise them. Default true. */
  metadataFiles?: boolean;
  /** Which attribute names advertise metadata: both (default), only PEP 714 `core-metadata`, or only the older `dist-info-metadata`. */
  metadataKeys?: 'both' | 'core-metadata' | 'dist-info-metadata';
  /** Append `#sha256=` to HTML links (JSON always has `hashes`, empty when off). Default true. */
  hashFragments?: boolean;
  /** Emit `data-requires-python` / `requires-python`. Default true. */
  requiresPythonAttr?: boolean;
  /** Emit `data-yanked` / `yanked`. Default true. */
  yankedAttr?: boolean;
  /** `relative` (`../../files/x.whl`, default), `root` (`/files/x.whl`) or `absolute` (`<baseUrl>/files/x.whl`). */
  links?: 'relative' | 'root' | 'absolute';
  /** Required for `links: 'absolute'`, e.g. `http://127.0.0.1:8080` or a `file://` URL of the folder. */
  baseUrl?: string;
  /**
   * Folder for the artifacts, relative to the index root. Default `files`; `.` puts them next to
   * `simple/`, so the same folder also works as a pip `--find-links` directory.
   */
  filesDir?: string;
  /**
   * Existing distribution files (absolute paths, e.g. the setuptools wheel bundled with ensurepip)
   * served as they are, next to the described ones, under the project and version their file names
   * give. No PEP 658 `.metadata` is written for them (clients read the wheel itself).
   */
  existingFiles?: string[];
}

/** One file written into `files/`. */
export interface WrittenArtifact {
  /** The project name as written in the description. */
  project: string;
  /** The PEP 503 normalized project name. */
  normalized: string;
  version: string;
  kind: 'wheel' | 'sdist';
  filename: string;
  /** Absolute path on disk. */
  path: string;
  /** Path part of the URL the server serves it under: `/files/<filename>` (see `filesDir`). */
  urlPath: string;
  sha256: string;
  size: number;
  /** sha256 of the PEP 658 `.metadata` file when one was written. */
  metadataSha256?: string;
  requiresPython?: string;
  yanked?: boolean | string;
  /** PEP 700 upload time, deterministic. */
  uploadTime: string;
}

/** What `writeIndex` wrote. */
export interface WrittenIndex {
  /** The folder given to `writeIndex`. */
  root: string;
  /** `<root>/simple`. */
  simpleDir: string;
  /** Every artifact, in description order. */
  files: WrittenArtifact[];
  /** The same artifacts by filename. */
  byFilename: Map<string, WrittenArtifact>;
  /** Normalized project names, sorted. */
  projects: string[];
}

const FIXED_EPOCH = Date.UTC(2020, 0, 1);

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Builds every artifact of `description` and writes the index tree into `dir`.
 *
 * @example
 * ```ts
 * const index = writeIndex('/tmp/idx', { demo: { '1.0': { sdist: true } } }, { json: false });
 * index.files.map((f) => f.filename); // ['demo-1.0-py3-none-any.whl', 'demo-1.0.tar.gz']
 * ```
 */
export function writeIndex(dir: string, description: IndexDescription, options: IndexOptions = {}): WrittenIndex {
  const o = {
    html: true, json: true, apiVersion: '1.1', metadataFiles: true, metadataKeys: 'both', hashFragments: true,
    requiresPythonAttr: true, yankedAttr: true, links: 'relative', filesDir: 'files', ...options,
  } as Required<Omit<IndexOptions, 'baseUrl'>> & { baseUrl?: string };
  const filesRel = o.filesDir.replace(/^\.?\/+|\/+$/g, '').replace(/^\.$/, '');
  if (filesRel.split('/').includes('..')) throw new TestKitError('BAD_OPTION', `writeIndex filesDir must stay inside the index folder: ${o.filesDir}`);
  const filesUrl = filesRel === '' ? '/' : `/${filesRel}/`;
  if (o.links === 'absolute' && !o.baseUrl) throw new TestKitError('BAD_OPTION', "writeIndex links: 'absolute' needs baseUrl", 'pass baseUrl, or use startIndex, which fills in its own URL');
  const filesDir = join(dir, filesRel);
  const simpleDir = join(dir, 'simple');
  mkdirSync(filesDir, { recursive: true });
  mkdirSync(simpleDir, { recursive: true });

  const all: WrittenArtifact[] = [];
  const byProject = new Map<string, { display: string; versions: string[]; files: WrittenArtifact[] }>();
  let position = 0;
  for (const [project, versions] of Object.entries(description)) {
    const normalized = normalizeProjectName(project);
    if (byProject.has(normalized)) throw new TestKitError('DUPLICATE_PROJECT', `project ${project} is listed twice (as ${byProject.get(normalized)!.display})`, 'names equal after PEP 503 normalization are the same project');
    const entry = { display: project, versions: Object.keys(versions), files: [] as WrittenArtifact[] };
    byProject.set(normalized, entry);
    for (const [version, release] of Object.entries(versions)) {
      position++;
      const built = [
        ...releaseWheelTags(release).map((tag) => ({ kind: 'wheel' as const, a: buildWheel(project, version, release, tag) })),
        ...(release.sdist ? [{ kind: 'sdist' as const, a: buildSdist(project, version, release) }] : []),
      ];
      for (const { kind, a } of built) {
        const path = join(filesDir, a.filename);
        writeFileSync(path, a.bytes);
        const w: WrittenArtifact = {
          project, normalized, version, kind, filename: a.filename, path, urlPath: `${filesUrl}${a.filename}`,
          sha256: a.sha256, size: a.bytes.length, uploadTime: uploadTime(release, position),
        };
        if (release.requiresPython !== undefined) w.requiresPython = release.requiresPython;
        if (release.yanked) w.yanked = release.yanked;
        if (kind === 'wheel' && o.metadataFiles) {
          const meta = coreMetadata(project, version, release, 'wheel');
          writeFileSync(`${path}.metadata`, meta);
          w.metadataSha256 = sha256Hex(meta);
        }
        entry.files.push(w);
        all.push(w);
      }
    }
  }

  for (const file of options.existingFiles ?? []) {
    const filename = basename(file);
    const m = /^([A-Za-z0-9_.]+?)-([^-]+?)(?:-[^-]+-[^-]+-[^-]+\.whl|\.tar\.gz|\.zip)$/.exec(filename);
    if (!m) throw new TestKitError('BAD_OPTION', `existingFiles: cannot tell project and version from ${filename}`);
    const [, project = '', version = ''] = m;
    const normalized = normalizeProjectName(project);
    let entry = byProject.get(normalized);
    if (!entry) byProject.set(normalized, (entry = { display: project, versions: [], files: [] }));
    if (!entry.versions.includes(version)) entry.versions.push(version);
    const path = join(filesDir, filename);
    copyFileSync(file, path);
    const w: WrittenArtifact = {
      project, normalized, version, kind: filename.endsWith('.whl') ? 'wheel' : 'sdist', filename, path, urlPath: `${filesUrl}${filename}`,
      sha256: sha256Hex(readFileSync(path)), size: statSync(path).size, uploadTime: new Date(FIXED_EPOCH).toISOString().replace(/\.\d+Z$/, '.000000Z'),
    };
    entry.files.push(w);
    all.push(w);
  }

  const projects = [...byProject.keys()].sort();
  if (o.html) writeFileSync(join(simpleDir, 'index.html'), rootHtml(projects, byProject));
  if (o.json) writeFileSync(join(simpleDir, 'index.json'), JSON.stringify({ meta: { 'api-version': o.apiVersion }, projects: projects.map((p) => ({ name: byProject.get(p)!.display })) }, null, 1) + '\n');
  for (const p of projects) {
    const entry = byProject.get(p)!;
    mkdirSync(join(simpleDir, p), { recursive: true });
    const href = (f: WrittenArtifact) => (o.links === 'relative' ? `../..${f.urlPath}` : o.links === 'root' ? f.urlPath : `${o.baseUrl!.replace(/\/+$/, '')}${f.urlPath}`);
    if (o.html) writeFileSync(join(simpleDir, p, 'index.html'), projectHtml(entry.display, entry.files, href, o));
    if (o.json) writeFileSync(join(simpleDir, p, 'index.json'), projectJson(entry.display, entry.versions, entry.files, href, o));
  }
  return { root: dir, simpleDir, files: all, byFilename: new Map(all.map((f) => [f.filename, f])), projects };
}

function uploadTime(release: ReleaseDescription, position: number): string {
  if (release.uploadTime) return release.uploadTime;
  return new Date(FIXED_EPOCH + position * 86_400_000).toISOString().replace(/\.\d+Z$/, '.000000Z');
}

function rootHtml(projects: string[], byProject: Map<string, { display: string }>): string {
  const links = projects.map((p) => `    <a href="${escapeHtml(p)}/">${escapeHtml(byProject.get(p)!.display)}</a><br />\n`).join('');
  return `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>Simple index</title>\n  </head>\n  <body>\n${links}  </body>\n</html>\n`;
}

type Opts = Required<Omit<IndexOptions, 'baseUrl'>>;

function projectHtml(display: string, files: WrittenArtifact[], href: (f: WrittenArtifact) => string, o: Opts): string {
  const links = files.map((f) => {
    let url = href(f);
    if (o.hashFragments) url += `#sha256=${f.sha256}`;
    const attrs = [`href="${escapeHtml(url)}"`];
    if (o.requiresPythonAttr && f.requiresPython !== undefined) attrs.push(`data-requires-python="${escapeHtml(f.requiresPython)}"`);
    if (o.yankedAttr && f.yanked) attrs.push(`data-yanked="${f.yanked === true ? '' : escapeHtml(f.yanked)}"`);
    if (f.metadataSha256) {
      if (o.metadataKeys !== 'core-metadata') attrs.push(`data-dist-info-metadata="sha256=${f.metadataSha256}"`);
      if (o.metadataKeys !== 'dist-info-metadata') attrs.push(`data-core-metadata="sha256=${f.metadataSha256}"`);
    }
    return `    <a ${attrs.join(' ')}>${escapeHtml(f.filename)}</a><br />\n`;
  });
  const title = `Links for ${escapeHtml(normalizeProjectName(display))}`;
  return `<!DOCTYPE html>\n<html>\n  <head>\n    <meta name="pypi:repository-version" content="1.1">\n    <title>${title}</title>\n  </head>\n  <body>\n    <h1>${title}</h1>\n${links.join('')}  </body>\n</html>\n`;
}

function projectJson(display: string, versions: string[], files: WrittenArtifact[], href: (f: WrittenArtifact) => string, o: Opts): string {
  const v11 = o.apiVersion === '1.1';
  const out = {
    meta: { 'api-version': o.apiVersion },
    name: normalizeProjectName(display),
    ...(v11 ? { versions } : {}),
    files: files.map((f) => {
      const entry: Record<string, unknown> = { filename: f.filename, url: href(f), hashes: o.hashFragments ? { sha256: f.sha256 } : {} };
      if (o.requiresPythonAttr && f.requiresPython !== undefined) entry['requires-python'] = f.requiresPython;
      if (o.yankedAttr) entry['yanked'] = f.yanked ?? false;
      // Files without metadata omit the keys rather than sending `false`: pip 23.0 crashes on `false`.
      if (f.metadataSha256) {
        const meta = { sha256: f.metadataSha256 };
        if (o.metadataKeys !== 'dist-info-metadata') entry['core-metadata'] = meta;
        if (o.metadataKeys !== 'core-metadata') entry['dist-info-metadata'] = meta;
      }
      if (v11) {
        entry['size'] = f.size;
        entry['upload-time'] = f.uploadTime;
      }
      return entry;
    }),
  };
  return JSON.stringify(out, null, 1) + '\n';
}
