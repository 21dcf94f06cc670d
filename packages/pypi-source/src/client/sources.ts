// Index sources as a Pipfile lists them (`[[source]]` name/url/verify_ssl), normalized: `${VAR}`
// expanded, credentials moved out of the URL into the credential store, trailing slash added; and a
// project's sources split into indexes and local wheel folders, with the PyPI mirror applied.
import { resolve } from 'node:path';
import { isLocalSourceUrl } from '@pipgrub/core-resolver/python';
import { PypiSourceError } from '../errors';
import { CredentialStore, expandEnv } from '../http/credentials';
import { stripCredentials } from '../http/redact';

/** One index, as written in a Pipfile `[[source]]` table. */
export interface IndexSource {
  name: string;
  /** The simple API root, e.g. `https://pypi.org/simple`; may contain `${VAR}` and `user:pass@`. */
  url: string;
  /** Pipfile `verify_ssl`; default true. */
  verifySsl?: boolean;
}

/** A source ready for requests: credentials removed from `url` (kept in the store). */
export interface ResolvedSource {
  name: string;
  /** Credential-free URL ending in `/`; safe to print and to write into locks. */
  url: string;
  /** What a lock file records: the URL as configured (`${VAR}` kept unexpanded), credentials stripped. */
  lockUrl: string;
  verifySsl: boolean;
}

/** PyPI, the default when no source is configured. */
export const PYPI: IndexSource = { name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true };

/**
 * Convert Pipfile `[[source]]` tables (`{ name, url, verify_ssl }`) to `IndexSource`s.
 * @example sourcesFromPipfile([{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }])
 */
export function sourcesFromPipfile(tables: ReadonlyArray<{ name?: unknown; url?: unknown; verify_ssl?: unknown }>): IndexSource[] {
  return tables.map((t, i) => {
    if (typeof t.url !== 'string' || t.url === '') {
      throw new PypiSourceError('INVALID_SOURCE', `[[source]] #${i + 1} has no url`, { hint: 'each [[source]] needs url = "https://.../simple"' });
    }
    return { name: typeof t.name === 'string' && t.name ? t.name : `source-${i + 1}`, url: t.url, verifySsl: t.verify_ssl !== false };
  });
}

/** Expand env vars, move credentials into `store`, and check names are unique. */
export function resolveSources(sources: readonly IndexSource[], store: CredentialStore, env: Record<string, string | undefined> = process.env): ResolvedSource[] {
  const seen = new Set<string>();
  return sources.map((s) => {
    if (seen.has(s.name)) throw new PypiSourceError('INVALID_SOURCE', `two [[source]] entries are named '${s.name}'`);
    seen.add(s.name);
    const { url: expanded, secrets } = expandEnv(s.url, env);
    store.addSecrets(secrets);
    let clean = store.takeFromUrl(expanded);
    try {
      new URL(clean);
    } catch {
      throw new PypiSourceError('INVALID_SOURCE', `[[source]] '${s.name}' has an invalid url`, { hint: 'use an absolute http(s):// or file:// URL' });
    }
    if (!clean.endsWith('/')) clean += '/';
    return { name: s.name, url: clean, lockUrl: lockSafeUrl(s.url), verifySsl: s.verifySsl !== false };
  });
}

/** Keep user-info made only of `${VAR}` references (Pipenv writes those into locks); strip real secrets. */
function lockSafeUrl(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)([^/@]*)@/i.exec(url);
  if (!m) return url;
  if (/^(\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*|:)+$/.test(m[2]!)) return url;
  return stripCredentials(url);
}

/** What {@link indexOptionsFromSources} needs besides the sources. */
export interface IndexOptionsContext {
  /** Folder relative `path` sources are resolved against (the Pipfile's folder). */
  projectDir: string;
  /** Replaces pypi.org / pypi.python.org source URLs (Pipenv's `--pypi-mirror` / `PIPENV_PYPI_MIRROR`). */
  mirror?: string;
  /** Per-package index choices (Pipfile `index = "name"`): project name -> source name. */
  packageIndexes?: Readonly<Record<string, string>>;
}

/** The `indexes`, `findLinks` and `pins` of {@link IndexClientOptions} for a project's sources. */
export interface ProjectIndexOptions {
  indexes: IndexSource[];
  findLinks: string[];
  pins: Record<string, string>;
}

const PYPI_URL = /^https?:\/\/(pypi\.org|pypi\.python\.org)(\/|$)/;

/**
 * Split a project's sources (Pipfile `[[source]]`, see {@link sourcesFromPipfile}) into index-client
 * options: URL sources become indexes (pypi.org replaced by `mirror`), path sources become find-links
 * folders of wheels relative to `projectDir`, and package index choices naming an index become pins.
 * @example
 * indexOptionsFromSources([{ name: 'pypi', url: 'https://pypi.org/simple' }, { name: 'local', url: './wheels' }], { projectDir: '/proj', mirror: 'https://mirror/simple' })
 * // { indexes: [{ name: 'pypi', url: 'https://mirror/simple', verifySsl: true }], findLinks: ['/proj/wheels'], pins: {} }
 */
export function indexOptionsFromSources(sources: readonly IndexSource[], context: IndexOptionsContext): ProjectIndexOptions {
  const out: ProjectIndexOptions = { indexes: [], findLinks: [], pins: {} };
  for (const s of sources) {
    if (isLocalSourceUrl(s.url)) out.findLinks.push(resolve(context.projectDir, s.url));
    else out.indexes.push({ name: s.name, url: context.mirror && PYPI_URL.test(s.url) ? context.mirror : s.url, verifySsl: s.verifySsl !== false });
  }
  for (const [project, index] of Object.entries(context.packageIndexes ?? {})) {
    if (out.indexes.some((i) => i.name === index)) out.pins[project] = index;
  }
  return out;
}
