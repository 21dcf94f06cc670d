// pipgrub agrees with @renovatebot/pep440 where that library follows packaging (validity, ordering,
// normalization without local labels); the known differences are listed in core-resolver's README.
import fc from 'fast-check';
import * as renovate from '@renovatebot/pep440';
import { describe, expect, it } from 'vitest';
import { Version, compareVersions } from '@pipgrub/core-resolver/pep440';
import { brokenVersionText, candidateText, versionText } from '../../../packages/core-resolver/src/pep440/testing/generators';

const params = { seed: 2026, numRuns: 2000 };
const inScope = (s: string): boolean => !/[0-9]{16,}/.test(s);

describe('cross-check with @renovatebot/pep440', () => {
  it('agrees on validity', () => {
    fc.assert(
      fc.property(fc.oneof(versionText({ whitespace: true }), brokenVersionText()).filter(inScope), (s) => {
        expect(Version.isValid(s)).toBe(renovate.clean(s) !== null);
      }),
      params,
    );
  });

  it('agrees on normalization of versions without a local label', () => {
    fc.assert(
      fc.property(versionText({ whitespace: true, local: false }).filter(inScope), (s) => {
        expect(Version.parse(s).toString()).toBe(renovate.clean(s));
      }),
      params,
    );
  });

  it('agrees on ordering', () => {
    fc.assert(
      fc.property(candidateText(), candidateText(), (a, b) => {
        expect(Math.sign(compareVersions(Version.parse(a), Version.parse(b)))).toBe(Math.sign(renovate.compare(a, b)));
      }),
      params,
    );
  });

  it('differs on local labels: renovate joins segments with commas (packaging and pipgrub use dots)', () => {
    expect(Version.parse('1.0+ubuntu-1').toString()).toBe('1.0+ubuntu.1');
    expect(renovate.clean('1.0+ubuntu-1')).toBe('1.0+ubuntu,1');
  });
});
