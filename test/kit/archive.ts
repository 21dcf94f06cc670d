// Deterministic archive writers for the kit: zip (wheels) and ustar + gzip (sdists). Same entries in,
// same bytes out on any machine: our own DEFLATE, fixed 1980-01-01 timestamps, modes, owners, entry order.
import { deflateRaw } from './deflate';
import { TestKitError } from './errors';

/** One file to put into an archive. `mode` defaults to 0o644. */
export interface ArchiveEntry {
  path: string;
  data: Uint8Array;
  mode?: number;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32 (IEEE 802.3, as used by zip and gzip).
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode('123456789')); // 0xcbf43926
 * ```
 */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// MS-DOS date for 1980-01-01 00:00:00, the zip epoch: day 1, month 1, year offset 0.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_FLAG = 0x0800;

/**
 * Writes a zip archive. Entries are stored in the order given; `compression` picks deflate (default) or store.
 *
 * @example
 * ```ts
 * const bytes = writeZip([{ path: 'a.txt', data: new TextEncoder().encode('hi') }]);
 * ```
 */
export function writeZip(entries: ArchiveEntry[], compression: 'deflate' | 'store' = 'deflate'): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.path)) throw new TestKitError('DUPLICATE_ENTRY', `duplicate zip entry ${e.path}`, 'each archive path may appear once (check `files` against the generated module files)');
    seen.add(e.path);
    const name = Buffer.from(e.path, 'utf8');
    const crc = crc32(e.data);
    const method = compression === 'deflate' ? 8 : 0;
    const body = method === 8 ? Buffer.from(deflateRaw(e.data)) : Buffer.from(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_FLAG, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    chunks.push(local, name, body);

    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, spec 2.0
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(UTF8_FLAG, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt16LE(DOS_TIME, 12);
    cd.writeUInt16LE(DOS_DATE, 14);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(e.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: all zero
    cd.writeUInt32LE((((e.mode ?? 0o644) | 0o100000) << 16) >>> 0, 38);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cdBytes, end]));
}

function octal(value: number, width: number): string {
  // width includes the trailing NUL
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function tarHeader(path: string, size: number, mode: number): Buffer {
  const h = Buffer.alloc(512);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = path.lastIndexOf('/', path.length - 1);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
    if (cut < 0 || Buffer.byteLength(prefix) > 155 || Buffer.byteLength(name) > 100) {
      throw new TestKitError('BAD_PATH', `tar path too long: ${path}`, 'ustar names are limited to 155 + 100 bytes');
    }
  }
  h.write(name, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(315532800, 12), 136, 'ascii'); // mtime 1980-01-01T00:00:00Z, like the zips
  h.write('        ', 148, 'ascii'); // checksum placeholder: eight spaces
  h.write('0', 156, 'ascii'); // regular file
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write('root', 265, 32, 'ascii');
  h.write('root', 297, 32, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

/**
 * Writes an uncompressed ustar archive (regular files only, the order given).
 *
 * @example
 * ```ts
 * const tar = writeTar([{ path: 'pkg-1.0/PKG-INFO', data: new TextEncoder().encode('Metadata-Version: 2.1\n') }]);
 * ```
 */
export function writeTar(entries: ArchiveEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(tarHeader(e.path, e.data.length, e.mode ?? 0o644), Buffer.from(e.data));
    const pad = (512 - (e.data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * Gzip with a fixed header (mtime 0, no name, OS byte 255 "unknown"), so output depends only on input.
 *
 * @example
 * ```ts
 * const gz = gzipDeterministic(writeTar(entries));
 * ```
 */
export function gzipDeterministic(data: Uint8Array): Uint8Array {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return new Uint8Array(Buffer.concat([header, deflateRaw(data), trailer]));
}
