import { describe, it, expect } from 'vitest';
import { solve, solveSync } from './solver';
import { OfflineDependencyProvider } from './offline-provider';
import { IntRange, IntRangeKind } from './testing/int-range';
import { isSolverError } from './errors';

/** Dart-style versions as integers: 1.1.0 -> 110; `^1.0.0` -> [100, 200). */
const v = (s: string): number => {
  const [a, b, c] = s.split('.').map(Number);
  return a! * 100 + b! * 10 + c!;
};
const caret = (s: string): IntRange => IntRange.between(v(s), (Math.floor(v(s) / 100) + 1) * 100);

function provider(): OfflineDependencyProvider<string, number, IntRange> {
  return new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);
}

describe('solve: Dart pub solver.md examples that succeed', () => {
  it('no conflicts', async () => {
    const p = provider()
      .add('root', v('1.0.0'), [['foo', caret('1.0.0')]])
      .add('foo', v('1.0.0'), [['bar', caret('1.0.0')]])
      .add('bar', v('1.0.0'), [])
      .add('bar', v('2.0.0'), []);
    const r = await solve(p, 'root', v('1.0.0'), IntRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind === 'solved') expect(Object.fromEntries(r.solution)).toEqual({ root: 100, foo: 100, bar: 100 });
  });

  it('avoiding conflict during decision making', async () => {
    const p = provider()
      .add('root', v('1.0.0'), [
        ['foo', caret('1.0.0')],
        ['bar', caret('1.0.0')],
      ])
      .add('foo', v('1.1.0'), [['bar', caret('2.0.0')]])
      .add('foo', v('1.0.0'), [])
      .add('bar', v('1.0.0'), [])
      .add('bar', v('1.1.0'), [])
      .add('bar', v('2.0.0'), []);
    const r = await solve(p, 'root', v('1.0.0'), IntRangeKind);
    expect(r.kind === 'solved' && Object.fromEntries(r.solution)).toEqual({ root: 100, foo: 100, bar: 110 });
  });

  it('performing conflict resolution', async () => {
    const p = provider()
      .add('root', v('1.0.0'), [['foo', IntRange.higherThan(v('1.0.0'))]])
      .add('foo', v('2.0.0'), [['bar', caret('1.0.0')]])
      .add('foo', v('1.0.0'), [])
      .add('bar', v('1.0.0'), [['foo', caret('1.0.0')]]);
    const r = await solve(p, 'root', v('1.0.0'), IntRangeKind);
    expect(r.kind === 'solved' && Object.fromEntries(r.solution)).toEqual({ root: 100, foo: 100 });
    expect(r.stats.backtracks).toBeGreaterThan(0);
  });

  it('conflict resolution with a partial satisfier', async () => {
    const p = provider()
      .add('root', v('1.0.0'), [
        ['foo', caret('1.0.0')],
        ['target', caret('2.0.0')],
      ])
      .add('foo', v('1.1.0'), [
        ['left', caret('1.0.0')],
        ['right', caret('1.0.0')],
      ])
      .add('foo', v('1.0.0'), [])
      .add('left', v('1.0.0'), [['shared', IntRange.higherThan(v('1.0.0'))]])
      .add('right', v('1.0.0'), [['shared', IntRange.lowerThan(v('2.0.0'))]])
      .add('shared', v('2.0.0'), [])
      .add('shared', v('1.0.0'), [['target', caret('1.0.0')]])
      .add('target', v('2.0.0'), [])
      .add('target', v('1.0.0'), []);
    const r = await solve(p, 'root', v('1.0.0'), IntRangeKind);
    expect(r.kind === 'solved' && Object.fromEntries(r.solution)).toEqual({ root: 100, foo: 100, target: 200 });
  });
});

describe('solve: provider behaviour', () => {
  it('awaits async providers and counts the wait', async () => {
    const inner = provider()
      .add('root', 1, [['a', IntRange.full()]])
      .add('a', 1, [])
      .add('a', 2, []);
    const r = await solve(
      {
        prioritize: (p, s) => inner.prioritize(p, s),
        chooseVersion: async (p, s) => inner.chooseVersion(p, s),
        getDependencies: async (p, ver) => inner.getDependencies(p, ver),
      },
      'root',
      1,
      IntRangeKind,
    );
    expect(r.kind === 'solved' && r.solution.get('a')).toBe(2);
  });

  it('runs a synchronous provider without a microtask per step', async () => {
    const p = provider().add('root', 1, [['p0', IntRange.full()]]);
    for (let i = 0; i < 200; i++) p.add(`p${i}`, 1, i < 199 ? [[`p${i + 1}`, IntRange.full()]] : []);
    let done = false;
    void solve(p, 'root', 1, IntRangeKind).then(() => (done = true));
    for (let i = 0; i < 3; i++) await Promise.resolve();
    expect(done).toBe(true);
  });

  it('calls prefetch for packages entering the partial solution', async () => {
    const p = provider()
      .add('root', 1, [
        ['a', IntRange.full()],
        ['b', IntRange.full()],
      ])
      .add('a', 1, [['c', IntRange.full()]])
      .add('b', 1, [])
      .add('c', 1, []);
    const seen: string[] = [];
    const r = await solve(
      Object.assign(Object.create(p) as typeof p, { prefetch: (pkg: string) => void seen.push(pkg) }),
      'root',
      1,
      IntRangeKind,
    );
    expect(r.kind).toBe('solved');
    expect(seen.slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(seen).toContain('c');
  });

  it('wraps provider exceptions in a SolverError', async () => {
    const p = provider().add('root', 1, [['a', IntRange.full()]]).add('a', 1, []);
    const err = await solve(
      Object.assign(Object.create(p) as typeof p, {
        chooseVersion: () => {
          throw new Error('index down');
        },
      }),
      'root',
      1,
      IntRangeKind,
    ).catch((e: unknown) => e);
    expect(isSolverError(err) && err.code).toBe('ERR_SOLVER_PROVIDER');
    expect((err as Error).message).toContain('index down');
  });

  it('cancels when asked', async () => {
    const p = provider().add('root', 1, []);
    const err = await solve(Object.assign(Object.create(p) as typeof p, { shouldCancel: () => true }), 'root', 1, IntRangeKind).catch(
      (e: unknown) => e,
    );
    expect(isSolverError(err) && err.code).toBe('ERR_SOLVER_CANCELLED');
  });

  it('turns unavailable versions into custom incompatibilities and moves on', async () => {
    const p = provider()
      .add('root', 1, [['a', IntRange.full()]])
      .addUnavailable('a', 2, 'a 2 requires Python >=3.14')
      .add('a', 1, []);
    const r = await solve(p, 'root', 1, IntRangeKind);
    expect(r.kind === 'solved' && r.solution.get('a')).toBe(1);
  });
});

describe('solveSync', () => {
  it('gives the same outcome and statistics as solve for a synchronous provider', async () => {
    const p = provider()
      .add('root', 1, [
        ['a', IntRange.full()],
        ['b', IntRange.full()],
      ])
      .add('a', 2, [['b', IntRange.between(1, 2)]])
      .add('a', 1, [])
      .add('b', 2, [])
      .add('b', 1, []);
    const viaSync = solveSync(p, 'root', 1, IntRangeKind);
    const viaAsync = await solve(p, 'root', 1, IntRangeKind);
    expect(viaSync.kind).toBe('solved');
    if (viaSync.kind !== 'solved' || viaAsync.kind !== 'solved') return;
    expect(Object.fromEntries(viaSync.solution)).toEqual(Object.fromEntries(viaAsync.solution));
    const { timeMs: _a, ...s1 } = viaSync.stats;
    const { timeMs: _b, ...s2 } = viaAsync.stats;
    expect(s1).toEqual(s2);
  });

  it('reads no clock with timing: false (both times NaN), and the same counters', async () => {
    const p = provider().add('root', 1, [['a', IntRange.full()]]).add('a', 1, []);
    const timed = solveSync(p, 'root', 1, IntRangeKind);
    expect(Number.isFinite(timed.stats.timeMs) && timed.stats.providerWaitMs === 0).toBe(true);
    for (const untimed of [solveSync(p, 'root', 1, IntRangeKind, { timing: false }), await solve(p, 'root', 1, IntRangeKind, { timing: false })]) {
      const { timeMs, providerWaitMs, ...counters } = untimed.stats;
      expect([timeMs, providerWaitMs]).toEqual([NaN, NaN]);
      const { timeMs: _t, providerWaitMs: _w, ...expected } = timed.stats;
      expect(counters).toEqual(expected);
    }
  });

  it('returns failures as data', () => {
    const p = provider().add('root', 1, [['a', IntRange.higherThan(5)]]).add('a', 1, []);
    expect(solveSync(p, 'root', 1, IntRangeKind).kind).toBe('failed');
  });

  it('builds the derivation tree of a failure on first read, once; destructuring and JSON see it, a spread copy does not', () => {
    const p = provider().add('root', 1, [['a', IntRange.higherThan(5)]]).add('a', 1, []);
    const r = solveSync(p, 'root', 1, IntRangeKind);
    if (r.kind !== 'failed') throw new Error('expected a failure');
    expect(r.tree).toBe(r.tree);
    expect(r.tree.terms.get('root')).toBeDefined();
    const { tree } = r;
    expect(tree).toBe(r.tree);
    // A getter on the prototype (documented): a spread copy carries kind and stats only.
    const copy: Record<string, unknown> = { ...r };
    expect(Object.keys(copy).sort()).toEqual(['kind', 'stats']);
    // JSON shows the result's fields and the tree, never the arena behind it.
    expect(Object.keys(JSON.parse(JSON.stringify(r)) as object).sort()).toEqual(['kind', 'stats', 'tree']);
  });

  it('throws ERR_SOLVER_ASYNC_PROVIDER when the provider returns a promise', () => {
    const inner = provider().add('root', 1, [['a', IntRange.full()]]).add('a', 1, []);
    let err: unknown;
    try {
      solveSync(
        {
          prioritize: (pkg, s) => inner.prioritize(pkg, s),
          chooseVersion: (pkg, s) => Promise.reject(new Error(`no ${pkg} ${s.toString()}`)),
          getDependencies: (pkg, ver) => inner.getDependencies(pkg, ver),
        },
        'root',
        1,
        IntRangeKind,
      );
    } catch (e) {
      err = e;
    }
    expect(isSolverError(err) && err.code).toBe('ERR_SOLVER_ASYNC_PROVIDER');
    expect((err as Error).message).toContain('a');
  });
});
