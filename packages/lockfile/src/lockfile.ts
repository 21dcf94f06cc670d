// Pipfile.lock (pipfile-spec 6): the model, a validating reader and a writer whose bytes equal what
// Pipenv writes (Python json, indent=4, sorted keys, `\uXXXX` escapes, trailing newline).

import { LockfileError } from './errors';
import type { LockfileErrorCode } from './errors';
import { parseJsonWithLines, pathKey } from './json-reader';
import { pyJsonIndented } from './python-json';
import type { PyJson } from './python-json';

/** The pipfile-spec version this package reads and writes. */
export const PIPFILE_SPEC = 6;

/** One locked package, keyed by its normalized name in its section. */
export interface LockEntry {
  /** `==x.y` for index packages; absent for path/file/VCS entries without a pin. */
  version?: string;
  /** `sha256:<hex>` digests of every file of the release, sorted. */
  hashes?: string[];
  markers?: string;
  /** Name of the `[[source]]` the package comes from (only written for Pipfile top-level entries). */
  index?: string;
  extras?: string[];
  editable?: boolean;
  path?: string;
  file?: string;
  git?: string;
  hg?: string;
  svn?: string;
  bzr?: string;
  ref?: string;
  subdirectory?: string;
  /** Keys this package does not know are kept, so a read -> write round trip loses nothing. */
  [other: string]: PyJson | undefined;
}

export interface LockSource {
  name: string;
  url: string;
  verify_ssl: boolean;
  [other: string]: PyJson;
}

/** `_meta`, with the key names Pipfile.lock uses. */
export interface LockMeta {
  hash: { sha256: string };
  'pipfile-spec': number;
  /** `[requires]` of the Pipfile (`python_version`, `python_full_version`). */
  requires: { [k: string]: string };
  sources: LockSource[];
}

/** A Pipfile.lock. `sections` holds `default`, `develop` and custom categories, each name -> entry. */
export interface Lockfile {
  meta: LockMeta;
  sections: Record<string, Record<string, LockEntry>>;
}

/** Where a key of a read lock sits: the reader keeps it for later error messages. */
export interface LockfileOrigin {
  file: string;
  lineOf(path: ReadonlyArray<string | number>): number | undefined;
}

const ORIGIN = new WeakMap<Lockfile, LockfileOrigin>();

/**
 * Where `lock` was read from (undefined for locks built in memory), to point errors at lines.
 * @example lockfileOrigin(lock)?.lineOf(['default', 'six']) // 24
 */
export function lockfileOrigin(lock: Lockfile): LockfileOrigin | undefined {
  return ORIGIN.get(lock);
}

const HASH = /^(sha256|sha384|sha512|sha224|sha1|md5|blake2b|blake2s|sha3_224|sha3_256|sha3_384|sha3_512):[0-9a-fA-F]+$/;
const STRING_KEYS = ['version', 'markers', 'index', 'path', 'file', 'git', 'hg', 'svn', 'bzr', 'ref', 'subdirectory'];

function isObject(v: unknown): v is { [k: string]: PyJson } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

export interface ReadLockfileOptions {
  /** File name used in error messages (default `Pipfile.lock`). */
  path?: string;
}

/**
 * Read and validate a Pipfile.lock.
 * @example
 * const lock = readLockfile(fs.readFileSync('Pipfile.lock', 'utf8'), { path: 'Pipfile.lock' });
 * lock.sections.default?.requests?.version // '==2.32.3'
 */
export function readLockfile(text: string, options: ReadLockfileOptions = {}): Lockfile {
  const file = options.path ?? 'Pipfile.lock';
  const { value, lines } = parseJsonWithLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, file);
  const lineOf = (path: ReadonlyArray<string | number>) => {
    for (let n = path.length; n > 0; n--) {
      const l = lines.get(pathKey(path.slice(0, n)));
      if (l !== undefined) return l;
    }
    return 1;
  };
  const fail = (code: LockfileErrorCode, path: Array<string | number>, detail: string, hint?: string): never => {
    throw new LockfileError(code, detail, { file, line: lineOf(path), key: path.join('.') || undefined, hint });
  };
  if (!isObject(value)) return fail('LOCK_WRONG_TYPE', [], 'a Pipfile.lock must be a JSON object');
  const meta = value._meta;
  if (meta === undefined) return fail('LOCK_MISSING_KEY', ['_meta'], 'missing _meta', 'regenerate the lock with `pipgrub lock`');
  if (!isObject(meta)) return fail('LOCK_WRONG_TYPE', ['_meta'], 'expected an object');
  for (const k of ['hash', 'pipfile-spec', 'requires', 'sources']) {
    if (!(k in meta)) fail('LOCK_MISSING_KEY', ['_meta', k], 'missing required key', 'regenerate the lock with `pipgrub lock`');
  }
  if (!isObject(meta.hash)) fail('LOCK_WRONG_TYPE', ['_meta', 'hash'], 'expected an object like {"sha256": "..."}');
  const h = (meta.hash as { [k: string]: PyJson }).sha256;
  if (h !== undefined && (typeof h !== 'string' || !/^[0-9a-f]{64}$/.test(h))) fail('LOCK_BAD_HASH', ['_meta', 'hash', 'sha256'], 'expected 64 lowercase hex digits');
  const spec = meta['pipfile-spec'];
  if (typeof spec !== 'number' || !Number.isInteger(spec)) fail('LOCK_WRONG_TYPE', ['_meta', 'pipfile-spec'], 'expected an integer');
  if (spec !== PIPFILE_SPEC) fail('LOCK_UNSUPPORTED_SPEC', ['_meta', 'pipfile-spec'], `unsupported pipfile-spec ${String(spec)} (this version reads ${PIPFILE_SPEC})`, 'regenerate the lock with `pipgrub lock`');
  if (!isObject(meta.requires)) fail('LOCK_WRONG_TYPE', ['_meta', 'requires'], 'expected an object');
  if (!Array.isArray(meta.sources)) fail('LOCK_WRONG_TYPE', ['_meta', 'sources'], 'expected an array');
  (meta.sources as PyJson[]).forEach((s, i) => {
    const p = ['_meta', 'sources', i];
    if (!isObject(s)) return fail('LOCK_WRONG_TYPE', p, 'expected an object');
    if (typeof s.url !== 'string') fail('LOCK_WRONG_TYPE', [...p, 'url'], 'expected a string');
    if (typeof s.name !== 'string') fail('LOCK_WRONG_TYPE', [...p, 'name'], 'expected a string');
    if (s.verify_ssl !== undefined && typeof s.verify_ssl !== 'boolean') fail('LOCK_WRONG_TYPE', [...p, 'verify_ssl'], 'expected true or false');
  });

  const sections: Lockfile['sections'] = {};
  for (const [name, section] of Object.entries(value)) {
    if (name === '_meta') continue;
    if (!isObject(section)) return fail('LOCK_WRONG_TYPE', [name], 'expected an object of packages');
    for (const [pkg, entry] of Object.entries(section)) validateEntry(entry, [name, pkg], fail);
    sections[name] = section as Record<string, LockEntry>;
  }
  // Pipenv tolerates a lock without `default`/`develop` and adds them empty; so do we.
  sections.default ??= {};
  sections.develop ??= {};
  const lock: Lockfile = { meta: meta as unknown as LockMeta, sections };
  ORIGIN.set(lock, { file, lineOf });
  return lock;
}

function validateEntry(
  entry: PyJson,
  path: string[],
  fail: (code: LockfileErrorCode, path: Array<string | number>, detail: string, hint?: string) => never,
): void {
  if (!isObject(entry)) return fail('LOCK_WRONG_TYPE', path, 'expected an object');
  for (const k of STRING_KEYS) {
    if (k in entry && typeof entry[k] !== 'string') fail('LOCK_WRONG_TYPE', [...path, k], 'expected a string');
  }
  if ('editable' in entry && typeof entry.editable !== 'boolean') fail('LOCK_WRONG_TYPE', [...path, 'editable'], 'expected true or false');
  if ('extras' in entry && !(Array.isArray(entry.extras) && entry.extras.every((x) => typeof x === 'string'))) {
    fail('LOCK_WRONG_TYPE', [...path, 'extras'], 'expected an array of strings');
  }
  if ('hashes' in entry) {
    const hs = entry.hashes;
    if (!Array.isArray(hs)) return fail('LOCK_WRONG_TYPE', [...path, 'hashes'], 'expected an array of "sha256:<hex>" strings');
    hs.forEach((x, i) => {
      if (typeof x !== 'string' || !HASH.test(x)) {
        fail('LOCK_BAD_HASH', [...path, 'hashes', i], `expected "sha256:<hex>", got ${JSON.stringify(x)}`, 'each hash is "<algorithm>:<hex digest>", e.g. "sha256:..."');
      }
    });
  }
}

/**
 * The exact bytes Pipenv writes for this lock: Python `json.dumps(indent=4, separators=(",", ": "),
 * sort_keys=True)` plus a trailing newline.
 * @example fs.writeFileSync('Pipfile.lock', writeLockfile(lock))
 */
export function writeLockfile(lock: Lockfile, options: WriteLockfileOptions = {}): string {
  const doc: { [k: string]: PyJson } = { _meta: stripUndefined(lock.meta) };
  for (const [name, section] of Object.entries(lock.sections)) {
    const out: { [k: string]: PyJson } = {};
    for (const [pkg, entry] of Object.entries(section)) out[pkg] = stripUndefined(entry);
    doc[name] = out;
  }
  const text = pyJsonIndented(doc) + '\n';
  return options.newline === '\r\n' ? text.replace(/\n/g, '\r\n') : text;
}

export interface WriteLockfileOptions {
  /** Line ending; Pipenv keeps the one the existing lock uses (see {@link detectNewline}). Default `\n`. */
  newline?: '\n' | '\r\n';
}

/**
 * The line ending a file uses (`\r\n` when its first line ends so), as Pipenv preserves it.
 * @example writeLockfile(lock, { newline: detectNewline(oldText) })
 */
export function detectNewline(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function stripUndefined(o: object): { [k: string]: PyJson } {
  const out: { [k: string]: PyJson } = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v as PyJson;
  return out;
}
