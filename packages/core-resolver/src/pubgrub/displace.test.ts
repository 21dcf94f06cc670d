// The solver's `displace` (resolvelib's re-pin, done soundly): a version rejected only because a recent
// decision excludes it is decided first instead, below that decision, which is then made again.
import { describe, it, expect } from 'vitest';
import { solveSync } from './solver';
import { OfflineDependencyProvider } from './offline-provider';
import { IntRange, IntRangeKind } from './testing/int-range';
import { checkSolution } from './testing/check-tree';
import { seededRandom, withoutLookahead } from './testing/search-variants';

function provider(): OfflineDependencyProvider<string, number, IntRange> {
  return new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);
}

/** y (2 versions) is decided before x (3 versions, fewest candidates first); x 3 needs y 1. */
function displacedDecision(): OfflineDependencyProvider<string, number, IntRange> {
  return provider()
    .add('root', 1, [
      ['x', IntRange.full()],
      ['y', IntRange.full()],
    ])
    .add('x', 1, [])
    .add('x', 2, [])
    .add('x', 3, [['y', IntRange.singleton(1)]])
    .add('y', 1, [])
    .add('y', 2, []);
}

describe('displacing a recent decision', () => {
  it('decides the rejected version first and the displaced package again, without a conflict', () => {
    const r = solveSync(displacedDecision(), 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(Object.fromEntries(r.solution)).toEqual({ root: 1, x: 3, y: 1 });
    expect(r.stats.conflicts).toBe(0);
    // root, y 2, x 3 (decided below y 2 after the backjump), y 1.
    expect(r.stats.decisions).toBe(4);
    expect(r.stats.backtracks).toBe(1);
  });

  it('keeps the decision when no version of the displaced package fits the dependency', () => {
    const p = displacedDecision();
    p.add('x', 3, [['y', IntRange.singleton(5)]]);
    const r = solveSync(p, 'root', 1, IntRangeKind);
    expect(r.kind === 'solved' && Object.fromEntries(r.solution)).toEqual({ root: 1, x: 2, y: 2 });
  });

  it('keeps the decision when another dependency rejects the version as well', () => {
    const p = displacedDecision()
      .add('x', 3, [
        ['y', IntRange.singleton(1)],
        ['z', IntRange.higherThan(9)],
      ])
      .add('z', 1, []);
    const r = solveSync(p, 'root', 1, IntRangeKind);
    expect(r.kind === 'solved' && Object.fromEntries(r.solution)).toEqual({ root: 1, x: 2, y: 2 });
  });

  it('keeps a decision made more than six decisions ago', () => {
    // y (2 versions), then a..f (3 versions each), then x (4 versions): x 4 needs y 1.
    const others = ['a', 'b', 'c', 'd', 'e', 'f'];
    const p = provider().add('root', 1, [
      ['x', IntRange.full()],
      ['y', IntRange.full()],
      ...others.map((n): [string, IntRange] => [n, IntRange.full()]),
    ]);
    p.add('y', 1, []).add('y', 2, []);
    for (const pkg of others) for (const v of [1, 2, 3]) p.add(pkg, v, []);
    for (const v of [1, 2, 3]) p.add('x', v, []);
    p.add('x', 4, [['y', IntRange.singleton(1)]]);
    const r = solveSync(p, 'root', 1, IntRangeKind);
    expect(r.kind === 'solved' && r.solution.get('x')).toBe(3);
    expect(r.kind === 'solved' && r.solution.get('y')).toBe(2);
    // One package fewer in between, and x 4 displaces y 2.
    const q = provider().add('root', 1, [
      ['x', IntRange.full()],
      ['y', IntRange.full()],
      ...others.slice(1).map((n): [string, IntRange] => [n, IntRange.full()]),
    ]);
    q.add('y', 1, []).add('y', 2, []);
    for (const pkg of others.slice(1)) for (const v of [1, 2, 3]) q.add(pkg, v, []);
    for (const v of [1, 2, 3]) q.add('x', v, []);
    q.add('x', 4, [['y', IntRange.singleton(1)]]);
    const s = solveSync(q, 'root', 1, IntRangeKind);
    expect(s.kind === 'solved' && s.solution.get('x')).toBe(4);
    expect(s.kind === 'solved' && s.solution.get('y')).toBe(1);
  });

  it('displaces each package at most once, so displacements cannot ping-pong', () => {
    // x 3 needs y 1, and y 1 needs x below 3: x displaces y, then y 1 displaces x, and it stops there.
    const p = displacedDecision().add('y', 1, [['x', IntRange.between(1, 3)]]);
    const r = solveSync(p, 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(checkSolution(p, r.solution)).toEqual([]);
    expect(r.stats.conflicts).toBe(0);
  });

  it('finds a valid solution whenever one exists on small random graphs', () => {
    // Dense dependencies between packages decided in a fixed order: many versions are rejected by
    // decisions, so displacements are frequent; the outcome must match the search without the lookahead hook.
    const rnd = seededRandom(11);
    let solved = 0;
    for (let g = 0; g < 300; g++) {
      const p = provider();
      const names = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
      p.add('root', 1, names.slice(0, 3).map((n): [string, IntRange] => [n, IntRange.full()]));
      for (let i = 0; i < names.length; i++) {
        for (let ver = 1; ver <= 2 + (i % 3); ver++) {
          const deps: Array<[string, IntRange]> = [];
          for (let j = 0; j < names.length; j++) {
            if (j !== i && rnd(3) === 0) {
              const lo = 1 + rnd(3);
              deps.push([names[j]!, IntRange.between(lo, lo + 1 + rnd(2))]);
            }
          }
          p.add(names[i]!, ver, deps);
        }
      }
      const a = solveSync(p, 'root', 1, IntRangeKind);
      const b = solveSync(withoutLookahead(p), 'root', 1, IntRangeKind);
      expect(a.kind).toBe(b.kind);
      if (a.kind === 'solved') {
        solved++;
        expect(checkSolution(p, a.solution)).toEqual([]);
      }
    }
    expect(solved).toBeGreaterThan(30);
  });
});
