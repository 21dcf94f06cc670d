// Fetching with the cache in front: index pages (ETag/Last-Modified revalidation), immutable files
// (content-addressed by hash: no request at all once cached), derived data, and file:// URLs. Offline
// mode answers from the cache only and records what is missing.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { HashMismatch, IndexUnreachable, OfflineMissing } from '../errors';
import { parseCacheControl, type DiskCache } from '../cache/disk-cache';
import type { HttpTransport } from '../http/transport';
import { openHttpRangeReader } from '../http/range-reader';
import { stripCredentials } from '../http/redact';
import { fileReader, type RandomAccessReader } from '../zip/reader';

/** A fetched page or file. */
export interface Fetched {
  status: number;
  body: Uint8Array;
  contentType: string;
  /** Final URL (after redirects), without credentials. */
  url: string;
  /** `cache` (no request), `revalidated` (304), `network`, or `file`. */
  via: 'cache' | 'revalidated' | 'network' | 'file';
}

/** How index pages use the cache: always revalidate (like pip), or trust `max-age` while fresh. */
export type PageFreshness = 'revalidate' | 'max-age';

const HASH_ALGOS = ['sha256', 'sha512', 'sha384', 'sha224', 'sha1', 'md5'];

/** Check `bytes` against every digest we can compute; throws `HashMismatch`. */
export function verifyHashes(bytes: Uint8Array, hashes: Record<string, string>, url: string): void {
  for (const algo of HASH_ALGOS) {
    const want = hashes[algo];
    if (!want) continue;
    const got = createHash(algo).update(bytes).digest('hex');
    if (got !== want.toLowerCase()) throw new HashMismatch(url, algo, want, got);
  }
}

/** Fetches through the cache. One instance per IndexClient. */
export class Fetcher {
  /** Redacted URLs that offline mode could not serve. */
  readonly missing = new Set<string>();

  constructor(
    readonly http: HttpTransport,
    readonly cache: DiskCache | undefined,
    private readonly options: { offline: boolean; pageFreshness: PageFreshness },
  ) {}

  get offline(): boolean {
    return this.options.offline;
  }

  private offlineMiss(url: string): never {
    const safe = this.http.redact(url);
    this.missing.add(safe);
    throw new OfflineMissing([...this.missing]);
  }

  /** A page (index or find-links): cached, revalidated with validators. 404 is returned, not thrown. */
  async page(url: string, accept: string): Promise<Fetched> {
    if (url.startsWith('file:')) return this.filePage(url);
    const key = `page\0${stripCredentials(url)}\0${accept}`;
    const cached = this.cache ? await this.cache.readHttp(key) : undefined;
    if (this.options.offline) {
      if (!cached) this.offlineMiss(url);
      return { status: cached.status, body: cached.body, contentType: cached.headers['content-type'] ?? '', url: cached.url, via: 'cache' };
    }
    if (cached && this.options.pageFreshness === 'max-age') {
      const cc = parseCacheControl(cached.headers['cache-control']);
      if (!cc.noCache && cc.maxAge !== undefined && Date.now() - cached.storedAt < cc.maxAge * 1000) {
        return { status: cached.status, body: cached.body, contentType: cached.headers['content-type'] ?? '', url: cached.url, via: 'cache' };
      }
    }
    const headers: Record<string, string> = {};
    if (cached?.headers['etag']) headers['if-none-match'] = cached.headers['etag'];
    if (cached?.headers['last-modified']) headers['if-modified-since'] = cached.headers['last-modified'];
    const res = await this.http.get(url, { accept, headers });
    if (res.status === 304 && cached) {
      if (this.options.pageFreshness === 'max-age') await this.cache!.writeHttp(key, { ...cached, storedAt: Date.now() });
      return { status: cached.status, body: cached.body, contentType: cached.headers['content-type'] ?? '', url: cached.url, via: 'revalidated' };
    }
    const finalUrl = stripCredentials(res.url);
    // 404s are kept too, so offline mode knows a project is absent from an index (first-index strategy).
    if ((res.status === 200 || res.status === 404) && this.cache && !parseCacheControl(res.headers['cache-control']).noStore) {
      await this.cache.writeHttp(key, { url: finalUrl, status: res.status, headers: res.headers, body: res.body });
    }
    return { status: res.status, body: res.body, contentType: res.headers['content-type'] ?? '', url: finalUrl, via: 'network' };
  }

  private async filePage(url: string): Promise<Fetched> {
    let path = fileURLToPath(url);
    try {
      if ((await stat(path)).isDirectory()) {
        for (const name of ['index.html', 'index.json']) {
          try {
            const p = path.replace(/\/?$/, '/') + name;
            const body = new Uint8Array(await readFile(p));
            path = p;
            return { status: 200, body, contentType: name.endsWith('json') ? 'application/vnd.pypi.simple.v1+json' : 'text/html', url, via: 'file' };
          } catch {
            /* try the next */
          }
        }
        return { status: 404, body: new Uint8Array(0), contentType: '', url, via: 'file' };
      }
      const body = new Uint8Array(await readFile(path));
      return { status: 200, body, contentType: path.endsWith('.json') ? 'application/vnd.pypi.simple.v1+json' : 'text/html', url, via: 'file' };
    } catch {
      return { status: 404, body: new Uint8Array(0), contentType: '', url, via: 'file' };
    }
  }

  /**
   * An immutable file (distribution, `.metadata`): served from the content-addressed store when its
   * sha256 is known (no request), else through the HTTP cache honouring `immutable`/`max-age`.
   * Verified against `hashes`. Returns the bytes and, when stored by hash, the cache path.
   */
  async file(url: string, hashes: Record<string, string>): Promise<{ bytes: Uint8Array; path?: string; via: Fetched['via'] }> {
    const safe = this.http.redact(url);
    if (url.startsWith('file:')) {
      const path = fileURLToPath(url);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(path));
      } catch (cause) {
        throw new OfflineMissingOr404(safe, cause);
      }
      verifyHashes(bytes, hashes, safe);
      return { bytes, path, via: 'file' };
    }
    const sha = hashes['sha256'];
    if (sha && this.cache) {
      const blob = await this.cache.readBlob('sha256', sha);
      if (blob) return { bytes: blob, path: this.cache.blobPath('sha256', sha), via: 'cache' };
    }
    const key = `file\0${stripCredentials(url)}`;
    const cached = !sha && this.cache ? await this.cache.readHttp(key) : undefined;
    if (this.options.offline) {
      if (!cached) this.offlineMiss(url);
      return { bytes: cached.body, via: 'cache' };
    }
    if (cached) {
      const cc = parseCacheControl(cached.headers['cache-control']);
      if (cc.immutable || (cc.maxAge !== undefined && Date.now() - cached.storedAt < cc.maxAge * 1000)) return { bytes: cached.body, via: 'cache' };
    }
    const headers: Record<string, string> = {};
    if (cached?.headers['etag']) headers['if-none-match'] = cached.headers['etag'];
    if (cached?.headers['last-modified']) headers['if-modified-since'] = cached.headers['last-modified'];
    const res = await this.http.get(url, { headers });
    if (res.status === 304 && cached) return { bytes: cached.body, via: 'revalidated' };
    if (res.status !== 200) throw new FileFetchError(safe, res.status);
    verifyHashes(res.body, hashes, safe);
    if (this.cache) {
      if (sha) return { bytes: res.body, path: await this.cache.writeBlob('sha256', sha, res.body), via: 'network' };
      await this.cache.writeHttp(key, { url: stripCredentials(res.url), status: 200, headers: res.headers, body: res.body });
    }
    return { bytes: res.body, via: 'network' };
  }

  /** Derived data (e.g. METADATA read from a wheel by Range), computed once and cached by key. */
  async derived(namespace: string, key: string, url: string, compute: () => Promise<string>): Promise<string> {
    const hit = this.cache ? await this.cache.readDerived(namespace, key) : undefined;
    if (hit !== undefined) return hit;
    if (this.options.offline && !url.startsWith('file:')) this.offlineMiss(url);
    const value = await compute();
    if (this.cache) await this.cache.writeDerived(namespace, key, value);
    return value;
  }

  /** Random access to a remote or local file (Range requests, or a full download as fallback). */
  async randomAccess(url: string): Promise<RandomAccessReader> {
    if (url.startsWith('file:')) return fileReader(fileURLToPath(url));
    return (await openHttpRangeReader(this.http, url)).reader;
  }
}


/** A distribution file answered with a non-200 status. */
export class FileFetchError extends IndexUnreachable {
  constructor(url: string, status: number) {
    super(url, `cannot download ${url}: HTTP ${status}`, { status, hint: status === 401 || status === 403 ? 'check the credentials for this index (URL, ~/.netrc or ${VAR} in the source url)' : undefined });
  }
}

class OfflineMissingOr404 extends IndexUnreachable {
  constructor(url: string, cause: unknown) {
    super(url, `cannot read ${url}`, { cause, hint: 'the local file is missing or unreadable' });
  }
}
