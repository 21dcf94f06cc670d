// Credentials for index requests: user-info from configured URLs, ~/.netrc entries by host, and
// `${VAR}` expansion in source URLs (as Pipenv does). Produces Authorization headers; never logs them.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PypiSourceError } from '../errors';

/** A username/password pair. */
export interface Credential {
  username: string;
  password: string;
}

/**
 * Parse a netrc file (`machine`, `login`, `password`, `default`; `macdef` blocks skipped).
 * @example parseNetrc('machine pypi.example login me password pw').get('pypi.example') // { username: 'me', password: 'pw' }
 */
export function parseNetrc(text: string): Map<string, Credential> {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const out = new Map<string, Credential>();
  let machine: string | undefined;
  let username = '';
  let password = '';
  const flush = () => {
    if (machine !== undefined && !out.has(machine)) out.set(machine, { username, password });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'machine' || t === 'default') {
      flush();
      machine = t === 'default' ? '*' : tokens[++i];
      username = '';
      password = '';
    } else if (t === 'login') username = tokens[++i] ?? '';
    else if (t === 'password') password = tokens[++i] ?? '';
    else if (t === 'account') i++;
    else if (t === 'macdef') {
      flush();
      machine = undefined;
      // A macro body runs to the next blank line; tokens lost that, so skip to the next keyword.
      while (i + 1 < tokens.length && tokens[i + 1] !== 'machine' && tokens[i + 1] !== 'default') i++;
    }
  }
  flush();
  return out;
}

/** Read `$NETRC` or `~/.netrc` (missing file: empty). */
export function loadNetrc(path: string | undefined = process.env['NETRC'] ?? join(homedir(), '.netrc')): Map<string, Credential> {
  try {
    return parseNetrc(readFileSync(path, 'utf8'));
  } catch {
    return new Map();
  }
}

/**
 * Expand `${VAR}` and `$VAR` in a source URL from the environment (Pipenv semantics); a missing
 * variable is an error naming the variable (never its value). Returns the expanded URL and the values
 * used, so they can be redacted from messages.
 * @example expandEnv('https://${USER}:${TOKEN}@host/simple', { USER: 'u', TOKEN: 't' }).url // 'https://u:t@host/simple'
 */
export function expandEnv(url: string, env: Record<string, string | undefined> = process.env): { url: string; secrets: string[] } {
  const secrets: string[] = [];
  const out = url.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b)!;
    const v = env[name];
    if (v === undefined) {
      throw new PypiSourceError('INVALID_SOURCE', `source URL uses \${${name}} but the environment variable is not set`, {
        hint: `export ${name} before running, or remove it from the [[source]] url`,
      });
    }
    secrets.push(v);
    return v;
  });
  return { url: out, secrets };
}

/** Authorization lookup: explicit credentials by URL prefix first, then netrc by host. */
export class CredentialStore {
  private readonly byPrefix: Array<{ prefix: string; cred: Credential }> = [];
  private readonly secrets = new Set<string>();

  constructor(private readonly netrc: Map<string, Credential> = new Map()) {}

  /**
   * Remember credentials embedded in `url` and return the URL without them.
   * @example store.takeFromUrl('https://u:p@host/simple/') // 'https://host/simple/'
   */
  takeFromUrl(url: string): string {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return url;
    }
    if (!u.username && !u.password) return url;
    const cred = { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
    u.username = '';
    u.password = '';
    const clean = u.toString();
    this.add(clean, cred);
    return clean;
  }

  add(prefix: string, cred: Credential): void {
    this.byPrefix.push({ prefix, cred });
    this.byPrefix.sort((a, b) => b.prefix.length - a.prefix.length);
    if (cred.password) this.secrets.add(cred.password);
    if (cred.username) this.secrets.add(cred.username);
  }

  /** Mark strings (e.g. `${TOKEN}` values) that must be redacted from messages. */
  addSecrets(values: Iterable<string>): void {
    for (const v of values) this.secrets.add(v);
  }

  get secretValues(): Iterable<string> {
    return this.secrets;
  }

  /** The credential for a request URL: longest configured prefix on the same origin, else netrc. */
  lookup(url: string): Credential | undefined {
    for (const { prefix, cred } of this.byPrefix) if (url.startsWith(prefix)) return cred;
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return undefined;
    }
    // Same origin as a configured index (files served from /files/ next to /simple/).
    for (const { prefix, cred } of this.byPrefix) {
      try {
        if (new URL(prefix).origin === u.origin) return cred;
      } catch {
        /* ignore */
      }
    }
    return this.netrc.get(u.hostname) ?? this.netrc.get(u.host) ?? this.netrc.get('*');
  }

  /** `Authorization` header value for `url`, if any. */
  authorization(url: string): string | undefined {
    const c = this.lookup(url);
    return c ? 'Basic ' + Buffer.from(`${c.username}:${c.password}`).toString('base64') : undefined;
  }
}
