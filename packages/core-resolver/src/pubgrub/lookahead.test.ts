// The solver's check of a version's dependencies before deciding it (resolvelib's check before
// pinning): versions whose dependencies cannot be met are rejected without a conflict and a backjump.
import { describe, it, expect } from 'vitest';
import { solveSync } from './solver';
import { OfflineDependencyProvider } from './offline-provider';
import { DefaultReportFormatter, DefaultStringReporter } from './report';
import { IntRange, IntRangeKind } from './testing/int-range';
import { checkSolution } from './testing/check-tree';
import { seededRandom, withoutLookahead } from './testing/search-variants';

function provider(): OfflineDependencyProvider<string, number, IntRange> {
  return new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);
}

/** a 2 needs b >= 5, which does not exist; a 1 needs any b. */
function missingDependencyVersion(): OfflineDependencyProvider<string, number, IntRange> {
  return provider()
    .add('root', 1, [['a', IntRange.full()]])
    .add('a', 1, [['b', IntRange.full()]])
    .add('a', 2, [['b', IntRange.higherThan(5)]])
    .add('b', 1, [])
    .add('b', 3, []);
}

describe('lookahead before deciding a version', () => {
  it('rejects a version whose dependency has no version, without a conflict', () => {
    const r = solveSync(missingDependencyVersion(), 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(Object.fromEntries(r.solution)).toEqual({ root: 1, a: 1, b: 3 });
    expect(r.stats.conflicts).toBe(0);
  });

  it('finds the same solution through a conflict when the provider cannot answer hasNoVersions', () => {
    const r = solveSync(withoutLookahead(missingDependencyVersion()), 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(Object.fromEntries(r.solution)).toEqual({ root: 1, a: 1, b: 3 });
    expect(r.stats.conflicts).toBe(1);
  });

  it('rejects a version whose dependency contradicts a decided package, without a conflict', () => {
    // b has one version, so it is decided before a (fewest candidates first); a 2 needs b 2.
    const p = provider()
      .add('root', 1, [
        ['a', IntRange.full()],
        ['b', IntRange.full()],
      ])
      .add('a', 1, [])
      .add('a', 2, [['b', IntRange.singleton(2)]])
      .add('b', 1, []);
    const r = solveSync(p, 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(Object.fromEntries(r.solution)).toEqual({ root: 1, a: 1, b: 1 });
    expect(r.stats.conflicts).toBe(0);
  });

  it('decides a version before the decided package it needs another version of (resolvelib re-pins it)', () => {
    // b (two versions) is decided before a (three); a 3 needs b 1 while b 2 is decided. Rejecting a 3
    // would take a 2, which pulls in c; instead the solver backjumps below b's decision, decides a 3
    // first, and b 1 after it.
    const p = provider()
      .add('root', 1, [
        ['b', IntRange.full()],
        ['a', IntRange.full()],
      ])
      .add('a', 1, [])
      .add('a', 2, [['c', IntRange.full()]])
      .add('a', 3, [['b', IntRange.singleton(1)]])
      .add('b', 1, [])
      .add('b', 2, [])
      .add('c', 1, []);
    const r = solveSync(p, 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(Object.fromEntries(r.solution)).toEqual({ root: 1, a: 3, b: 1 });
    expect(r.stats).toMatchObject({ conflicts: 0, backtracks: 1 });
    // When what was derived for b before its decision already excludes b 1, a 3 is rejected as before.
    p.add('root', 1, [
      ['b', IntRange.higherThan(2)],
      ['a', IntRange.full()],
    ]);
    const s = solveSync(p, 'root', 1, IntRangeKind);
    expect(s.kind === 'solved' && Object.fromEntries(s.solution)).toEqual({ root: 1, a: 2, b: 2, c: 1 });
    expect(s.stats).toMatchObject({ conflicts: 0, backtracks: 0 });
  });

  it('records only the rejecting dependency of a rejected version, and all of them if it is chosen later', () => {
    // a 2 depends on c, d, e and on b 2 while b 1 is decided: only `a 2 -> b 2` is recorded for it.
    const p = provider()
      .add('root', 1, [
        ['a', IntRange.full()],
        ['b', IntRange.full()],
      ])
      .add('a', 1, [])
      .add('a', 2, [
        ['c', IntRange.full()],
        ['d', IntRange.full()],
        ['b', IntRange.singleton(2)],
        ['e', IntRange.full()],
      ])
      .add('b', 1, [])
      .add('c', 1, [])
      .add('d', 1, [])
      .add('e', 1, []);
    const r = solveSync(p, 'root', 1, IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(Object.fromEntries(r.solution)).toEqual({ root: 1, a: 1, b: 1 });
    // not root, root -> a, root -> b, a 2 -> b 2 (not a 2 -> c, d, e).
    expect(r.stats.incompatibilities).toBe(4);
    // With b 2 available instead, a 2 is chosen and all its dependencies are added.
    p.add('b', 2, []);
    const s = solveSync(p, 'root', 1, IntRangeKind);
    expect(s.kind === 'solved' && Object.fromEntries(s.solution)).toEqual({ root: 1, a: 2, b: 2, c: 1, d: 1, e: 1 });
  });

  it('explains a failure it found in the words conflict resolution would use', () => {
    const p = provider()
      .add('root', 1, [['a', IntRange.full()]])
      .add('a', 1, [['b', IntRange.higherThan(5)]])
      .add('b', 1, []);
    const reporter = new DefaultStringReporter(new DefaultReportFormatter<string, number, IntRange>('root'));
    const expected = [
      'Because no versions of b match >=5 and a ==1 depends on b >=5, a is forbidden.',
      'So, because root depends on a, version solving failed.',
    ].join('\n');
    for (const r of [solveSync(p, 'root', 1, IntRangeKind), solveSync(withoutLookahead(p), 'root', 1, IntRangeKind)]) {
      expect(r.kind).toBe('failed');
      if (r.kind === 'failed') expect(reporter.report(r.tree)).toBe(expected);
    }
  });

  it('agrees with the search without lookahead on every small random graph', () => {
    // Same outcome (solved or not), and every solution valid, on seeded random graphs.
    const rnd = seededRandom(7);
    for (let g = 0; g < 200; g++) {
      const p = provider();
      const names = ['root', 'p0', 'p1', 'p2', 'p3', 'p4', 'p5'];
      p.add('root', 1, [
        ['p0', IntRange.full()],
        ['p1', IntRange.full()],
      ]);
      for (let i = 1; i < names.length; i++) {
        for (let ver = 1; ver <= 3; ver++) {
          const deps: Array<[string, IntRange]> = [];
          for (let j = i + 1; j < names.length; j++) {
            if (rnd(3) === 0) {
              const lo = 1 + rnd(4);
              deps.push([names[j]!, IntRange.between(lo, lo + 1 + rnd(3))]);
            }
          }
          p.add(names[i]!, ver, deps);
        }
      }
      const a = solveSync(p, 'root', 1, IntRangeKind);
      const b = solveSync(withoutLookahead(p), 'root', 1, IntRangeKind);
      expect(a.kind).toBe(b.kind);
      if (a.kind === 'solved') expect(checkSolution(p, a.solution)).toEqual([]);
    }
  });
});
