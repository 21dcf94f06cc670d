// Runs MeasureTasks in worker threads across cores (tsx-loaded workers), in input order of results, with a
// progress bar on a TTY; `workers: 0` measures in this thread (tests, debugging).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { measureCase, type MeasureTask, type Measurement } from './measure';
import { ProgressBar } from './progress';

/** Options of {@link runPool}. */
export interface PoolOptions {
  /** Number of worker threads; default: available cores, at most the number of tasks. 0 = in-thread. */
  workers?: number;
  /** Progress output (default `process.stderr`); drawn only when it is a TTY. */
  progress?: NodeJS.WriteStream | false;
}

function failed(task: MeasureTask, reason: string): Measurement {
  const c = task.case;
  return { suite: c.suite, category: c.category, name: c.name, engine: task.engine, status: 'failed', outcome: 'error', reason, times: [], versions: 0 };
}

/**
 * Measure every task; results come back in the order of `tasks`.
 *
 * @example
 * ```ts
 * const results = await runPool(cases.map((c) => ({ case: c, engine: 'pubgrub', repeat: 3 })));
 * ```
 */
export async function runPool(tasks: readonly MeasureTask[], options: PoolOptions = {}): Promise<Measurement[]> {
  const results = new Array<Measurement>(tasks.length);
  const stream = options.progress === false ? undefined : (options.progress ?? process.stderr);
  const bar = new ProgressBar(tasks.length, stream);
  const count = Math.min(options.workers ?? availableParallelism(), tasks.length);
  if (count <= 0) {
    for (let i = 0; i < tasks.length; i++) {
      results[i] = await measureCase(tasks[i]!).catch((e: unknown) => failed(tasks[i]!, String(e)));
      bar.tick(tasks[i]!.case.name);
    }
    bar.done();
    return results;
  }
  let next = 0;
  // Node 20 workers ignore `--import tsx` in execArgv; a small eval bootstrap registers tsx's loader in
  // the worker and then imports the TypeScript entry.
  const entry = new URL('./worker.ts', import.meta.url).href;
  const api = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
  let crashes = 0;
  const runWorker = (): Promise<void> =>
    new Promise((done) => {
      const worker = new Worker(bootstrap, { eval: true });
      let current = -1;
      const feed = (): void => {
        if (next >= tasks.length) {
          void worker.terminate().then(() => done());
          return;
        }
        current = next++;
        worker.postMessage({ id: current, task: tasks[current] });
      };
      worker.on('message', (msg: { id: number; result?: Measurement; error?: string }) => {
        results[msg.id] = msg.result ?? failed(tasks[msg.id]!, `worker error: ${msg.error ?? 'unknown'}`);
        bar.tick(tasks[msg.id]!.case.name);
        feed();
      });
      worker.on('error', (e) => {
        // The task in flight is lost with the worker; record it and carry on in a fresh worker.
        if (current >= 0 && !results[current]) {
          results[current] = failed(tasks[current]!, `worker crashed: ${e.message}`);
          bar.tick(tasks[current]!.case.name);
        }
        // A worker that keeps crashing (e.g. cannot load) must not loop forever over the remaining tasks.
        if (++crashes > tasks.length || crashes > 20) {
          while (next < tasks.length) {
            const i = next++;
            results[i] = failed(tasks[i]!, `not run: workers keep crashing (${e.message})`);
          }
          done();
          return;
        }
        void runWorker().then(done);
      });
      feed();
    });
  await Promise.all(Array.from({ length: count }, () => runWorker()));
  bar.done();
  return results;
}
