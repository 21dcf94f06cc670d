// The on-disk cache: HTTP responses (with validators, for revalidation), content-addressed blobs
// (immutable files by hash) and derived data (metadata read from wheels). Every write is atomic
// (temp file + rename), so concurrent processes only ever see whole files. Reads are synchronous:
// cache files are small and a warm lock reads dozens of them, where one thread-pool round trip per
// file (open, fstat, read, close) would cost more than the reads themselves.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** A stored HTTP response. */
export interface CachedResponse {
  /** Final URL after redirects, without credentials. */
  url: string;
  status: number;
  /** The validators and caching headers kept: etag, last-modified, cache-control, content-type, date. */
  headers: Record<string, string>;
  /** When it was stored or last revalidated (ms since epoch). */
  storedAt: number;
  body: Uint8Array;
}

const KEPT_HEADERS = ['etag', 'last-modified', 'cache-control', 'content-type', 'date', 'age'];

/** Hex sha256 of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Write `data` to `path` atomically: a unique temp file in the same folder, then rename.
 * @example await writeAtomic('/cache/x', bytes)
 */
export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, data);
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    // Windows refuses to replace a file another process holds open; the other writer's copy is equal.
    if ((e as NodeJS.ErrnoException).code !== 'EPERM' && (e as NodeJS.ErrnoException).code !== 'EACCES') throw e;
  }
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** The bytes of `b` as a Uint8Array view (no copy). */
function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * The cache folder layout (versioned so a format change never reads old data):
 * `http-v1/<aa>/<key>` responses, `blobs-v1/<algo>/<aa>/<hex>` immutable files,
 * `derived-v1/<namespace>/<aa>/<key>` derived data.
 * @example const cache = new DiskCache(defaultCacheDir()); await cache.readBlob('sha256', hex);
 */
export class DiskCache {
  constructor(readonly dir: string) {}

  private httpPath(key: string): string {
    const h = sha256(key);
    return join(this.dir, 'http-v1', h.slice(0, 2), h);
  }

  /** Path where a blob with this digest lives (whether or not it exists yet). */
  blobPath(algo: string, hex: string): string {
    return join(this.dir, 'blobs-v1', algo, hex.slice(0, 2), hex);
  }

  async readHttp(key: string): Promise<CachedResponse | undefined> {
    const raw = readOrUndefined(this.httpPath(key));
    if (!raw) return undefined;
    const nl = raw.indexOf(0x0a);
    if (nl < 0) return undefined;
    try {
      const head = JSON.parse(raw.subarray(0, nl).toString('utf8')) as Omit<CachedResponse, 'body'> & { key: string; size: number };
      const body = view(raw.subarray(nl + 1));
      if (head.key !== key || body.length !== head.size) return undefined; // torn or colliding: ignore
      return { url: head.url, status: head.status, headers: head.headers, storedAt: head.storedAt, body };
    } catch {
      return undefined;
    }
  }

  async writeHttp(key: string, res: Omit<CachedResponse, 'storedAt'> & { storedAt?: number }): Promise<void> {
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) if (res.headers[h] !== undefined) headers[h] = res.headers[h]!;
    const head = JSON.stringify({ key, url: res.url, status: res.status, headers, storedAt: res.storedAt ?? Date.now(), size: res.body.length });
    await writeAtomic(this.httpPath(key), Buffer.concat([Buffer.from(head + '\n'), res.body]));
  }

  async readBlob(algo: string, hex: string): Promise<Uint8Array | undefined> {
    const b = readOrUndefined(this.blobPath(algo, hex));
    return b ? view(b) : undefined;
  }

  /** Store verified bytes under their digest; returns the path. */
  async writeBlob(algo: string, hex: string, bytes: Uint8Array): Promise<string> {
    const path = this.blobPath(algo, hex);
    await writeAtomic(path, bytes);
    return path;
  }

  async readDerived(namespace: string, key: string): Promise<string | undefined> {
    const h = sha256(key);
    const b = readOrUndefined(join(this.dir, 'derived-v1', namespace, h.slice(0, 2), h));
    return b?.toString('utf8');
  }

  async writeDerived(namespace: string, key: string, value: string): Promise<void> {
    const h = sha256(key);
    await writeAtomic(join(this.dir, 'derived-v1', namespace, h.slice(0, 2), h), value);
  }
}

/** Parsed `Cache-Control` directives that matter to us. */
export function parseCacheControl(value: string | undefined): { maxAge?: number; noStore: boolean; noCache: boolean; immutable: boolean } {
  const out = { noStore: false, noCache: false, immutable: false } as { maxAge?: number; noStore: boolean; noCache: boolean; immutable: boolean };
  for (const part of (value ?? '').split(',')) {
    const [k = '', v] = part.trim().toLowerCase().split('=');
    if (k === 'no-store') out.noStore = true;
    else if (k === 'no-cache') out.noCache = true;
    else if (k === 'immutable') out.immutable = true;
    else if (k === 'max-age' && v !== undefined && /^\d+$/.test(v)) out.maxAge = Number(v);
  }
  return out;
}
