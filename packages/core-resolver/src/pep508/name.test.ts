import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidName, normalizeName } from './name';

describe('normalizeName', () => {
  it.each([
    ['Django', 'django'],
    ['zope.interface', 'zope-interface'],
    ['Foo__Bar--baz..qux', 'foo-bar-baz-qux'],
    ['typing_extensions', 'typing-extensions'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => normalizeName(normalizeName(s)) === normalizeName(s)));
  });
});

describe('isValidName', () => {
  it('accepts names and rejects edge separators', () => {
    expect(isValidName('a')).toBe(true);
    expect(isValidName('a.b-c_d')).toBe(true);
    expect(isValidName('-a')).toBe(false);
    expect(isValidName('a-')).toBe(false);
    expect(isValidName('')).toBe(false);
  });
});
