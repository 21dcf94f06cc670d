// medianOfRuns: how repeated worker processes of one engine are merged into one run per group.
import { describe, expect, it } from 'vitest';
import type { EngineRun } from './run-engines';
import { medianOfRuns } from './run-engines';

type Case = EngineRun['cases'] extends Map<string, infer C> ? C : never;

function run(cases: Array<[string, 'solved' | 'failed' | 'timeout', number]>, maxRssKB: number): EngineRun {
  const line = (name: string, outcome: 'solved' | 'failed' | 'timeout', ms: number): Case =>
    outcome === 'timeout' ? { name, outcome, ms } : { name, outcome, ms, runs: 1 };
  return {
    engine: 'pubgrub',
    cases: new Map(cases.map(([name, outcome, ms]) => [name, line(name, outcome, ms)])),
    baseRssKB: 1000,
    maxRssKB,
  };
}

describe('medianOfRuns', () => {
  it('takes the median time per case over the processes, keeps the first outcome and the largest peak', () => {
    const first = run([['a', 'solved', 9], ['b', 'failed', 1], ['c', 'timeout', NaN]], 5000);
    const second = run([['a', 'solved', 3], ['b', 'failed', 2]], 7000);
    const third = run([['a', 'solved', 4], ['b', 'failed', 3]], 6000);
    const merged = medianOfRuns(first, [second, third]);
    expect([...merged.cases.values()].map((c) => [c.name, c.outcome, c.ms])).toEqual([
      ['a', 'solved', 4],
      ['b', 'failed', 2],
      ['c', 'timeout', NaN],
    ]);
    expect(merged.maxRssKB).toBe(7000);
    // Each process's time, in the order the processes ran (a timeout's only from the first).
    expect([...merged.cases.values()].map((c) => c.msByProcess)).toEqual([[9, 3, 4], [1, 2, 3], [NaN]]);
  });

  it('ignores a repeat whose outcome differs, and returns a single run unchanged', () => {
    const first = run([['a', 'solved', 5]], 1);
    const merged = medianOfRuns(first, [run([['a', 'failed', 1]], 1), run([['a', 'solved', 7]], 1)]);
    // Times 5 and 7: of two, the larger (the conservative middle).
    expect(merged.cases.get('a')!.ms).toBe(7);
    expect(medianOfRuns(first, [])).toBe(first);
  });
});
