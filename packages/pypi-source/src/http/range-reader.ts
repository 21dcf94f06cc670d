// A RandomAccessReader over an HTTP resource: the first request asks for the last 64 KiB (a suffix
// Range, which also reveals the size); servers that refuse ranges (200) give us the whole file instead.
import { bytesReader, WindowedReader, type RandomAccessReader } from '../zip/reader';
import { IndexUnreachable, ZipError } from '../errors';
import type { HttpTransport } from './transport';

/** The reader plus how the bytes were obtained. */
export interface HttpRangeReader {
  reader: RandomAccessReader;
  /** `range` when the server honoured Range, `full` when it sent the whole body. */
  mode: 'range' | 'full';
  /** The whole body when `mode === 'full'`. */
  body?: Uint8Array;
}

/**
 * Open `url` for random access with one request for its tail.
 * @example
 * const { reader } = await openHttpRangeReader(http, wheelUrl);
 * const archive = await ZipArchive.open(reader);
 */
export async function openHttpRangeReader(http: HttpTransport, url: string, tailSize = 64 * 1024): Promise<HttpRangeReader> {
  const first = await http.get(url, { headers: { range: `bytes=-${tailSize}`, 'accept-encoding': 'identity' } });
  if (first.status === 200) {
    return { reader: bytesReader(first.body), mode: 'full', body: first.body };
  }
  if (first.status === 416) {
    const full = await http.get(url);
    if (full.status !== 200) throw unexpected(http, url, full.status);
    return { reader: bytesReader(full.body), mode: 'full', body: full.body };
  }
  if (first.status !== 206) throw unexpected(http, url, first.status);
  const m = /^bytes\s+(\d+)-(\d+)\/(\d+)$/i.exec(first.headers['content-range'] ?? '');
  if (!m) throw new ZipError('ZIP_CORRUPT', `${http.redact(url)}: 206 response without a usable Content-Range`);
  const start = Number(m[1]);
  const size = Number(m[3]);
  if (start + first.body.length > size) throw new ZipError('ZIP_CORRUPT', `${http.redact(url)}: Content-Range does not match the body`);
  const finalUrl = first.url;
  const inner: RandomAccessReader = {
    size,
    async read(offset, length) {
      if (length === 0) return new Uint8Array(0);
      const res = await http.get(finalUrl, { headers: { range: `bytes=${offset}-${offset + length - 1}`, 'accept-encoding': 'identity' } });
      if (res.status === 206) {
        if (res.body.length !== length) throw new ZipError('ZIP_TRUNCATED', `${http.redact(url)}: short range response`);
        return res.body;
      }
      if (res.status === 200 && res.body.length === size) return res.body.subarray(offset, offset + length);
      throw unexpected(http, url, res.status);
    },
  };
  const reader = new WindowedReader(inner);
  reader.remember(start, first.body);
  return { reader, mode: 'range' };
}

function unexpected(http: HttpTransport, url: string, status: number): IndexUnreachable {
  const safe = http.redact(url);
  return new IndexUnreachable(safe, `unexpected HTTP ${status} for ${safe}`, { status });
}
