// Unpacking a wheel into the cache: every entry name checked for traversal/absolute paths/escaping
// symlinks and every file checked against RECORD before the tree is published under the wheel hash.
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ZipArchive, ZipEntry } from '@pipgrub/pypi-source';
import { VenvError, describe, isVenvError } from '../errors';
import type { UnpackManifest, UnpackedFile, WheelCache } from '../cache/wheel-cache';
import { parseRecord, type RecordRow } from './record';
import { metadataNameVersion, parseWheelMetadata } from './wheel-name';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const dec = new TextDecoder();

/**
 * Check one archive member name: relative, `/`-separated, no `..`, no drive letters or NULs.
 * Throws `UNSAFE_WHEEL_PATH`.
 */
export function assertSafeMemberName(name: string, wheel: string): void {
  const bad =
    name.length === 0 ||
    name.includes('\0') ||
    name.includes('\\') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((seg) => seg === '..');
  if (bad) {
    throw new VenvError('UNSAFE_WHEEL_PATH', `${wheel}: refusing archive member '${name}' (absolute path or path traversal)`, {
      hint: 'The wheel is malformed or malicious; do not install it.',
    });
  }
}

function assertSafeSymlink(entry: ZipEntry, target: string, wheel: string): void {
  const base = path.posix.dirname(entry.name);
  const resolved = path.posix.normalize(path.posix.join(base, target));
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || resolved === '..' || resolved.startsWith('../')) {
    throw new VenvError('UNSAFE_WHEEL_PATH', `${wheel}: symlink '${entry.name}' points outside the wheel ('${target}')`, {
      hint: 'The wheel is malformed or malicious; do not install it.',
    });
  }
}

function wrapZip(e: unknown, wheel: string): VenvError {
  if (isVenvError(e)) return e;
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
  return new VenvError('CORRUPT_WHEEL', `${wheel} is not a readable wheel${code ? ` (${code})` : ''}: ${describe(e)}`, {
    cause: e,
    hint: 'The file is truncated or corrupt; delete it and download it again.',
  });
}

/**
 * Unpack a wheel whose sha256 is already verified into the cache (no-op when already there).
 * @example const { dir, manifest } = await unpackWheel('x-1.0-py3-none-any.whl', sha, new WheelCache());
 */
export async function unpackWheel(wheelPath: string, sha256: string, cache: WheelCache): Promise<{ dir: string; manifest: UnpackManifest }> {
  const hit = await cache.unpacked(sha256);
  if (hit) return { dir: cache.unpackedDir(sha256), manifest: hit };
  const wheel = path.basename(wheelPath);
  // Loaded on first use: creating environments never pays for the zip/HTTP stack.
  const { ZipArchive, fileReader } = await import('@pipgrub/pypi-source');
  let reader;
  try {
    reader = await fileReader(wheelPath);
  } catch (e) {
    throw wrapZip(e, wheel);
  }
  const tmp = await cache.tempDir('unpack');
  const pendingWrites: Array<Promise<void>> = [];
  try {
    let archive: ZipArchive;
    try {
      archive = await ZipArchive.open(reader);
    } catch (e) {
      throw wrapZip(e, wheel);
    }
    const seen = new Set<string>();
    for (const e of archive.entries) {
      assertSafeMemberName(e.name, wheel);
      if (seen.has(e.name)) throw new VenvError('BAD_WHEEL', `${wheel}: duplicate archive member '${e.name}'`);
      seen.add(e.name);
    }
    const distInfos = new Set(archive.entries.map((e) => e.name.split('/')[0]!).filter((d) => d.endsWith('.dist-info')));
    if (distInfos.size !== 1) {
      throw new VenvError('BAD_WHEEL', `${wheel}: expected exactly one .dist-info directory, found ${distInfos.size}`);
    }
    const distInfo = [...distInfos][0]!;
    const read = async (e: ZipEntry): Promise<Uint8Array> => {
      try {
        return await archive.readEntry(e);
      } catch (err) {
        throw wrapZip(err, wheel);
      }
    };
    const need = async (name: string): Promise<string> => {
      const e = archive.getEntry(`${distInfo}/${name}`);
      if (!e) throw new VenvError('BAD_WHEEL', `${wheel}: missing ${distInfo}/${name}`);
      return dec.decode(await read(e));
    };
    const recordText = await need('RECORD');
    const wheelMeta = parseWheelMetadata(await need('WHEEL'), wheel);
    const { name, version } = metadataNameVersion(await need('METADATA'));
    const epEntry = archive.getEntry(`${distInfo}/entry_points.txt`);
    const entryPoints = epEntry ? dec.decode(await read(epEntry)) : '';
    const record = new Map<string, RecordRow>();
    for (const row of parseRecord(recordText)) record.set(row.path, row);

    const files: UnpackedFile[] = [];
    const dirs = new Set<string>();
    const writes = pendingWrites;
    let writeError: unknown = null;
    for (const e of archive.entries) {
      if (e.isDirectory) continue;
      let data = await read(e);
      if (e.unixMode !== undefined && (e.unixMode & S_IFMT) === S_IFLNK) {
        // pip writes symlink members as regular files holding the target; we do too, when safe.
        assertSafeSymlink(e, dec.decode(data), wheel);
      }
      const digest = `sha256=${createHash('sha256').update(data).digest('base64url')}`;
      const isRecordFile = e.name === `${distInfo}/RECORD` || e.name === `${distInfo}/RECORD.jws` || e.name === `${distInfo}/RECORD.p7s`;
      if (!isRecordFile) {
        const row = record.get(e.name);
        if (!row) throw new VenvError('RECORD_MISMATCH', `${wheel}: '${e.name}' is not listed in RECORD`, { hint: 'The wheel was modified after it was built.' });
        if (row.hash) {
          const [algo, expected] = row.hash.split('=', 2);
          const actual = algo === 'sha256' ? digest.slice(7) : createHash(algo!).update(data).digest('base64url');
          if (actual !== expected) {
            throw new VenvError('RECORD_MISMATCH', `${wheel}: '${e.name}' does not match its RECORD hash`, { hint: 'The wheel was modified after it was built.' });
          }
        }
        if (row.size && Number(row.size) !== data.length) {
          throw new VenvError('RECORD_MISMATCH', `${wheel}: '${e.name}' is ${data.length} bytes, RECORD says ${row.size}`);
        }
      }
      const executable = e.unixMode !== undefined && (e.unixMode & 0o111) !== 0 && (e.unixMode & S_IFMT) !== S_IFLNK;
      const dest = path.join(tmp, ...e.name.split('/'));
      const parent = path.dirname(dest);
      if (!dirs.has(parent)) {
        await mkdir(parent, { recursive: true });
        dirs.add(parent);
      }
      // Writes overlap with reading/inflating the next entries.
      writes.push(writeFile(dest, data, { mode: executable ? 0o777 : 0o666 }).catch((err: unknown) => void (writeError ??= err)));
      files.push({ path: e.name, hash: digest, size: data.length, executable });
      data = new Uint8Array(0);
    }
    await Promise.all(writes);
    if (writeError) throw writeError;
    const manifest: UnpackManifest = {
      sha256,
      filename: wheel,
      name,
      version,
      distInfo,
      rootIsPurelib: wheelMeta.rootIsPurelib,
      files,
      record: recordText,
      entryPoints,
    };
    await cache.publishUnpacked(tmp, manifest);
    return { dir: cache.unpackedDir(sha256), manifest };
  } catch (e) {
    await Promise.allSettled(pendingWrites);
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw e;
  } finally {
    await reader.close?.();
  }
}
