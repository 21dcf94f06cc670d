// Filename parsing table tests: wheels with build tags and compressed tag sets, legacy sdists with
// dashes in the name, invalid versions, canonical version keys.
import { describe, it, expect } from 'vitest';
import { canonicalVersion, parseDistFilename } from './filename';

describe('parseDistFilename', () => {
  it.each([
    ['six-1.16.0-py2.py3-none-any.whl', undefined, { kind: 'wheel', name: 'six', version: '1.16.0' }],
    ['Django-4.2.1-1-py3-none-any.whl', undefined, { kind: 'wheel', name: 'django', version: '4.2.1', build: '1' }],
    ['python-dateutil-2.8.2.tar.gz', 'python-dateutil', { kind: 'sdist', name: 'python-dateutil', version: '2.8.2' }],
    ['python_dateutil-2.8.2.tar.gz', undefined, { kind: 'sdist', name: 'python-dateutil', version: '2.8.2' }],
    ['Foo.Bar-1.0b1.zip', 'foo-bar', { kind: 'sdist', name: 'foo-bar', version: '1.0b1' }],
  ])('%s', (filename, project, want) => {
    expect(parseDistFilename(filename, project)).toMatchObject(want);
  });

  it('expands compressed tag sets', () => {
    const p = parseDistFilename('a-1.0-cp38.cp39-abi3-manylinux1_x86_64.manylinux2010_x86_64.whl');
    expect(p?.kind === 'wheel' && p.tags.length).toBe(4);
  });

  it.each(['a-1.0.egg', 'a-notaversion.tar.gz', 'a-1.0-py3-none.whl', 'setup.exe', 'b-1.0.tar.gz'])('ignores %s', (f) => {
    expect(parseDistFilename(f, f.startsWith('b') ? 'a' : undefined)).toBeUndefined();
  });
});

describe('canonicalVersion', () => {
  it.each([
    ['1.0.0', '1'],
    ['1.0', '1'],
    ['v1.0.0.RC1', '1rc1'],
    ['1.0-1', '1.post1'],
    ['1.0.post', '1.post0'],
    ['1!2.0dev3', '1!2.dev3'],
    ['0!1.0+Local_Ver', '1+local.ver'],
    ['1.0alpha', '1a0'],
  ])('%s -> %s', (v, want) => expect(canonicalVersion(v)).toBe(want));
  it('rejects non-PEP 440', () => expect(canonicalVersion('1.0-foo')).toBeUndefined());
});

describe('canonicalVersion agrees with core-resolver PEP 440', () => {
  it('accepts exactly what Version.parse accepts and groups equal versions together', async () => {
    const { Version } = await import('@pipgrub/core-resolver/pep440');
    const samples = ['1.0', '1.0.0', 'v1.0', '1.0-1', '1.0.post1', '1.0rc1', '1.0c1', '1.0.0.dev0', '2!1.0', '1.0+abc.1', '1.0+ABC-1',
      '01.02', '1.0a', '1.0.alpha.1', 'foo', '1.0-foo', '1..0', '1.0+', '', '1.0_post_2', '1.0.r3', '1.0.0-rc.1'];
    for (const s of samples) {
      let ok = true;
      try {
        Version.parse(s);
      } catch {
        ok = false;
      }
      expect(canonicalVersion(s) !== undefined, s).toBe(ok);
    }
    const eq = (a: string, b: string) => Version.parse(a).compare(Version.parse(b)) === 0;
    for (const a of samples) for (const b of samples) {
      if (canonicalVersion(a) && canonicalVersion(b)) expect(canonicalVersion(a) === canonicalVersion(b), `${a} vs ${b}`).toBe(eq(a, b));
    }
  });
});
