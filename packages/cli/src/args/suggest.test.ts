// Tests for edit distance and "did you mean" suggestions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { didYouMean, editDistance, suggest } from './suggest';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['install', 'install', 0],
    ['instal', 'install', 1],
    ['isntall', 'install', 1],
    ['lokc', 'lock', 1],
    ['graph', 'grpah', 1],
    ['kitten', 'sitting', 3],
  ])('%s ~ %s = %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it('is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });
});

describe('suggest', () => {
  const commands = ['install', 'uninstall', 'lock', 'sync', 'update', 'upgrade', 'graph', 'run', 'shell'];
  it('finds near misses and prefixes', () => {
    expect(suggest('lokc', commands)).toEqual(['lock']);
    expect(suggest('upd', commands)).toEqual(['update']);
    expect(suggest('unistall', commands)[0]).toBe('uninstall');
  });
  it('gives nothing for unrelated words', () => {
    expect(suggest('frobnicate', commands)).toEqual([]);
    expect(didYouMean('frobnicate', commands)).toBe('');
  });
  it('lists several close candidates', () => {
    expect(didYouMean('upgrate', commands)).toBe(' Did you mean one of: upgrade, update?');
  });
});
