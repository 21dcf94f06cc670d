// One benchmark worker process: runs one engine (pubgrub or sat) over the cases of one group of a
// problems file, printing one JSON line per case and a final line with the process's peak memory.
// Spawned by `pnpm bench solver-bench` so each engine's memory is measured on its own.
import { readFileSync } from 'node:fs';
import { solveSync } from '@pipgrub/core-resolver/pubgrub';
import { solveSat } from '@pipgrub/core-resolver/sat';
import { IntRangeKind } from '../../../packages/core-resolver/src/pubgrub/testing/int-range';
import { checkSolution } from '../../../packages/core-resolver/src/pubgrub/testing/check-tree';
import type { BenchFile } from './problem';
import { toProvider } from './problem';
import { autorange } from './autorange';

export interface CaseLine {
  name: string;
  outcome: 'solved' | 'failed' | 'error';
  /** CPU time (user + system) per solve, warm: median of batches (autorange.ts), robust to a loaded machine. */
  ms: number;
  /** CPU time of the first (cold) run (ms). */
  coldMs?: number;
  /** Solves run in total for this case. */
  runs: number;
  /** Solves per timed batch. */
  batch?: number;
  packages?: number;
  valid?: boolean;
  error?: string;
  stats?: Record<string, number>;
  /** After merging repeated processes (run-engines.ts `medianOfRuns`): each process's `ms`, in the order they ran. */
  msByProcess?: number[];
}

type Provider = ReturnType<typeof toProvider>;

const UNTIMED = { timing: false } as const;

/** Time one case (autorange.ts); outcome, statistics and validity come from its last solve, checked untimed. */
async function runCase(engine: string, provider: Provider, c: BenchFile['cases'][number]): Promise<CaseLine> {
  const [root, version] = c.root;
  const timing =
    engine === 'pubgrub'
      ? // The offline provider is synchronous: the like-for-like entry (resolvelib is called synchronously too).
        // No clock reads inside the solve: the harness times it, as it times resolvelib, which has none.
        await autorange(() => solveSync(provider, root, version, IntRangeKind, UNTIMED))
      : await autorange(() => solveSat(provider, root, version, { optimize: 'none' }));
  const r: { kind: 'solved' | 'failed'; solution?: Map<string, number>; stats: object } = timing.last;
  const { timeMs: _t, providerWaitMs: _w, ...stats } = r.stats as Record<string, number>;
  const line: CaseLine = { name: c.name, outcome: r.kind, ms: timing.ms, coldMs: timing.coldMs, runs: timing.runs, batch: timing.batch, stats };
  if (r.solution !== undefined) {
    line.packages = r.solution.size;
    line.valid = checkSolution(provider, r.solution).length === 0;
  }
  return line;
}

const [engine, path, group] = process.argv.slice(2) as [string, string, string];
const file = JSON.parse(readFileSync(path, 'utf8')) as BenchFile;
const baseRssKB = process.resourceUsage().maxRSS;
const providers = new Map<string, Provider>();
for (const c of file.cases.filter((x) => x.group === group)) {
  let line: CaseLine;
  try {
    // The provider is built once per problem (it is stateless), outside the timing, as in the Python driver.
    let provider = providers.get(c.problem);
    if (provider === undefined) providers.set(c.problem, (provider = toProvider(file.problems[c.problem]!)));
    line = await runCase(engine, provider, c);
  } catch (e) {
    line = { name: c.name, outcome: 'error', ms: 0, runs: 0, error: e instanceof Error ? e.message : String(e) };
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
process.stdout.write(`${JSON.stringify({ done: true, baseRssKB, maxRssKB: process.resourceUsage().maxRSS })}\n`);
