// VersionRange: the VersionSet contract, readable printing, PEP 440 exclusive-ordering rules, and the
// boolean-algebra laws as fast-check properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VersionSet, VersionSetKind } from '../pubgrub/version-set';
import { SpecifierSet } from './specifier-set';
import { candidateText, specifierSetText } from './testing/generators';
import { Version } from './version';
import { VersionRange, versionRangeKind } from './version-range';

const range = (s: string): VersionRange => VersionRange.fromSpecifierSet(SpecifierSet.parse(s));
const validSet = specifierSetText().filter((s) => {
  try {
    return SpecifierSet.parse(s, { lenient: true }).specifiers.every((x) => x.isExactRange);
  } catch {
    return false;
  }
});
const arbRange = validSet.map((s) => SpecifierSet.parse(s, { lenient: true }).toRange());
const arbVersion = candidateText().map((s) => Version.parse(s));
const params = { seed: 424242, numRuns: 400 };

describe('VersionRange', () => {
  it('satisfies the VersionSet contract types', () => {
    const kind: VersionSetKind<Version, VersionRange> = versionRangeKind;
    const set: VersionSet<Version, VersionRange> = kind.full();
    expect(set.isEmpty()).toBe(false);
    expect(kind.empty().toString()).toBe('<none>');
    expect(kind.full().toString()).toBe('*');
    expect(kind.singleton(Version.parse('1.2.3')).toString()).toBe('==1.2.3');
  });

  it.each([
    ['>=1.0,<2.0', '>=1.0, <2.0'],
    ['>=1.0,<2.0,!=1.5', '>=1.0, !=1.5, <2.0'],
    ['==1.2.3', '==1.2.3'],
    ['<=2.0', '<=2.0'],
    ['>1.0', '>1.0'],
    ['!=1.0', '!=1.0'],
    ['~=2.2', '>=2.2, <3'],
    ['==1.*', '==1.*'],
    ['==1.4.*', '==1.4.*'],
    ['!=1.4.*', '<1.4 | >=1.5.dev0'],
    ['==0.*', '==0.*'],
    ['>=2,<1', '<none>'],
    ['', '*'],
  ])('%s prints as %s', (spec, text) => {
    expect(range(spec).toString()).toBe(text);
  });

  it('encodes the pre-release, post-release and local rules of exclusive comparisons', () => {
    const r = (s: string, v: string): boolean => range(s).contains(Version.parse(v));
    expect(r('<2.0', '2.0a1')).toBe(false); // PEP 440: <V excludes pre-releases of V
    expect(r('<2.0', '1.9')).toBe(true);
    expect(r('<2.0a2', '2.0a1')).toBe(true);
    expect(r('>1.0', '1.0.post1')).toBe(false); // >V excludes post-releases of V
    expect(r('>1.0.post1', '1.0.post2')).toBe(true);
    expect(r('>1.0', '1.0+local')).toBe(false); // and local versions of V
    expect(r('<=1.0', '1.0+local')).toBe(true);
    expect(r('==1.0', '1.0+local')).toBe(true);
    expect(r('==1.0+local', '1.0')).toBe(false);
    expect(r('>=1.0', '2.0a1')).toBe(true); // a range is a set: pre-release policy is the selector's job
  });

  it('contains(v) agrees with the clause-by-clause SpecifierSet test (prereleases: true)', () => {
    fc.assert(
      fc.property(validSet, fc.array(candidateText(), { minLength: 1, maxLength: 8 }), (text, vs) => {
        const set = SpecifierSet.parse(text, { lenient: true });
        const r = set.toRange();
        // filter() evaluates clause by clause (contains() itself answers from the range).
        for (const v of vs) expect(r.contains(Version.parse(v))).toBe(set.filter([v], { prereleases: true }).length > 0);
      }),
      params,
    );
  });

  it('obeys the boolean algebra laws', () => {
    fc.assert(
      fc.property(arbRange, arbRange, arbRange, arbVersion, (a, b, c, v) => {
        expect(a.complement().complement().equals(a)).toBe(true);
        expect(a.union(b).complement().equals(a.complement().intersection(b.complement()))).toBe(true); // De Morgan
        expect(a.intersection(b).complement().equals(a.complement().union(b.complement()))).toBe(true);
        expect(a.union(a.intersection(b)).equals(a)).toBe(true); // absorption
        expect(a.intersection(a.union(b)).equals(a)).toBe(true);
        expect(a.intersection(b.union(c)).equals(a.intersection(b).union(a.intersection(c)))).toBe(true); // distributivity
        expect(a.intersection(a.complement()).isEmpty()).toBe(true);
        expect(a.union(a.complement()).equals(VersionRange.full())).toBe(true);
        expect(a.union(b).contains(v)).toBe(a.contains(v) || b.contains(v));
        expect(a.intersection(b).contains(v)).toBe(a.contains(v) && b.contains(v));
        expect(a.complement().contains(v)).toBe(!a.contains(v));
        expect(a.intersection(b).isSubsetOf(a)).toBe(true);
        expect(a.isSubsetOf(b)).toBe(a.intersection(b).equals(a));
        expect(a.isSubsetOf(a.union(b))).toBe(true);
        expect(a.isDisjoint(b)).toBe(a.intersection(b).isEmpty());
        expect(a.union(b).equals(b.union(a))).toBe(true);
      }),
      params,
    );
  });

  it('prints text that parses back to the same range when it is a plain specifier', () => {
    fc.assert(
      fc.property(arbRange, (a) => {
        const text = a.toString();
        if (text.includes('|') || text.includes('*') || text.includes('<none>') || text.includes('+')) return;
        expect(range(text.replace(/, /g, ',')).equals(a)).toBe(true);
      }),
      params,
    );
  });
});
