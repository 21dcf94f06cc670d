// Runs the benchmark engines as separate processes (so each one's peak memory is its own) and collects
// their per-case JSON lines: the TypeScript worker for pubgrub/sat, the Python driver for resolvelib.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CaseLine } from './worker';

export type Engine = 'pubgrub' | 'sat' | 'resolvelib';

export interface EngineRun {
  engine: Engine;
  cases: Map<string, CaseLine | { name: string; outcome: 'timeout' | 'skipped'; ms: number; error?: string; msByProcess?: number[] }>;
  baseRssKB?: number;
  maxRssKB?: number;
}

const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));
/** The Python driver that times resolvelib (resolvelib_driver.py). */
export const driverPath = fileURLToPath(new URL('./resolvelib_driver.py', import.meta.url));

/** A Python that can import resolvelib (the apt package installs it for the system Python), or why not. */
export function findResolvelibPython(): { python: string } | { missing: string } {
  for (const python of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(python, ['-c', 'import resolvelib; print(resolvelib.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python };
  }
  return { missing: 'resolvelib is not importable (install the apt package python3-resolvelib)' };
}

/** Run one engine over one group's cases; a run that exceeds `timeoutMs` is killed, the rest marked timeout. */
export function runEngine(
  engine: Engine,
  file: string,
  group: string,
  caseNames: string[],
  opts: { timeoutMs: number; caseTimeoutS: number; python?: string },
): Promise<EngineRun> {
  const run: EngineRun = { engine, cases: new Map() };
  const [cmd, args] =
    engine === 'resolvelib'
      ? [opts.python ?? 'python3', [driverPath, file, group, String(opts.caseTimeoutS)]]
      : [process.execPath, [...process.execArgv, workerPath, engine, file, group]];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=8192' } });
    let buf = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const obj = JSON.parse(line) as CaseLine & { done?: boolean; baseRssKB?: number; maxRssKB?: number };
        if (obj.done === true) {
          run.baseRssKB = obj.baseRssKB;
          run.maxRssKB = obj.maxRssKB;
        } else {
          run.cases.set(obj.name, obj);
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', () => {
      clearTimeout(timer);
      for (const name of caseNames) {
        if (!run.cases.has(name)) {
          run.cases.set(name, { name, outcome: 'timeout', ms: NaN, error: stderr.trim().split('\n').pop() });
        }
      }
      resolve(run);
    });
  });
}

/**
 * Merge repeated runs of one engine over one group: a case's time is the median of its per-process
 * times (the first run's outcome and statistics are kept; `more` holds the cases the first run
 * finished). One V8 process can settle on slower compiled code for a whole group (inlining decided
 * by when the background compiler finished), and the machine has slow phases (docs/solver.md §
 * Machine noise), 1.5-3x off for a microsecond solve; the median over processes is the typical time,
 * for every engine alike. Each process's time (of those with the first run's outcome) is kept in
 * `msByProcess`, in the order they ran. Peak memory is the largest seen.
 */
export function medianOfRuns(first: EngineRun, more: EngineRun[]): EngineRun {
  if (more.length === 0) return first;
  const out: EngineRun = { engine: first.engine, cases: new Map(), baseRssKB: first.baseRssKB, maxRssKB: first.maxRssKB };
  for (const r of more) {
    if (r.maxRssKB !== undefined) out.maxRssKB = Math.max(out.maxRssKB ?? 0, r.maxRssKB);
  }
  for (const [name, c] of first.cases) {
    const times = [c.ms];
    for (const r of more) {
      const o = r.cases.get(name);
      if (o !== undefined && o.outcome === c.outcome) times.push(o.ms);
    }
    const byProcess = [...times];
    times.sort((a, b) => a - b);
    out.cases.set(name, { ...c, ms: times[Math.floor(times.length / 2)]!, msByProcess: byProcess });
  }
  return out;
}
