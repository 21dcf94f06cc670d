// Zip archive reader over a RandomAccessReader: end-of-central-directory (incl. zip64), the central
// directory, and entries inflated (stored/deflate) with size and CRC-32 checks. Reads only what it needs.
import { lazyDecoder, loadZlib } from './zlib';
import { ZipError } from '../errors';
import { WindowedReader, type RandomAccessReader } from './reader';

const inflateRawAsync = lazyDecoder('inflateRaw');

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;

/** How many bytes of the tail `ZipArchive.open` reads in one go (EOCD + typical central directory). */
export const DEFAULT_TAIL_SIZE = 64 * 1024;

/** One file (or directory) in a zip archive, as the central directory describes it. */
export interface ZipEntry {
  /** Path inside the archive, `/`-separated, exactly as stored. */
  name: string;
  /** 0 = stored, 8 = deflate; other methods are rejected by `readEntry`. */
  method: number;
  /** General purpose bit flags (bit 0 = encrypted, bit 3 = data descriptor, bit 11 = UTF-8). */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  /** CRC-32 of the uncompressed data (unsigned). */
  crc32: number;
  /** Offset of the local file header from the start of the archive. */
  localHeaderOffset: number;
  /** High byte: creator OS (3 = Unix); low byte: zip spec version. */
  versionMadeBy: number;
  /** External file attributes; for Unix creators the high 16 bits hold `st_mode`. */
  externalAttributes: number;
  /** Unix `st_mode` when the creator is Unix (`versionMadeBy >> 8 === 3`), else `undefined`. */
  unixMode: number | undefined;
  isDirectory: boolean;
  /** A Unix symlink entry (its data is the link target). */
  isSymlink: boolean;
}

/** Options for {@link ZipArchive.open}. */
export interface ZipOpenOptions {
  /** Bytes read from the end in the first read (default 64 KiB). */
  tailSize?: number;
}

/** Options for {@link ZipArchive.readEntry}. */
export interface ZipReadOptions {
  /** Refuse entries whose declared uncompressed size exceeds this (zip-bomb guard). */
  maxSize?: number;
}

/**
 * A zip archive opened from a random-access source. Only the tail is read at open time; each entry
 * costs one more read (none when it lies inside the tail already read).
 * @example
 * const archive = await ZipArchive.open(await fileReader('six-1.16.0-py2.py3-none-any.whl'));
 * const metadata = new TextDecoder().decode(await archive.readEntry('six-1.16.0.dist-info/METADATA'));
 */
export class ZipArchive {
  private readonly byName: Map<string, ZipEntry>;

  private constructor(
    private readonly reader: WindowedReader,
    /** All entries in central-directory order. */
    readonly entries: readonly ZipEntry[],
    /** The archive comment. */
    readonly comment: string,
  ) {
    this.byName = new Map(entries.map((e) => [e.name, e]));
  }

  /** Read the end-of-central-directory record and the central directory. */
  static async open(source: RandomAccessReader, options: ZipOpenOptions = {}): Promise<ZipArchive> {
    const reader = source instanceof WindowedReader ? source : new WindowedReader(source);
    const size = reader.size;
    if (size < EOCD_SIZE) throw new ZipError('ZIP_TRUNCATED', `not a zip archive: only ${size} bytes`);
    const tailLen = Math.min(size, Math.max(options.tailSize ?? DEFAULT_TAIL_SIZE, EOCD_SIZE));
    const tailStart = size - tailLen;
    const tail = await reader.read(tailStart, tailLen);
    const tv = view(tail);

    const eocd = findEocd(tail, tv);
    if (eocd < 0) {
      // A zip that lost its end is the usual shape of an interrupted download.
      const head = await reader.read(0, 4);
      if (view(head).getUint32(0, true) === SIG_LOCAL) {
        throw new ZipError('ZIP_TRUNCATED', 'zip archive is truncated: end of central directory not found', {
          hint: 'the download was probably interrupted; delete the cached file and retry',
        });
      }
      throw new ZipError('ZIP_CORRUPT', 'not a zip archive: end of central directory not found');
    }
    let entryCount = tv.getUint16(eocd + 10, true);
    let cdSize = tv.getUint32(eocd + 12, true);
    let cdOffset = tv.getUint32(eocd + 16, true);
    const commentLen = tv.getUint16(eocd + 20, true);
    const comment = decodeName(tail.subarray(eocd + 22, eocd + 22 + commentLen), true);
    const eocdAbs = tailStart + eocd;

    {
      // The zip64 locator sits right before the EOCD; it is inside the tail we already hold.
      const locAbs = eocdAbs - 20;
      if (locAbs >= 0) {
        const loc = view(await reader.read(locAbs, 20));
        if (loc.getUint32(0, true) === SIG_ZIP64_LOCATOR) {
          const z64Offset = readU64(loc, 8);
          if (z64Offset + 56 > size) throw new ZipError('ZIP_CORRUPT', 'zip64 end of central directory points past the end');
          const z = view(await reader.read(z64Offset, 56));
          if (z.getUint32(0, true) !== SIG_ZIP64_EOCD) {
            throw new ZipError('ZIP_CORRUPT', 'bad zip64 end of central directory signature');
          }
          entryCount = readU64(z, 32);
          cdSize = readU64(z, 40);
          cdOffset = readU64(z, 48);
        }
      }
    }
    if (cdOffset + cdSize > size) {
      throw new ZipError('ZIP_TRUNCATED', `central directory (${cdOffset}+${cdSize}) extends past the end (${size} bytes)`);
    }
    const cd = await reader.read(cdOffset, cdSize);
    const entries = parseCentralDirectory(cd, entryCount, size);
    return new ZipArchive(reader, entries, comment);
  }

  /** The entry named `name`, or `undefined`. */
  getEntry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** Read, inflate and CRC-check one entry. Throws `ZipError` (`ZIP_ENTRY_NOT_FOUND`, `ZIP_CORRUPT`...). */
  async readEntry(nameOrEntry: string | ZipEntry, options: ZipReadOptions = {}): Promise<Uint8Array> {
    const entry = typeof nameOrEntry === 'string' ? this.byName.get(nameOrEntry) : nameOrEntry;
    if (!entry) throw new ZipError('ZIP_ENTRY_NOT_FOUND', `no entry '${String(nameOrEntry)}' in the zip archive`);
    if (entry.flags & 1) throw new ZipError('ZIP_UNSUPPORTED', `${entry.name}: encrypted entries are not supported`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipError('ZIP_UNSUPPORTED', `${entry.name}: compression method ${entry.method} is not supported`);
    }
    if (options.maxSize !== undefined && entry.uncompressedSize > options.maxSize) {
      throw new ZipError('ZIP_UNSUPPORTED', `${entry.name}: ${entry.uncompressedSize} bytes exceeds the limit of ${options.maxSize}`);
    }
    const data = await this.readRaw(entry);
    let out: Uint8Array;
    if (entry.method === 0) {
      out = data;
    } else {
      try {
        out = await inflateRawAsync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch (cause) {
        throw new ZipError('ZIP_CORRUPT', `${entry.name}: deflate stream is corrupt`, { cause });
      }
    }
    if (out.length !== entry.uncompressedSize) {
      throw new ZipError('ZIP_CORRUPT', `${entry.name}: size ${out.length} does not match the declared ${entry.uncompressedSize}`);
    }
    const crc = (await loadZlib()).crc32(out) >>> 0;
    if (crc !== entry.crc32) {
      throw new ZipError('ZIP_CORRUPT', `${entry.name}: CRC-32 ${hex(crc)} does not match the declared ${hex(entry.crc32)}`);
    }
    return out;
  }

  /** The entry's stored (still compressed) bytes, located through its local header. */
  async readRaw(entry: ZipEntry): Promise<Uint8Array> {
    const size = this.reader.size;
    const start = entry.localHeaderOffset;
    if (start + 30 > size) throw new ZipError('ZIP_TRUNCATED', `${entry.name}: local header is past the end of the archive`);
    // One read for header + data in the common case; local extra fields are usually short.
    const guess = Math.min(size - start, 30 + Buffer.byteLength(entry.name) + 256 + entry.compressedSize);
    let buf = await this.reader.read(start, guess);
    const lv = view(buf);
    if (lv.getUint32(0, true) !== SIG_LOCAL) throw new ZipError('ZIP_CORRUPT', `${entry.name}: bad local header signature`);
    const dataStart = 30 + lv.getUint16(26, true) + lv.getUint16(28, true);
    const dataEnd = dataStart + entry.compressedSize;
    if (start + dataEnd > size) {
      throw new ZipError('ZIP_TRUNCATED', `${entry.name}: data extends past the end of the archive`);
    }
    if (dataEnd > buf.length) buf = await this.reader.read(start, dataEnd);
    return buf.subarray(dataStart, dataEnd);
  }

  /** Close the underlying reader. */
  close(): Promise<void> {
    return this.reader.close();
  }
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

function readU64(v: DataView, at: number): number {
  const n = v.getBigUint64(at, true);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('ZIP_UNSUPPORTED', 'zip64 value too large');
  return Number(n);
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/** Scan backwards for an EOCD whose comment length fits inside the tail. */
function findEocd(tail: Uint8Array, tv: DataView): number {
  const lowest = Math.max(0, tail.length - EOCD_SIZE - MAX_COMMENT);
  for (let i = tail.length - EOCD_SIZE; i >= lowest; i--) {
    if (tail[i] === 0x50 && tv.getUint32(i, true) === SIG_EOCD) {
      const commentLen = tv.getUint16(i + 20, true);
      if (i + EOCD_SIZE + commentLen <= tail.length) return i;
    }
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  try {
    return utf8.decode(bytes);
  } catch (e) {
    if (utf8Flag) return new TextDecoder('utf-8').decode(bytes);
    void e;
    return latin1.decode(bytes);
  }
}

function parseCentralDirectory(cd: Uint8Array, count: number, archiveSize: number): ZipEntry[] {
  const v = view(cd);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length) throw new ZipError('ZIP_CORRUPT', `central directory ends after ${n} of ${count} entries`);
    if (v.getUint32(p, true) !== SIG_CENTRAL) throw new ZipError('ZIP_CORRUPT', `bad central directory signature at entry ${n}`);
    const versionMadeBy = v.getUint16(p + 4, true);
    const flags = v.getUint16(p + 8, true);
    const method = v.getUint16(p + 10, true);
    const crc = v.getUint32(p + 16, true);
    let compressedSize = v.getUint32(p + 20, true);
    let uncompressedSize = v.getUint32(p + 24, true);
    const nameLen = v.getUint16(p + 28, true);
    const extraLen = v.getUint16(p + 30, true);
    const commentLen = v.getUint16(p + 32, true);
    const externalAttributes = v.getUint32(p + 38, true);
    let localHeaderOffset = v.getUint32(p + 42, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cd.length) throw new ZipError('ZIP_CORRUPT', `central directory entry ${n} overruns the directory`);
    const name = decodeName(cd.subarray(p + 46, p + 46 + nameLen), (flags & 0x800) !== 0);
    // Zip64 extended information: only the fields saturated in the fixed header are present, in order.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = v.getUint16(e, true);
      const len = v.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        const take = (): number => {
          if (q + 8 > e + 4 + len) throw new ZipError('ZIP_CORRUPT', `${name}: short zip64 extra field`);
          const x = readU64(v, q);
          q += 8;
          return x;
        };
        if (uncompressedSize === U32_MAX) uncompressedSize = take();
        if (compressedSize === U32_MAX) compressedSize = take();
        if (localHeaderOffset === U32_MAX) localHeaderOffset = take();
      }
      e += 4 + len;
    }
    if (localHeaderOffset + 30 > archiveSize) {
      throw new ZipError('ZIP_TRUNCATED', `${name}: local header offset ${localHeaderOffset} is past the end of the archive`);
    }
    const unixMode = versionMadeBy >> 8 === 3 ? externalAttributes >>> 16 : undefined;
    const isDirectory = name.endsWith('/') || (unixMode !== undefined && (unixMode & 0o170000) === 0o040000);
    const isSymlink = unixMode !== undefined && (unixMode & 0o170000) === 0o120000;
    entries.push({
      name,
      method,
      flags,
      compressedSize,
      uncompressedSize,
      crc32: crc >>> 0,
      localHeaderOffset,
      versionMadeBy,
      externalAttributes: externalAttributes >>> 0,
      unixMode,
      isDirectory,
      isSymlink,
    });
    p = end;
  }
  return entries;
}
