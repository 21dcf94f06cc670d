// The plain-data description of a package index that the kit turns into real artifacts, plus the
// PEP 503 / PEP 427 name rules every other kit file uses to name projects, files and folders.
import type { InMemoryRelease } from '@pipgrub/core-resolver/python';
import { TestKitError } from './errors';

/**
 * What one release (one project version) of a test index contains: the resolver-level fields of
 * `InMemoryRelease` (requiresDist, requiresPython, providesExtra, yanked, wheels, sdist) plus artifact details.
 *
 * @example
 * ```ts
 * const release: ReleaseDescription = {
 *   requiresDist: ['idna>=2.5', 'pysocks; extra == "socks"'],
 *   requiresPython: '>=3.8',
 *   providesExtra: ['socks'],
 *   wheels: ['py3-none-any'],
 *   sdist: true,
 *   entryPoints: { console_scripts: { demo: 'demo:main' } },
 * };
 * ```
 */
export interface ReleaseDescription extends Omit<InMemoryRelease, 'metadata'> {
  /** PEP 643 `Dynamic` fields written into the sdist's PKG-INFO (which then uses Metadata-Version 2.2). */
  dynamic?: string[];
  /** Override the Metadata-Version written (wheel METADATA and sdist PKG-INFO). Default 2.1, or 2.2 for an sdist with `dynamic`. */
  metadataVersion?: string;
  /** entry_points.txt sections. Targets inside the default module get generated stub functions. */
  entryPoints?: { console_scripts?: Record<string, string>; gui_scripts?: Record<string, string> };
  /** Extra files inside the wheel (and sdist) keyed by archive path, e.g. `pkg-1.0.data/scripts/tool`. */
  files?: Record<string, string | Uint8Array>;
  /** `Summary` metadata field. */
  summary?: string;
  /** PEP 700 upload time (ISO 8601). Default: a fixed date derived from the release's position. */
  uploadTime?: string;
  /** Zip compression for the wheel. Default `deflate`. */
  compression?: 'deflate' | 'store';
}

/**
 * A whole index: project name -> version -> release. Names are written as given (display names) and
 * normalized (PEP 503) for URLs.
 *
 * @example
 * ```ts
 * const index: IndexDescription = {
 *   app: { '1.0.0': { requiresDist: ['lib>=2'], entryPoints: { console_scripts: { app: 'app:main' } } } },
 *   lib: { '2.0.0': {}, '2.1.0': { requiresPython: '>=3.9' } },
 * };
 * ```
 */
export type IndexDescription = Record<string, Record<string, ReleaseDescription>>;

/**
 * PEP 503 name normalization: runs of `-`, `_`, `.` become one `-`, lower-cased.
 *
 * @example
 * ```ts
 * normalizeProjectName('Foo_Bar.baz'); // 'foo-bar-baz'
 * ```
 */
export function normalizeProjectName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * The distribution-name part of wheel and sdist filenames (PEP 427 / PEP 625 escaping): the normalized
 * name with `-` replaced by `_`.
 *
 * @example
 * ```ts
 * escapedDistName('charset-normalizer'); // 'charset_normalizer'
 * ```
 */
export function escapedDistName(name: string): string {
  return normalizeProjectName(name).replace(/-/g, '_');
}

/**
 * The default top-level module written into a project's wheel (`charset-normalizer` -> `charset_normalizer`).
 *
 * @example
 * ```ts
 * moduleName('Jinja2'); // 'jinja2'
 * ```
 */
export function moduleName(name: string): string {
  return escapedDistName(name);
}

/**
 * The `.dist-info` folder name inside a wheel.
 *
 * @example
 * ```ts
 * distInfoDir('Flask', '3.0.3'); // 'flask-3.0.3.dist-info'
 * ```
 */
export function distInfoDir(name: string, version: string): string {
  return `${escapedDistName(name)}-${version}.dist-info`;
}

/**
 * The `.data` folder name inside a wheel (for `files` like `<dataDir>/scripts/tool`).
 *
 * @example
 * ```ts
 * wheelDataDir('Flask', '3.0.3'); // 'flask-3.0.3.data'
 * ```
 */
export function wheelDataDir(name: string, version: string): string {
  return `${escapedDistName(name)}-${version}.data`;
}

/**
 * The PEP 427 wheel filename for a tag triple.
 *
 * @example
 * ```ts
 * wheelFilename('Flask', '3.0.3', 'py3-none-any'); // 'flask-3.0.3-py3-none-any.whl'
 * ```
 */
export function wheelFilename(name: string, version: string, tag = 'py3-none-any'): string {
  return `${escapedDistName(name)}-${version}-${tag}.whl`;
}

/**
 * The PEP 625 sdist filename.
 *
 * @example
 * ```ts
 * sdistFilename('Flask', '3.0.3'); // 'flask-3.0.3.tar.gz'
 * ```
 */
export function sdistFilename(name: string, version: string): string {
  return `${escapedDistName(name)}-${version}.tar.gz`;
}

/** The wheel tags of a release with the default applied. */
export function releaseWheelTags(release: ReleaseDescription): string[] {
  return release.wheels ?? ['py3-none-any'];
}

/** Splits a tag triple, rejecting anything that is not `python-abi-platform`. */
export function parseTagTriple(tag: string): { python: string; abi: string; platform: string } {
  const parts = tag.split('-');
  if (parts.length !== 3 || parts.some((p) => p === '')) {
    throw new TestKitError('BAD_TAG', `wheel tag ${JSON.stringify(tag)} is not a python-abi-platform triple`, "write tags like 'py3-none-any' or 'cp312-cp312-manylinux_2_17_x86_64'");
  }
  const [python, abi, platform] = parts as [string, string, string];
  return { python, abi, platform };
}

/** The expanded PEP 425 tags of a (possibly compressed, `py2.py3-none-any`) triple, for WHEEL `Tag` lines. */
export function expandTagTriple(tag: string): string[] {
  const { python, abi, platform } = parseTagTriple(tag);
  const out: string[] = [];
  for (const p of python.split('.')) for (const a of abi.split('.')) for (const pl of platform.split('.')) out.push(`${p}-${a}-${pl}`);
  return out;
}
