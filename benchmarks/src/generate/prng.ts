// A small seeded pseudo-random generator (mulberry32) so every generated ecosystem is reproducible
// from its seed on any machine and Node version (Math.random is not seedable).

/** A seeded random source: `next()` in [0, 1), plus the helpers generators need. */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** `k` distinct elements of `items` (fewer if `items` is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[];
}

/**
 * A mulberry32 generator seeded with a 32-bit integer.
 *
 * @example
 * ```ts
 * const r = prng(42);
 * r.int(1, 6); // the same number on every run
 * ```
 */
export function prng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    sample<T>(items: readonly T[], k: number): T[] {
      const pool = items.slice();
      const out: T[] = [];
      for (let i = 0; i < k && pool.length > 0; i++) {
        const j = Math.floor(next() * pool.length);
        out.push(pool[j]!);
        pool[j] = pool[pool.length - 1]!;
        pool.pop();
      }
      return out;
    },
  };
}
