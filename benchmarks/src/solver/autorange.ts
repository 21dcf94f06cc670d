// How the solver benchmark times one case, identically in the TypeScript worker and the Python driver
// (resolvelib_driver.py mirrors this file): CPU time, warm, batched like timeit's autorange, median.

/** Tuning shared with resolvelib_driver.py (keep both in sync). */
export const TIMING = {
  /** A batch runs the solve `batch` times back to back and must span at least this much CPU time. */
  minBatchMs: 20,
  /** Batches measured once the batch size is known; the median is reported. */
  batches: 5,
  /** Stop measuring after 3 batches once this much CPU time was spent on the case. */
  budgetMs: 3000,
  /**
   * Warm-up before the batch-size search: solves are repeated until this much CPU time was spent on the
   * case (V8 compiles hot code in tiers, on a background thread whose CPU time counts too; without it
   * the first cases of a group are measured half-interpreted). Harmless for CPython.
   */
  warmupMs: 250,
  /** A cold run this slow is reported as it is (no warm repeats). */
  coldOnlyMs: 2000,
} as const;

/** Result of timing one case. */
export interface Timing<T> {
  /** What the last call of `once` returned (awaited). */
  last: T;
  /** Median over the measured batches of (batch CPU time / batch size), in ms per solve. */
  ms: number;
  /** CPU time of the first (cold) run. */
  coldMs: number;
  /** Solves run in total (cold run, batch-size search and measured batches). */
  runs: number;
  /** Solves per measured batch. */
  batch: number;
}

/**
 * One call of `once`; a promise is awaited, a plain value is not: a synchronous engine's loop then runs
 * without a microtask per solve, like the Python driver's plain loop.
 */
function isPromise<T>(r: T | Promise<T>): r is Promise<T> {
  return r instanceof Promise;
}

/** CPU time (user + system) of this process, in ms. */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

/**
 * Time `once` (one complete solve through the engine's public entry point): a cold run, a warm-up, then batch sizes
 * 1, 2, 5, 10, 20, 50... until one batch spans `minBatchMs` of CPU (this also warms the JIT up), then
 * `batches` batches of that size; the reported time is the median per-solve time of those batches.
 *
 * @example
 * ```ts
 * const t = await autorange(() => solve(provider, 'root', 1, IntRangeKind));
 * console.log(`${t.last.kind}: ${t.ms} ms per solve (median of batches of ${t.batch})`);
 * ```
 */
export async function autorange<T>(once: () => T | Promise<T>): Promise<Timing<T>> {
  let c0 = cpuMs();
  let r = once();
  let last = isPromise(r) ? await r : r;
  const coldMs = cpuMs() - c0;
  let runs = 1;
  if (coldMs >= TIMING.coldOnlyMs) return { last, ms: coldMs, coldMs, runs, batch: 1 };
  let spent = coldMs;
  while (spent < TIMING.warmupMs) {
    c0 = cpuMs();
    r = once();
    last = isPromise(r) ? await r : r;
    spent += cpuMs() - c0;
    runs++;
  }
  // One timed batch of `n` solves (CPU ms); the same loop sizes the batch and measures it.
  const timeBatch = async (n: number): Promise<number> => {
    const b0 = cpuMs();
    for (let k = 0; k < n; k++) {
      r = once();
      last = isPromise(r) ? await r : r;
    }
    const t = cpuMs() - b0;
    runs += n;
    spent += t;
    return t;
  };
  const steps = [1, 2, 5];
  let batch = 1;
  for (let i = 0; ; i++) {
    batch = steps[i % 3]! * 10 ** Math.floor(i / 3);
    if ((await timeBatch(batch)) >= TIMING.minBatchMs) break;
  }
  const perSolve: number[] = [];
  for (let b = 0; b < TIMING.batches; b++) {
    perSolve.push((await timeBatch(batch)) / batch);
    if (b >= 2 && spent >= TIMING.budgetMs) break;
  }
  perSolve.sort((a, b) => a - b);
  return { last, ms: perSolve[Math.floor(perSolve.length / 2)]!, coldMs, runs, batch };
}
