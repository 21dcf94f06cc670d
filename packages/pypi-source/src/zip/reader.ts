// Random-access byte sources for the zip reader: in-memory bytes, a file on disk, and a windowed
// wrapper that answers reads from ranges already fetched (so the zip tail is read only once).
import { open } from 'node:fs/promises';
import { ZipError } from '../errors';

/**
 * A source of bytes that can be read at any offset: a buffer, a file, or an HTTP resource by Range.
 * `read` must return exactly `length` bytes (or throw) when `offset + length <= size`.
 */
export interface RandomAccessReader {
  /** Total size in bytes. */
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /** Release resources (file handles); optional. */
  close?(): Promise<void>;
}

/**
 * A reader over bytes already in memory.
 * @example const archive = await ZipArchive.open(bytesReader(await readFile('x.whl')));
 */
export function bytesReader(bytes: Uint8Array): RandomAccessReader {
  return {
    size: bytes.length,
    read(offset, length) {
      checkBounds(offset, length, bytes.length);
      return Promise.resolve(bytes.subarray(offset, offset + length));
    },
  };
}

/**
 * A reader over a file on disk; call `close()` when done.
 * @example const r = await fileReader('dist/pkg-1.0-py3-none-any.whl'); try { ... } finally { await r.close?.() }
 */
export async function fileReader(path: string): Promise<RandomAccessReader> {
  const handle = await open(path, 'r');
  const size = (await handle.stat()).size;
  return {
    size,
    async read(offset, length) {
      checkBounds(offset, length, size);
      const buf = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buf, done, length - done, offset + done);
        if (bytesRead === 0) throw new ZipError('ZIP_TRUNCATED', `${path}: file shrank while reading (offset ${offset + done})`);
        done += bytesRead;
      }
      return buf;
    },
    close: () => handle.close(),
  };
}

function checkBounds(offset: number, length: number, size: number): void {
  if (offset < 0 || length < 0 || offset + length > size) {
    throw new ZipError('ZIP_TRUNCATED', `read of ${length} bytes at offset ${offset} is past the end (${size} bytes)`);
  }
}

/**
 * Wraps a reader and remembers windows of bytes already read (or supplied with `remember`), answering
 * reads inside a known window without touching the underlying reader. Used to keep the zip tail.
 */
export class WindowedReader implements RandomAccessReader {
  private readonly windows: Array<{ start: number; bytes: Uint8Array }> = [];
  constructor(private readonly inner: RandomAccessReader) {}

  get size(): number {
    return this.inner.size;
  }

  /** Record bytes known to live at `start`. */
  remember(start: number, bytes: Uint8Array): void {
    this.windows.push({ start, bytes });
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    for (const w of this.windows) {
      if (offset >= w.start && offset + length <= w.start + w.bytes.length) {
        return w.bytes.subarray(offset - w.start, offset - w.start + length);
      }
    }
    const bytes = await this.inner.read(offset, length);
    if (bytes.length !== length) {
      throw new ZipError('ZIP_TRUNCATED', `short read: wanted ${length} bytes at ${offset}, got ${bytes.length}`);
    }
    this.remember(offset, bytes);
    return bytes;
  }

  close(): Promise<void> {
    return this.inner.close?.() ?? Promise.resolve();
  }
}
