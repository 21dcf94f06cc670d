// Core metadata parsing (folded lines, multi-valued fields, malformed input), the PEP 643 rule, and
// PKG-INFO extraction from tar (ustar, GNU long names) archives.
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isStaticSdistMetadata, parseCoreMetadata } from './core-metadata';
import { findPkgInfoInTar, readSdistPkgInfo } from './sdist-metadata';

describe('parseCoreMetadata', () => {
  it('reads fields, folds continuation lines and ignores the body', () => {
    const r = parseCoreMetadata('Metadata-Version: 2.3\r\nName: Foo\nVersion: 1.0\nRequires-Dist: a>=1;\n   extra == "x"\nRequires-Dist: b\nProvides-Extra: x\nRequires-Python: >=3.8\nDynamic: Classifier\n\nRequires-Dist: not-a-header\n');
    expect(r).toEqual({
      ok: true,
      metadata: { metadataVersion: '2.3', name: 'Foo', version: '1.0', requiresDist: ['a>=1; extra == "x"', 'b'], requiresPython: '>=3.8', providesExtra: ['x'], dynamic: ['classifier'] },
    });
    expect(r.ok && isStaticSdistMetadata(r.metadata)).toBe(true);
  });
  it('reports malformed input', () => {
    expect(parseCoreMetadata('Name: x\n')).toEqual({ ok: false, reason: 'no Version field' });
    expect(parseCoreMetadata('garbage line\n').ok).toBe(false);
  });
  it('PEP 643: dynamic Requires-Dist or Metadata-Version < 2.2 is not static', () => {
    const base = { name: 'a', version: '1', requiresDist: [], requiresPython: undefined, providesExtra: [] };
    expect(isStaticSdistMetadata({ ...base, metadataVersion: '2.1', dynamic: [] })).toBe(false);
    expect(isStaticSdistMetadata({ ...base, metadataVersion: '2.2', dynamic: ['requires-dist'] })).toBe(false);
    expect(isStaticSdistMetadata({ ...base, metadataVersion: '2.4', dynamic: ['license'] })).toBe(true);
  });

  const corpus = resolve(fileURLToPath(new URL('../../../../', import.meta.url)), '../shared/corpora/poetry-pypi-fixtures/pypi.org/metadata');
  it.skipIf(!existsSync(corpus))('parses every PEP 658 .metadata file in the poetry corpus', () => {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.metadata'));
    for (const f of files) expect(parseCoreMetadata(readFileSync(join(corpus, f), 'utf8')).ok, f).toBe(true);
    expect(files.length).toBeGreaterThan(50);
  });
});

function tarEntry(name: string, data: string, type = '0'): Buffer {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 100), 0);
  h.write('0000644\0', 100);
  h.write(Buffer.byteLength(data).toString(8).padStart(11, '0') + '\0', 124);
  h.write(type, 156);
  h.write('ustar\0', 257);
  const body = Buffer.alloc(Math.ceil(Buffer.byteLength(data) / 512) * 512);
  body.write(data);
  return Buffer.concat([h, body]);
}

describe('sdist PKG-INFO', () => {
  it('finds the top-level PKG-INFO, not a nested one, through GNU long names', async () => {
    const longName = 'pkg-1.0/' + 'x'.repeat(120) + '/PKG-INFO';
    const tar = Buffer.concat([
      tarEntry('././@LongLink', longName, 'L'), tarEntry('ignored', 'nested'),
      tarEntry('pkg-1.0/src/pkg.egg-info/PKG-INFO', 'egg'),
      tarEntry('pkg-1.0/PKG-INFO', 'Metadata-Version: 2.2\nName: pkg\nVersion: 1.0\n'),
      Buffer.alloc(1024),
    ]);
    expect(findPkgInfoInTar(tar)).toContain('Name: pkg');
    expect(await readSdistPkgInfo(gzipSync(tar), 'pkg-1.0.tar.gz')).toMatchObject({ kind: 'found' });
    expect((await readSdistPkgInfo(new Uint8Array([1, 2, 3]), 'pkg-1.0.tar.gz')).kind).toBe('missing');
    expect((await readSdistPkgInfo(new Uint8Array(0), 'pkg-1.0.tar.bz2')).kind).toBe('missing');
  });
});
