// Version parsing, normalization and ordering as data tables (expected values from packaging 26),
// and typed errors that name the bad string.
import { describe, expect, it } from 'vitest';
import { InvalidVersion, isInvalidVersion, isPep440Error } from './errors';
import { scanVersion } from './scan-version';
import { Version, compareVersions } from './version';

describe('Version.parse normalizes', () => {
  it.each([
    ['1.0', '1.0'],
    ['V1.0-RC.1', '1.0rc1'],
    ['1.0.post', '1.0.post0'],
    ['1!2.3.dev4+abc.5', '1!2.3.dev4+abc.5'],
    ['  1.0\n', '1.0'],
    ['1.0-1', '1.0.post1'],
    ['1.0a.-1', '1.0a0.post1'],
    ['1.0ALPHA1', '1.0a1'],
    ['1.0preview2', '1.0rc2'],
    ['1.0c', '1.0rc0'],
    ['1.0rev3', '1.0.post3'],
    ['1.0-dev', '1.0.dev0'],
    ['1.0+AbC-01_x', '1.0+abc.1.x'],
    ['01.002.0003', '1.2.3'],
  ])('%j -> %s', (input, expected) => {
    expect(Version.parse(input).toString()).toBe(expected);
  });
});

describe('Version.parse rejects with a typed error naming the string', () => {
  it.each(['', 'v', '1.0.0.0.0a-b', '1.0+', '1..0', 'abc', '1.0 a1', '1.0-', '1!', '1.0+a..b', 'x'.repeat(10000), '1'.repeat(40)])('%j', (input) => {
    let err: unknown;
    try {
      Version.parse(input);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InvalidVersion);
    expect(isInvalidVersion(err)).toBe(true);
    expect(isPep440Error(err)).toBe(true);
    expect((err as Error).message).toContain('invalid version');
  });
});

describe('ordering', () => {
  it('follows PEP 440', () => {
    const order = [
      '0.dev0', '1.0.dev456', '1.0a1', '1.0a2.dev456', '1.0a12.dev456', '1.0a12', '1.0b1.dev456', '1.0b2', '1.0b2.post345.dev456',
      '1.0b2.post345', '1.0rc1.dev456', '1.0rc1', '1.0', '1.0+abc.5', '1.0+abc.7', '1.0+5', '1.0.post456.dev34', '1.0.post456',
      '1.0.15', '1.1.dev1', '20000000.1', '1!0.1',
    ].map((s) => Version.parse(s));
    for (let i = 0; i < order.length; i++) {
      for (let j = 0; j < order.length; j++) {
        expect(Math.sign(compareVersions(order[i]!, order[j]!)), `${order[i]} vs ${order[j]}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('ignores trailing zeros', () => {
    expect(compareVersions(Version.parse('1.0.0.0.0.0'), Version.parse('1'))).toBe(0);
    expect(Version.parse('1.0').equals(Version.parse('1.0.0'))).toBe(true);
  });

  it('exposes parts and predicates', () => {
    const v = Version.parse('1!2.3rc4.post5.dev6+u.7');
    expect([v.epoch, v.release, v.pre, v.post, v.dev, v.local]).toEqual([1, [2, 3], ['rc', 4], 5, 6, ['u', 7]]);
    expect([v.isPrerelease, v.isDevrelease, v.isPostrelease]).toEqual([true, true, true]);
    expect(v.baseVersion.toString()).toBe('1!2.3');
    expect(v.public.toString()).toBe('1!2.3rc4.post5.dev6');
  });
});

describe('the parse fast path agrees with the full scanner', () => {
  const rels = ['0', '1', '01', '1.0', '2.10.3', '1.2.3.4', '1.2.3.4.5', '2024.1.15', '123456789012345', '1234567890123456'];
  const tails = ['', 'a1', 'b0', 'rc12', 'c1', 'a', '.post3', '.post', '.dev0', '.dev', 'a1.post2.dev3', 'rc1.dev4', '.post1.dev2',
    'b2.post1', 'r1', '.a1', '-1', '.dev1.post1', '+abc', '.', 'a1.', '.post1.', 'RC1', 'alpha1', 'a1x'];
  it('for release x suffix combinations', () => {
    for (const r of rels) {
      for (const t of tails) {
        const text = r + t;
        const s = scanVersion(text, 0, text.length, { trim: true });
        const v = Version.tryParse(text);
        if (s === null) {
          expect(v, text).toBeUndefined();
          continue;
        }
        expect(v, text).toBeDefined();
        expect([v!.epoch, v!.release, v!.pre, v!.post, v!.dev, v!.local], text).toEqual([s.epoch, s.release, s.pre, s.post, s.dev, s.local]);
        const slow = Version.fromParts({ release: s.release, pre: s.pre, post: s.post, dev: s.dev, local: s.local });
        expect(compareVersions(v!, slow), text).toBe(0);
        expect([v!._k1, v!._k2], text).toEqual([slow._k1, slow._k2]);
      }
    }
  });
});
