// Test helpers for comparing the solver's search with a variant of itself on seeded random graphs:
// a provider without the lookahead hook, and a small deterministic random number source.

/** The same provider without `hasNoVersions` (the solver then finds missing versions by conflicts). */
export function withoutLookahead<T extends object>(p: T): T {
  return Object.assign(Object.create(p) as T, { hasNoVersions: undefined });
}

/** A seeded linear congruential generator: each call returns an integer in `[0, n)`. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}
