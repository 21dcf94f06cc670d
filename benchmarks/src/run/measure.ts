// Measures one case: judges it once with the conformance runner, then re-solves it `repeat - 1` more times
// for the median, recording solver statistics and the heap the solve left live (after a forced GC).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { resolve } from '@pipgrub/core-resolver/python';
import type { ResolverCase } from '../cases/format';
import { caseEnvironment, caseOptions, caseSource } from '../cases/to-source';
import { runCase, type CaseResult } from '../conformance/runner';
import { verifySolution } from '../conformance/verify';
import { median } from './stats';

/** What a worker is asked to do. */
export interface MeasureTask {
  case: ResolverCase;
  engine: 'pubgrub' | 'sat';
  /** Overrides the case's strategy; a case's exact expected pins are then no longer compared. */
  strategy?: 'highest' | 'lowest' | 'lowest-direct';
  repeat: number;
  /**
   * `full` (default): the conformance runner judges the outcome (unexpected unsatisfiable cases are
   * cross-checked with the other engine). `verify`: only check that a found solution is valid, which
   * keeps huge generated cases from being re-solved by the slower engine.
   */
  judge?: 'full' | 'verify';
}

/** One measured case. */
export interface Measurement {
  suite: string;
  category: string;
  name: string;
  engine: 'pubgrub' | 'sat';
  status: CaseResult['status'];
  /** `solved` / `unsatisfiable` / `skipped` / `error`. */
  outcome: 'solved' | 'unsatisfiable' | 'skipped' | 'error';
  reason?: string;
  /** Median wall time of `times`, ms (the judging run counts only when `repeat` is 1). */
  medianMs?: number;
  times: number[];
  /** The engine's own counters (decisions, conflicts, ...). */
  stats?: Record<string, unknown>;
  /** Largest growth of the live heap over a solve (GC'd baseline), MB: a lower bound of its peak. */
  peakHeapMB?: number;
  /** Number of package versions in the case's index. */
  versions: number;
}

let gc: (() => void) | undefined;
try {
  setFlagsFromString('--expose-gc');
  gc = runInNewContext('gc') as () => void;
} catch {
  gc = undefined;
}

function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

function withStrategy(c: ResolverCase, strategy: MeasureTask['strategy']): ResolverCase {
  if (!strategy || c.options?.strategy === strategy || (!c.options?.strategy && strategy === 'highest')) return c;
  const expected = c.expected ? { satisfiable: c.expected.satisfiable, ...(c.expected.conflicted ? { conflicted: c.expected.conflicted } : {}) } : undefined;
  return { ...c, options: { ...c.options, strategy }, ...(expected ? { expected } : {}) };
}

async function verifyOnly(c: ResolverCase, engine: 'pubgrub' | 'sat'): Promise<CaseResult> {
  const base = { suite: c.suite, category: c.category, name: c.name };
  const t = performance.now();
  let result;
  try {
    result = await resolve({ source: caseSource(c), requirements: c.root, environment: caseEnvironment(c.environment), options: caseOptions(c, engine) });
  } catch (e) {
    return { ...base, status: 'failed', reason: `resolver threw: ${(e as Error).message}` };
  }
  const timeMs = performance.now() - t;
  const actual = { satisfiable: result.kind === 'solved' };
  const problems = result.kind === 'solved' ? verifySolution(c, result.packages) : [];
  if (problems.length) return { ...base, status: 'failed', timeMs, actual, stats: result.stats, reason: `invalid solution: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}` };
  return { ...base, status: 'passed', timeMs, actual, stats: result.stats };
}

/**
 * Measure one case.
 *
 * @example
 * ```ts
 * const m = await measureCase({ case: c, engine: 'pubgrub', repeat: 5 });
 * console.log(m.outcome, m.medianMs);
 * ```
 */
export async function measureCase(task: MeasureTask): Promise<Measurement> {
  const c = withStrategy(task.case, task.strategy);
  let versions = 0;
  for (const r of Object.values(c.index)) versions += Object.keys(r).length;
  const base = { suite: c.suite, category: c.category, name: c.name, engine: task.engine, versions };
  gc?.();
  const before = heapUsed();
  const judged = task.judge === 'verify' ? await verifyOnly(c, task.engine) : await runCase(c, { engine: task.engine });
  let peak = heapUsed() - before;
  if (judged.status === 'skipped') return { ...base, status: 'skipped', outcome: 'skipped', reason: judged.reason, times: [] };
  if (judged.timeMs === undefined) return { ...base, status: judged.status, outcome: 'error', reason: judged.reason, times: [] };
  // With repeats, the judging run is the warm-up (JIT, caches) and only the re-solves count.
  const times = task.repeat > 1 ? [] : [judged.timeMs];
  for (let i = 1; i < task.repeat; i++) {
    gc?.();
    const start = heapUsed();
    const t = performance.now();
    await resolve({ source: caseSource(c), requirements: c.root, environment: caseEnvironment(c.environment), options: caseOptions(c, task.engine) });
    times.push(performance.now() - t);
    peak = Math.max(peak, heapUsed() - start);
  }
  const out: Measurement = {
    ...base,
    status: judged.status,
    outcome: judged.actual?.satisfiable ? 'solved' : 'unsatisfiable',
    medianMs: median(times),
    times,
    peakHeapMB: Math.max(0, peak) / 1048576,
  };
  if (judged.reason) out.reason = judged.reason;
  if (judged.stats && typeof judged.stats === 'object') out.stats = judged.stats as Record<string, unknown>;
  return out;
}
