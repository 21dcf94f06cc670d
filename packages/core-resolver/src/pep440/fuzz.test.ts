// Bad input never hangs: hostile strings get a typed error fast (hand-written scanners, no regex backtracking).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Marker } from '../pep508/marker';
import { Requirement } from '../pep508/requirement';
import { isPep508Error } from '../pep508/errors';
import { isPep440Error } from './errors';
import { SpecifierSet } from './specifier-set';
import { Version } from './version';

function timed(fn: () => void): { ms: number; error: unknown } {
  const t = performance.now();
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  return { ms: performance.now() - t, error };
}

const hostile = [
  '1.0.0.0.0a-b', '>=1.0,', '((os_name == "nt"', 'os_name == "nt")', '1'.repeat(10000), `${'1.'.repeat(5000)}a`, 'a'.repeat(10000),
  `${'('.repeat(5000)}os_name == "x"`, `>=${'1.0'.repeat(3000)}`, `1.0${'-'.repeat(10000)}`, `1.0+${'a.'.repeat(5000)}`, `${'v'.repeat(10000)}1`,
  `name${'['.repeat(3000)}`, `name>=1.0${' ,'.repeat(5000)}`, `os_name == "${'x'.repeat(10000)}`, `${'0!'.repeat(5000)}`,
];

describe('hostile input', () => {
  it.each(hostile.map((s) => [s.slice(0, 30), s]))('%s... -> typed error or value, fast', (_label, s) => {
    for (const fn of [() => Version.parse(s), () => SpecifierSet.parse(s), () => Marker.parse(s), () => Requirement.parse(s)]) {
      const { ms, error } = timed(fn);
      expect(ms).toBeLessThan(50); // generous for shared CI; typical is well under 1 ms
      if (error !== undefined) expect(isPep440Error(error) || isPep508Error(error), String(error)).toBe(true);
    }
  });

  it('random strings of up to 10,000 characters never throw untyped errors', () => {
    const chars = fc.constantFrom(...'0123456789.-_+!*abcdeprvostAPV ()[];,=<>~"\'@\t'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 10000 }).map((a) => a.join('')), (s) => {
        for (const fn of [() => Version.parse(s), () => SpecifierSet.parse(s), () => Marker.parse(s), () => Requirement.parse(s)]) {
          const { error } = timed(fn);
          if (error !== undefined) expect(isPep440Error(error) || isPep508Error(error), String(error)).toBe(true);
        }
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
