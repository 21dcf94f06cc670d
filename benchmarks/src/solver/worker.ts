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
  /** Best CPU time (user + system, all threads) over the runs (ms): robust to a loaded machine. */
  ms: number;
  /** Wall time of the same best run (ms). */
  wallMs?: number;
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
    // Short cases are repeated until ~200 ms of CPU and averaged (the first, cold run excluded), so JIT
    // warm-up and clock granularity do not dominate; the Python driver does exactly the same.
    if (line.ms < 50) {
      let total = 0;
      let n = 0;
      let wall = 0;
      while (total < 200 && n < 2000) {
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
