// Turning a resolution into a Pipfile.lock: entries formatted as Pipenv formats them (normalized
// names, `==` pins, sorted hashes, sorted extras, path/file/VCS forms) plus `_meta` from the Pipfile.

import { LockfileError } from './errors';
import type { LockEntry, Lockfile, LockSource } from './lockfile';
import { PIPFILE_SPEC } from './lockfile';
import type { Pipfile, VcsSpec } from './pipfile';
import { effectiveSources, lockSectionName, pipfileCategoryName } from './pipfile';
import { pipfileHash } from './pipfile-hash';
import { compareCodePoints } from './python-json';

/** One file of a release, as far as the lock needs it (compatible with core-resolver's `DistributionFile`). */
export interface LockedFile {
  filename?: string;
  url?: string;
  /** Digests by algorithm, e.g. `{ sha256: '…hex…' }`. */
  hashes: Record<string, string>;
  size?: number;
  kind?: 'wheel' | 'sdist';
  /** PEP 700 upload time (ISO 8601), written to pylock.toml as a TOML datetime. */
  uploadTime?: string;
}

/** One resolved package, the input of {@link buildLock}. */
export interface ResolvedPackage {
  /** Any spelling; the lock key is {@link lockName} of it. */
  name: string;
  /** The exact version (without `==`); omitted for path/file/VCS packages. */
  version?: string;
  /** Every file of the release (all platforms), so the lock installs anywhere. */
  files?: LockedFile[];
  /** Extra `algorithm:hex` strings to add to the hashes. */
  hashes?: string[];
  /** Environment marker under which the package is needed. */
  markers?: string;
  /** Source name; when absent, top-level index packages get their Pipfile `index` or the first source. */
  index?: string;
  extras?: string[];
  editable?: boolean;
  path?: string;
  file?: string;
  /** VCS checkout; `ref` should be the resolved commit. */
  vcs?: VcsSpec;
}

export interface BuildLockInput {
  pipfile: Pipfile;
  /** Resolved packages per Pipfile category (`packages`, `dev-packages`, custom) or lock section name. */
  categories: Record<string, ResolvedPackage[]>;
  /** Do not add `index` to top-level packages that lack one (older Pipenv releases did not). */
  omitDefaultIndex?: boolean;
}

/**
 * The key Pipenv gives a package in Pipfile.lock (`pep423_name`): lowercase with `_` turned into `-`,
 * dots kept — `jaraco.classes` stays `jaraco.classes`, `Typing_Extensions` becomes `typing-extensions`.
 * @example lockName('Zope.Interface') // 'zope.interface'
 */
export function lockName(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

/**
 * `sha256:<hex>` strings of a package's files, deduplicated and sorted as Pipenv sorts them.
 * @example lockHashes([{ hashes: { sha256: 'BB' } }, { hashes: { sha256: 'aa' } }]) // ['sha256:aa', 'sha256:bb']
 */
export function lockHashes(files: readonly LockedFile[] = [], extra: readonly string[] = []): string[] {
  const set = new Set<string>(extra);
  for (const f of files) {
    const sha = f.hashes.sha256;
    if (sha) set.add(`sha256:${sha.toLowerCase()}`);
  }
  return [...set].sort(compareCodePoints);
}

/**
 * Format one resolved package as a Pipfile.lock entry.
 * @example lockEntry({ name: 'six', version: '1.16.0', hashes: ['sha256:bb', 'sha256:aa'] })
 * // { hashes: ['sha256:aa', 'sha256:bb'], version: '==1.16.0' }
 */
export function lockEntry(p: ResolvedPackage): LockEntry {
  const e: LockEntry = {};
  const hashes = lockHashes(p.files, p.hashes);
  if (p.vcs) {
    e[p.vcs.kind] = p.vcs.url;
    if (p.vcs.ref !== undefined) e.ref = p.vcs.ref;
    if (p.vcs.subdirectory !== undefined) e.subdirectory = p.vcs.subdirectory;
  } else if (p.path !== undefined) e.path = p.path;
  else if (p.file !== undefined) e.file = p.file;
  // A bare version gets Pipenv's `==`; anything else (`==x`, `===x`, Pipenv's occasional `*`) is kept.
  else if (p.version !== undefined) e.version = /^[0-9]/.test(p.version) ? `==${p.version}` : p.version;
  if (p.editable) e.editable = true;
  if (hashes.length) e.hashes = hashes;
  if (p.extras) e.extras = [...new Set(p.extras)].sort(compareCodePoints);
  if (p.markers) e.markers = p.markers;
  if (p.index !== undefined) e.index = p.index;
  return e;
}

/**
 * Build a Pipfile.lock from a resolution: `_meta` (hash, spec 6, requires, sources) and one section
 * per category. Write it with `writeLockfile` to get Pipenv's bytes.
 * @example
 * const lock = buildLock({ pipfile, categories: { packages: [{ name: 'six', version: '1.16.0', files }] } });
 */
export function buildLock(input: BuildLockInput): Lockfile {
  const { pipfile } = input;
  const sources: LockSource[] = effectiveSources(pipfile).map((s) => ({ name: s.name, url: s.url, verify_ssl: s.verifySsl }));
  const sections: Lockfile['sections'] = { default: {}, develop: {} };
  for (const category of pipfile.categories.keys()) sections[lockSectionName(category)] ??= {};
  for (const [category, packages] of Object.entries(input.categories)) {
    const sectionName = lockSectionName(category);
    const declared = new Map((pipfile.categories.get(pipfileCategoryName(category)) ?? []).map((p) => [lockName(p.name), p]));
    const section = (sections[sectionName] ??= {});
    for (const p of packages) {
      const key = lockName(p.name);
      if (section[key]) throw new LockfileError('LOCK_INVALID', `package ${key} appears twice in the resolution`, { key: `${sectionName}.${key}` });
      const top = declared.get(key);
      let index = p.index;
      const fromIndex = !p.vcs && p.path === undefined && p.file === undefined;
      if (index === undefined && top && fromIndex && !input.omitDefaultIndex) index = top.index ?? sources[0]?.name;
      section[key] = lockEntry({ ...p, index });
    }
  }
  const requires: Record<string, string> = {};
  for (const [k, v] of Object.entries(pipfile.requires)) if (typeof v === 'string') requires[k] = v;
  return { meta: { hash: { sha256: pipfileHash(pipfile) }, 'pipfile-spec': PIPFILE_SPEC, requires, sources }, sections };
}
