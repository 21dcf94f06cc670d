// Long backjumps: chronological backtracking past 100 levels and conflict-aware priorities must keep
// solutions valid and failures explained, on graphs deep enough to take those paths.
import { describe, it, expect } from 'vitest';
import { solve } from './solver';
import { OfflineDependencyProvider } from './offline-provider';
import { NO_CONFLICTS } from './provider';
import { IntRange, IntRangeKind } from './testing/int-range';
import { checkSolution, checkTree } from './testing/check-tree';
import { solveSat } from '../sat/index';

type Provider = OfflineDependencyProvider<string, number, IntRange>;

/** mulberry32: a seeded generator, so every run sees the same graphs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n packages x v versions; each version depends on up to 4 of the next 20 packages, half with an upper bound. */
function wide(n: number, v: number, seed: number, rootDeps = 20): Provider {
  const r = rng(seed);
  const p = new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);
  const step = Math.max(1, Math.floor(n / rootDeps));
  p.add('root', 1, Array.from({ length: rootDeps }, (_, i): [string, IntRange] => [`p${i * step}`, IntRange.full()]));
  for (let i = 0; i < n; i++) {
    for (let ver = 1; ver <= v; ver++) {
      const deps = new Map<string, IntRange>();
      const k = Math.floor(r() * 5);
      for (let j = 0; j < k; j++) {
        const d = (i + 1 + Math.floor(r() * 20)) % n;
        if (d === i) continue;
        const lo = Math.max(1, Math.floor((ver * v) / (v + 4) - r() * 6));
        const hi = r() < 0.5 ? Math.min(v + 1, lo + 2 + Math.floor(r() * 8)) : Infinity;
        deps.set(`p${d}`, IntRange.between(lo, hi));
      }
      p.add(`p${i}`, ver, deps);
    }
  }
  return p;
}

describe('long backjumps (chronological backtracking past 100 levels)', () => {
  it('finds valid solutions on wide graphs, agreeing with the SAT backend', async () => {
    for (const seed of [1, 2, 3]) {
      const p = wide(400, 12, seed);
      const r = await solve(p, 'root', 1, IntRangeKind);
      const sat = await solveSat(p, 'root', 1, { optimize: 'none' });
      expect(r.kind).toBe(sat.kind);
      if (r.kind === 'solved') {
        expect(checkSolution(p, r.solution)).toEqual([]);
      } else {
        expect(checkTree(p, r.tree, 'root', 1)).toEqual([]);
      }
    }
  });

  it('does not redo thousands of decisions after a conflict deep in a 1,000-package graph', async () => {
    const p = wide(1000, 20, 7, 100);
    const r = await solve(p, 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(checkSolution(p, r.solution)).toEqual([]);
    // Backjumping to the learned level every time takes about 4 decisions per selected package here.
    expect(r.stats.decisions).toBeLessThan(2.5 * r.solution.size);
  });

  it('explains a failure found 150 levels below the decision that caused it', async () => {
    // root -> a0 -> ... -> a149 (5 versions each), root -> z; every a149 needs z < 0, which does not exist.
    const p = new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);
    p.add('root', 1, [
      ['a0', IntRange.full()],
      ['z', IntRange.full()],
    ]);
    for (let i = 0; i < 150; i++) {
      for (let v = 1; v <= 5; v++) p.add(`a${i}`, v, [i === 149 ? ['z', IntRange.lowerThan(0)] : [`a${i + 1}`, IntRange.full()]]);
    }
    p.add('z', 1, []);
    const r = await solve(p, 'root', 1, IntRangeKind);
    expect(r.kind).toBe('failed');
    if (r.kind === 'failed') expect(checkTree(p, r.tree, 'root', 1)).toEqual([]);
  });

  it('solves a deep == chain where only the all-ones assignment works', async () => {
    const p = new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);
    p.add('root', 1, [['c0', IntRange.full()]]);
    for (let i = 0; i < 150; i++) {
      for (let v = 1; v <= 4; v++) {
        if (i === 149) p.add(`c${i}`, v, v === 1 ? [] : [['missing', IntRange.full()]]);
        else p.add(`c${i}`, v, [[`c${i + 1}`, IntRange.between(v, v + 1)]]);
      }
    }
    const r = await solve(p, 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind === 'solved') {
      expect(checkSolution(p, r.solution)).toEqual([]);
      expect([...r.solution.values()].every((v) => v === 1)).toBe(true);
    }
  });
});

describe('conflict-aware priorities (OfflineDependencyProvider)', () => {
  it('puts often-rejected packages first, then often-blamed ones, then fewest versions', () => {
    const p = new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b).add('a', 1, []).add('a', 2, []).add('b', 1, []);
    const all = IntRange.full();
    const plain = p.prioritize('a', all, NO_CONFLICTS);
    expect(p.prioritize('b', all, NO_CONFLICTS)).toBeGreaterThan(plain); // fewer versions
    const late = p.prioritize('a', all, { affected: 0, culprit: 5 });
    const early = p.prioritize('a', all, { affected: 5, culprit: 0 });
    expect(late).toBeGreaterThan(p.prioritize('b', all, NO_CONFLICTS));
    expect(early).toBeGreaterThan(late);
    expect(p.prioritize('a', all, { affected: 4, culprit: 4 })).toBe(plain); // below uv's threshold of 5
  });
});
