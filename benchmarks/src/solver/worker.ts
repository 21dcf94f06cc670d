// One benchmark worker process: runs one engine (pubgrub or sat) over the cases of one group of a
// problems file, printing one JSON line per case and a final line with the process's peak memory.
// Spawned by `pnpm bench solver-bench` so each engine's memory is measured on its own.
import { readFileSync } from 'node:fs';
import { solve } from '@pipgrub/core-resolver/pubgrub';
import { solveSat } from '@pipgrub/core-resolver/sat';
import { IntRangeKind } from '../../../packages/core-resolver/src/pubgrub/testing/int-range';
import { checkSolution } from '../../../packages/core-resolver/src/pubgrub/testing/check-tree';
import type { BenchFile } from './problem';
import { toProvider } from './problem';

export interface CaseLine {
  name: string;
  outcome: 'solved' | 'failed' | 'error';
  /** Average CPU time (user + system, all threads) of the warm runs (ms): robust to a loaded machine. */
  ms: number;
  /** Average wall time of the same runs (ms). */
  wallMs?: number;
  /** CPU time of the first (cold) run (ms). */
  coldMs?: number;
  runs: number;
  packages?: number;
  valid?: boolean;
  error?: string;
  stats?: Record<string, number>;
}

type Provider = ReturnType<typeof toProvider>;

/** One timed solve. The provider is built once per problem (it is stateless), outside the timing. */
async function runOne(engine: string, provider: Provider, c: BenchFile['cases'][number]): Promise<CaseLine> {
  const [root, version] = c.root;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cpu = (): number => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  if (engine === 'pubgrub') {
    const r = await solve(provider, root, version, IntRangeKind);
    const ms = cpu();
    const wallMs = performance.now() - t0;
    const { timeMs: _t, providerWaitMs: _w, ...stats } = r.stats;
    if (r.kind === 'failed') return { name: c.name, outcome: 'failed', ms, wallMs, runs: 1, stats };
    return { name: c.name, outcome: 'solved', ms, wallMs, runs: 1, packages: r.solution.size, valid: checkSolution(provider, r.solution).length === 0, stats };
  }
  const r = await solveSat(provider, root, version, { optimize: 'none' });
  const ms = cpu();
  const wallMs = performance.now() - t0;
  const { timeMs: _t, providerWaitMs: _w, ...stats } = r.stats;
  if (r.kind === 'failed') return { name: c.name, outcome: 'failed', ms, wallMs, runs: 1, stats };
  return { name: c.name, outcome: 'solved', ms, wallMs, runs: 1, packages: r.solution.size, valid: checkSolution(provider, r.solution).length === 0, stats };
}

const [engine, path, group] = process.argv.slice(2) as [string, string, string];
const file = JSON.parse(readFileSync(path, 'utf8')) as BenchFile;
const baseRssKB = process.resourceUsage().maxRSS;
const providers = new Map<string, Provider>();
for (const c of file.cases.filter((x) => x.group === group)) {
  let line: CaseLine;
  try {
    let provider = providers.get(c.problem);
    if (provider === undefined) providers.set(c.problem, (provider = toProvider(file.problems[c.problem]!)));
    line = await runOne(engine, provider, c);
    // Warm timing: after the first (cold) run, repeat at least 3 times and until ~300 ms of CPU, and
    // report the average of the warm runs, so JIT warm-up and clock granularity do not dominate. Runs
    // over 5 s are reported cold. The Python driver does exactly the same.
    line.coldMs = line.ms;
    if (line.ms < 5000) {
      let total = 0;
      let n = 0;
      let wall = 0;
      while ((n < 3 || total < 300) && n < 2000) {
        const again = await runOne(engine, provider, c);
        total += again.ms;
        wall += again.wallMs ?? 0;
        n++;
      }
      line.ms = total / n;
      line.wallMs = wall / n;
      line.runs += n;
    }
  } catch (e) {
    line = { name: c.name, outcome: 'error', ms: 0, runs: 0, error: e instanceof Error ? e.message : String(e) };
  }
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
process.stdout.write(`${JSON.stringify({ done: true, baseRssKB, maxRssKB: process.resourceUsage().maxRSS })}\n`);
