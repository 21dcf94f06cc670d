import { describe, it, expect } from 'vitest';
import { solveSat } from './solve-sat';
import { OfflineDependencyProvider, isSolverError } from '../pubgrub/index';
import { IntRange } from '../pubgrub/testing/int-range';

const provider = (): OfflineDependencyProvider<string, number, IntRange> =>
  new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);

describe('solveSat', () => {
  it('finds the lexicographically preferred solution (highest versions first, BFS order)', async () => {
    const p = provider()
      .add('root', 1, [
        ['a', IntRange.full()],
        ['b', IntRange.full()],
      ])
      .add('a', 1, [])
      .add('a', 2, [['b', IntRange.lowerThan(2)]])
      .add('b', 1, [])
      .add('b', 2, []);
    const r = await solveSat(p, 'root', 1);
    expect(r.kind === 'solved' && Object.fromEntries(r.solution)).toEqual({ root: 1, a: 2, b: 1 });
  });

  it('leaves out packages nothing needs', async () => {
    const p = provider()
      .add('root', 1, [['a', IntRange.full()]])
      .add('a', 2, [])
      .add('a', 1, [['c', IntRange.full()]])
      .add('c', 1, []);
    const r = await solveSat(p, 'root', 1);
    expect(r.kind === 'solved' && Object.fromEntries(r.solution)).toEqual({ root: 1, a: 2 });
  });

  it('reports unsatisfiable problems and excludes unavailable versions', async () => {
    const p = provider()
      .add('root', 1, [['a', IntRange.full()]])
      .addUnavailable('a', 1, 'requires Python >=4');
    const r = await solveSat(p, 'root', 1, { optimize: 'none' });
    expect(r.kind).toBe('failed');
  });

  it('needs listVersions', async () => {
    const p = provider().add('root', 1, []);
    const err = await solveSat(
      { prioritize: () => 0, chooseVersion: () => undefined, getDependencies: (a, b) => p.getDependencies(a, b) },
      'root',
      1,
    ).catch((e: unknown) => e);
    expect(isSolverError(err) && err.code).toBe('ERR_SOLVER_NO_LIST_VERSIONS');
  });
});
