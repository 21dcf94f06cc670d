// The candidate selector as a table: strategy x pre-release policy x preference x unusable releases.
import { describe, expect, it } from 'vitest';
import { Version } from '../pep440/index';
import { CandidateSelector, type Candidate, type PrereleasePolicy, type ResolutionStrategy } from './candidate-selector';

function candidates(spec: string): Candidate[] {
  // '1.0 2.0a1 3.0!' -> ascending releases; a trailing '!' marks an unusable (e.g. yanked) one.
  return spec.split(' ').map((s) => {
    const raw = s.replace(/!$/, '');
    const version = Version.parse(raw);
    const c: Candidate = { version, raw, prerelease: version.isPrerelease };
    if (s.endsWith('!')) c.unusable = { reason: 'was yanked' };
    return c;
  });
}

const table: Array<[string, ResolutionStrategy, PrereleasePolicy, boolean, string | undefined, string | undefined]> = [
  // releases, strategy, prereleases, direct, preferred, expected
  ['1.0 2.0 3.0', 'highest', 'if-necessary', true, undefined, '3.0'],
  ['1.0 2.0 3.0', 'lowest', 'if-necessary', true, undefined, '1.0'],
  ['1.0 2.0 3.0', 'lowest-direct', 'if-necessary', true, undefined, '1.0'],
  ['1.0 2.0 3.0', 'lowest-direct', 'if-necessary', false, undefined, '3.0'],
  ['1.0 2.0 3.0', 'highest', 'if-necessary', true, '2.0', '2.0'],
  ['1.0 2.0! 3.0', 'highest', 'if-necessary', true, '2.0', '3.0'],
  ['1.0 2.0 3.0!', 'highest', 'if-necessary', true, undefined, '2.0'],
  ['1.0! 2.0!', 'highest', 'if-necessary', true, undefined, '2.0'],
  ['1.0 2.0a1', 'highest', 'if-necessary', true, undefined, '1.0'],
  ['1.0 2.0a1', 'highest', 'allow', true, undefined, '2.0a1'],
  ['1.0a1 2.0a1', 'highest', 'if-necessary', true, undefined, '2.0a1'],
  ['1.0a1 2.0a1', 'lowest', 'if-necessary', true, undefined, '1.0a1'],
  ['1.0a1 2.0a1', 'highest', 'disallow', true, undefined, undefined],
  ['1.0 2.0a1! 3.0a1', 'highest', 'if-necessary', true, undefined, '1.0'],
];

describe('CandidateSelector', () => {
  for (const [releases, strategy, prereleases, direct, preferred, expected] of table) {
    it(`${releases} | ${strategy} ${prereleases}${direct ? ' direct' : ''}${preferred ? ` prefer ${preferred}` : ''} -> ${expected ?? 'none'}`, () => {
      const selector = new CandidateSelector({ strategy, prereleases });
      const chosen = selector.select(candidates(releases), () => true, {
        direct,
        ...(preferred ? { preferred: Version.parse(preferred) } : {}),
      });
      expect(chosen?.raw).toBe(expected);
    });
  }

  it('only considers versions in range', () => {
    const selector = new CandidateSelector({ strategy: 'highest', prereleases: 'if-necessary' });
    const lt2 = (v: Version) => v.compare(Version.parse('2.0')) < 0;
    expect(selector.select(candidates('1.0 1.5a1 2.0'), lt2, { direct: true })?.raw).toBe('1.0');
    expect(selector.select(candidates('1.5a1 2.0'), lt2, { direct: true })?.raw).toBe('1.5a1');
    expect(selector.select(candidates('2.0 3.0'), lt2, { direct: true })).toBeUndefined();
  });
});
