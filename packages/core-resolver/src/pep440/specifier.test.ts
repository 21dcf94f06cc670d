// Specifier and SpecifierSet as data tables (each row checked against packaging 26.2), the pre-release
// rules, parsing errors, and regressions.
import { describe, expect, it } from 'vitest';
import { isInvalidSpecifier } from './errors';
import { Specifier } from './specifier';
import { SpecifierSet } from './specifier-set';
import { Version } from './version';
import { VersionRange } from './version-range';

// [specifier set, version, contains with prereleases: true] (values checked against packaging 26.2)
const TABLE: [string, string, boolean][] = [
  ['<2.0', '2.0a1', false],
  ['<2.0', '2.0.dev0', false],
  ['<2.0', '1.9.post1', true],
  ['<2.0a2', '2.0a1', true],
  ['<2.0.post1', '2.0.post1.dev0', false],
  ['<2.0.post1', '2.0', true],
  ['<0.dev0', '0.dev0', false],
  ['<=2.0', '2.0+local', true],
  ['<=2.0', '2.0.post0.dev0', false],
  ['>1.0', '1.0.post1', false],
  ['>1.0', '1.0.post1.dev1', false],
  ['>1.0', '1.0+local', false],
  ['>1.0', '1.0.0.1', true],
  ['>1.0.post1', '1.0.post1+local', false],
  ['>1.0.post1', '1.0.post2.dev0', true],
  ['>1.0.dev1', '1.0.dev1+x', false],
  ['>1.0a1', '1.0a1.post1', false],
  ['>1.0a1', '1.0a2.dev0', true],
  ['==1.0', '1.0+local', true],
  ['==1.0', '1.0.0', true],
  ['==1.0+local', '1.0', false],
  ['==1.0+LOCAL', '1.0+local', true],
  ['!=1.0', '1.0+x', false],
  ['==1.*', '1.0a1', true],
  ['==1.*', '1.dev0', true],
  ['==1.0.*', '1.0.post1', true],
  ['==1.0.*', '1.1.dev0', false],
  ['!=1.0.*', '1.0rc1', false],
  ['~=2.2', '2.9', true],
  ['~=2.2', '3.0.dev0', false],
  ['~=2.2.3', '2.3', false],
  ['~=2.2.post3', '2.2.post4', true],
  ['~=1.0.c1', '1.0.5', true], // packaging's string prefix: 1.0.*, not 1.*
  ['~=1.0.c1', '1.1', false],
  ['~=v1.0', '1.5', false], // packaging: the prefix "v1" matches nothing
  ['===1.0', '1.0', true],
  ['===1.0', '1.0.0', false],
  ['>=1.0,<2.0,!=1.5', '1.5+x', false],
  ['', '1.0a1', true],
];

describe('SpecifierSet.contains (prereleases: true)', () => {
  it.each(TABLE)('%s contains %s: %s', (spec, version, expected) => {
    const set = SpecifierSet.parse(spec);
    expect(set.contains(version, { prereleases: true })).toBe(expected);
    if (set.specifiers.every((s) => s.isExactRange)) expect(VersionRange.fromSpecifierSet(set).contains(Version.parse(version))).toBe(expected);
  });
});

describe('pre-release rules without an explicit flag', () => {
  it('accepts a lone pre-release candidate but filters it out next to finals', () => {
    const set = SpecifierSet.parse('>=1.0');
    expect(set.contains('2.0a1')).toBe(true);
    expect(set.contains('2.0a1', { prereleases: false })).toBe(false);
    expect(set.filter(['2.0a1', '1.5'])).toEqual(['1.5']);
    expect(set.filter(['2.0a1'])).toEqual(['2.0a1']);
    expect(SpecifierSet.parse('>=2.0b1').filter(['2.0b2', '1.5'])).toEqual(['2.0b2']);
    expect(SpecifierSet.parse('>=1.0', { prereleases: false }).filter(['2.0a1'])).toEqual([]);
  });
});

describe('parsing', () => {
  it.each(['>=1.0,', '>=1.0,,<2', '=>1.0', '>=1.0.*', '~=1', '<1.0+abc', '>= 1.0 1', '==', 'junk'])('rejects %j with InvalidSpecifier', (text) => {
    let err: unknown;
    try {
      SpecifierSet.parse(text);
    } catch (e) {
      err = e;
    }
    expect(isInvalidSpecifier(err)).toBe(true);
  });

  it('accepts empty clauses only when lenient (as packaging)', () => {
    expect(SpecifierSet.parse('>=1.0,', { lenient: true }).toString()).toBe('>=1.0');
    expect(SpecifierSet.parse('').isEmpty).toBe(true);
  });

  it('prints sorted and de-duplicated by meaning (regression: >=1.0 and >=1.0.0 printed twice)', () => {
    expect(SpecifierSet.parse('>=1.0.0, <2, >=1.0').toString()).toBe('<2,>=1.0');
    expect(Specifier.parse('  ~= 2.2 ').toString()).toBe('~=2.2');
  });
});
