// Zip reader tests: round trips (stored/deflate/zip64/comments/symlinks), read counting, and typed
// errors for truncated and corrupt archives (including a seed-fixed fuzz of random truncations).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { ZipArchive } from './archive';
import { bytesReader, fileReader, type RandomAccessReader } from './reader';
import { writeZip } from './zip-writer.test-helper';
import { isPypiSourceError } from '../errors';
import { codeOf } from '../error-code.test-helper';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

function counting(inner: RandomAccessReader): RandomAccessReader & { reads: Array<[number, number]> } {
  const reads: Array<[number, number]> = [];
  return { size: inner.size, reads, read: (o, l) => (reads.push([o, l]), inner.read(o, l)) };
}

describe('ZipArchive', () => {
  const entries = [
    { name: 'pkg/__init__.py', data: 'print("hi")\n'.repeat(50) },
    { name: 'pkg/data.bin', data: new Uint8Array([0, 1, 2, 3, 255]), method: 0 as const },
    { name: 'pkg-1.0.dist-info/METADATA', data: 'Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n' },
    { name: 'pkg/link', data: '__init__.py', method: 0 as const, mode: 0o120777 },
    { name: 'pkg/dir/', data: '', method: 0 as const, mode: 0o040755 },
    { name: 'pkg/héllo.txt', data: 'unicode' },
  ];

  it.each([
    ['plain', {}],
    ['zip64', { zip64: true }],
    ['comment', { comment: 'a comment with PK\x05\x06 inside' }],
    ['prefixed data', { prefix: new Uint8Array(100) }],
  ])('lists and reads entries (%s)', async (_label, opts) => {
    const zip = writeZip(entries, opts);
    const archive = await ZipArchive.open(bytesReader(zip));
    expect(archive.entries.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    expect(text(await archive.readEntry('pkg/__init__.py'))).toBe('print("hi")\n'.repeat(50));
    expect([...(await archive.readEntry('pkg/data.bin'))]).toEqual([0, 1, 2, 3, 255]);
    expect(text(await archive.readEntry('pkg/héllo.txt'))).toBe('unicode');
    const link = archive.getEntry('pkg/link')!;
    expect(link.isSymlink).toBe(true);
    expect(link.unixMode! & 0o777).toBe(0o777);
    expect(text(await archive.readEntry(link))).toBe('__init__.py');
    expect(archive.getEntry('pkg/dir/')!.isDirectory).toBe(true);
    expect(archive.getEntry('pkg/data.bin')!.isSymlink).toBe(false);
  });

  it('reads a small archive with one read (entry inside the tail)', async () => {
    const r = counting(bytesReader(writeZip(entries)));
    const archive = await ZipArchive.open(r);
    await archive.readEntry('pkg-1.0.dist-info/METADATA');
    expect(r.reads).toHaveLength(1);
  });

  it('reads a large archive with tail + one read per entry', async () => {
    const big = new Uint8Array(randomBytes(300_000));
    const r = counting(bytesReader(writeZip([{ name: 'big.bin', data: big }, ...entries])));
    const archive = await ZipArchive.open(r, { tailSize: 4096 });
    expect(r.reads).toHaveLength(1);
    expect((await archive.readEntry('big.bin')).length).toBe(300_000);
    expect(r.reads).toHaveLength(2);
  });

  it('detects a truncated download', async () => {
    const zip = writeZip(entries);
    expect(await codeOf(ZipArchive.open(bytesReader(zip.subarray(0, zip.length - 30))))).toBe('ZIP_TRUNCATED');
    expect(await codeOf(ZipArchive.open(bytesReader(zip.subarray(0, 10))))).toBe('ZIP_TRUNCATED');
  });

  it('rejects non-zip data and corrupt entries', async () => {
    expect(await codeOf(ZipArchive.open(bytesReader(new TextEncoder().encode('<html>not a zip</html>'))))).toBe('ZIP_CORRUPT');
    const zip = writeZip([{ name: 'a.txt', data: 'hello world', method: 0 }]);
    const bad = zip.slice();
    bad[35] = bad[35]! ^ 0xff; // flip a data byte: CRC must catch it
    const archive = await ZipArchive.open(bytesReader(bad));
    expect(await codeOf(archive.readEntry('a.txt'))).toBe('ZIP_CORRUPT');
    expect(await codeOf(archive.readEntry('missing.txt'))).toBe('ZIP_ENTRY_NOT_FOUND');
  });

  it('enforces maxSize', async () => {
    const archive = await ZipArchive.open(bytesReader(writeZip(entries)));
    expect(await codeOf(archive.readEntry('pkg/__init__.py', { maxSize: 10 }))).toBe('ZIP_UNSUPPORTED');
  });

  it('reads from a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pipgrub-zip-'));
    try {
      const path = join(dir, 'x.zip');
      await writeFile(path, writeZip(entries, { zip64: true }));
      const archive = await ZipArchive.open(await fileReader(path));
      expect(text(await archive.readEntry('pkg-1.0.dist-info/METADATA'))).toContain('Name: pkg');
      await archive.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  let hasPython = true;
  try {
    execFileSync('python3', ['-c', 'import zipfile'], { stdio: 'ignore' });
  } catch {
    hasPython = false;
  }
  if (!hasPython) console.log('skipping Python zipfile interop test: python3 not found');
  it.skipIf(!hasPython)("reads archives written by Python's zipfile (zip64 forced, data descriptors)", async () => {
    const script = `
import zipfile, io, sys
b = io.BytesIO()
with zipfile.ZipFile(b, 'w', zipfile.ZIP_DEFLATED) as z:
    with z.open('forced64.txt', 'w', force_zip64=True) as f: f.write(b'zip64 ' * 1000)
    z.writestr('plain.txt', 'plain')
    z.comment = b'py'
sys.stdout.buffer.write(b.getvalue())`;
    const bytes = new Uint8Array(execFileSync('python3', ['-c', script]));
    const archive = await ZipArchive.open(bytesReader(bytes));
    expect(text(await archive.readEntry('forced64.txt'))).toBe('zip64 '.repeat(1000));
    expect(text(await archive.readEntry('plain.txt'))).toBe('plain');
    expect(archive.comment).toBe('py');
  });

  it('never hangs or throws untyped errors on truncated or mutated archives (seed-fixed)', async () => {
    const zip = writeZip(entries, { zip64: true });
    await fc.assert(
      fc.asyncProperty(fc.nat(zip.length), fc.nat(zip.length - 1), fc.nat(255), async (cut, pos, byte) => {
        const bytes = zip.slice(0, Math.max(cut, 1));
        if (pos < bytes.length) bytes[pos] = byte;
        try {
          const a = await ZipArchive.open(bytesReader(bytes));
          for (const e of a.entries) await a.readEntry(e).catch((err: unknown) => {
            if (!isPypiSourceError(err)) throw err;
          });
        } catch (err) {
          if (!isPypiSourceError(err)) throw err;
        }
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
