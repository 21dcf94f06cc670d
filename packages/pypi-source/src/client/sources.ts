// Index sources as a Pipfile lists them (`[[source]]` name/url/verify_ssl), normalized: `${VAR}`
// expanded, credentials moved out of the URL into the credential store, trailing slash added.
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
