// PKG-INFO of a source distribution (tar.gz or zip), read from downloaded bytes: the file at
// `<name>-<version>/PKG-INFO`, used when PEP 643 says its dependencies are static.
import { ZipArchive } from '../zip/archive';
import { lazyDecoder } from '../zip/zlib';
import { bytesReader } from '../zip/reader';

const gunzipAsync = lazyDecoder('gunzip');
const MAX_UNPACKED = 512 * 1024 * 1024;

/** Result of looking for PKG-INFO. */
export type SdistPkgInfo = { kind: 'found'; text: string } | { kind: 'missing'; reason: string };

function octal(b: Uint8Array, start: number, len: number): number {
  let s = '';
  for (let i = start; i < start + len && b[i] !== 0; i++) s += String.fromCharCode(b[i]!);
  const n = parseInt(s.trim() || '0', 8);
  return Number.isFinite(n) ? n : 0;
}

function cstr(b: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && b[end] !== 0) end++;
  return new TextDecoder().decode(b.subarray(start, end));
}

const isTopPkgInfo = (path: string) => /^[^/]+\/PKG-INFO$/.test(path.replace(/^\.\//, ''));

/** Scan a tar archive for the top-level `*\/PKG-INFO` (ustar, GNU long names and PAX paths). */
export function findPkgInfoInTar(tar: Uint8Array): string | undefined {
  let p = 0;
  let longName: string | undefined;
  while (p + 512 <= tar.length) {
    const header = tar.subarray(p, p + 512);
    if (header.every((x) => x === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] ?? 0);
    const dataStart = p + 512;
    const data = tar.subarray(dataStart, Math.min(tar.length, dataStart + size));
    let name = cstr(header, 0, 100);
    const prefix = cstr(header, 345, 155);
    if (prefix && cstr(header, 257, 6).startsWith('ustar')) name = `${prefix}/${name}`;
    if (type === 'L') longName = cstr(data, 0, data.length);
    else if (type === 'x') {
      const m = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(new TextDecoder().decode(data));
      if (m) longName = m[1];
    } else {
      const path = longName ?? name;
      longName = undefined;
      if ((type === '0' || type === '\0') && isTopPkgInfo(path)) return new TextDecoder().decode(data);
    }
    p = dataStart + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/**
 * Read PKG-INFO from sdist bytes (`.tar.gz`/`.tgz`/`.tar`/`.zip`; other compressions are reported missing).
 * @example const info = await readSdistPkgInfo(bytes, 'demo-1.0.tar.gz');
 */
export async function readSdistPkgInfo(bytes: Uint8Array, filename: string): Promise<SdistPkgInfo> {
  const lower = filename.toLowerCase();
  try {
    if (lower.endsWith('.zip')) {
      const archive = await ZipArchive.open(bytesReader(bytes));
      const entry = archive.entries.find((e) => isTopPkgInfo(e.name));
      if (!entry) return { kind: 'missing', reason: 'no PKG-INFO in the sdist' };
      return { kind: 'found', text: new TextDecoder().decode(await archive.readEntry(entry, { maxSize: 16 << 20 })) };
    }
    let tar: Uint8Array;
    if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) tar = await gunzipAsync(bytes, { maxOutputLength: MAX_UNPACKED });
    else if (lower.endsWith('.tar')) tar = bytes;
    else return { kind: 'missing', reason: `cannot read ${filename.slice(filename.lastIndexOf('.'))} sdists without building` };
    const text = findPkgInfoInTar(tar);
    return text === undefined ? { kind: 'missing', reason: 'no PKG-INFO in the sdist' } : { kind: 'found', text };
  } catch (e) {
    return { kind: 'missing', reason: `cannot unpack ${filename}: ${(e as Error).message}` };
  }
}
