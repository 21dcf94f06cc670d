// `pnpm bench run <suite|file|dir> [--engine pubgrub|sat|both] [--strategy ...] [--repeat N] [--workers N]
// [--filter text] [--json out] [--md out] [--svg out]`: measures every case in worker threads and reports.
import { availableParallelism, cpus, totalmem } from 'node:os';
import { intFlag, parseArgs, userPath, writeUserFile } from '../run/args';
import { SUITES } from '../conformance/suites';
import { loadCases } from '../run/load';
import type { MeasureTask } from '../run/measure';
import { runPool } from '../run/pool';
import { caseChart, markdownReport, terminalReport } from '../run/report';

/** A suite name stays a name; anything else is a path typed from the caller's directory. */
const caseSpec = (spec: string): string => ((SUITES as readonly string[]).includes(spec) || spec === 'all' ? spec : userPath(spec));

export const description = 'measure a suite or case files: outcome, median time, solver stats, heap (table/md/json/svg)';

const USAGE =
  'usage: pnpm bench run <uv-scenarios|packse|resolvelib|pubgrub-rs|all|file.json|dir> [--engine pubgrub|sat|both]\n' +
  '       [--strategy highest|lowest|lowest-direct] [--repeat N] [--workers N] [--filter text] [--json out.json] [--md out.md] [--svg out.svg]\n';

/** Entry point of `pnpm bench run`. */
export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, ['engine', 'strategy', 'repeat', 'workers', 'filter', 'json', 'md', 'svg']);
  } catch (e) {
    process.stderr.write(`bench run: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const spec = p.positionals[0];
  const engineFlag = p.flags.get('engine') ?? 'pubgrub';
  const strategy = p.flags.get('strategy');
  if (!spec || !['pubgrub', 'sat', 'both'].includes(engineFlag) || (strategy && !['highest', 'lowest', 'lowest-direct'].includes(strategy))) {
    process.stderr.write(USAGE);
    return 2;
  }
  let cases;
  try {
    cases = loadCases(caseSpec(spec));
  } catch (e) {
    process.stderr.write(`bench run: ${(e as Error).message}\n`);
    return 2;
  }
  const filter = p.flags.get('filter');
  if (filter) cases = cases.filter((c) => `${c.suite}/${c.category}/${c.name}`.includes(filter));
  const engines: Array<'pubgrub' | 'sat'> = engineFlag === 'both' ? ['pubgrub', 'sat'] : [engineFlag as 'pubgrub' | 'sat'];
  const repeat = Math.max(1, Math.floor(intFlag(p, 'repeat', 1)));
  const tasks: MeasureTask[] = engines.flatMap((engine) =>
    cases.map((c) => ({ case: c, engine, repeat, ...(strategy ? { strategy: strategy as MeasureTask['strategy'] } : {}) })),
  );
  const workers = p.flags.has('workers') ? Math.floor(intFlag(p, 'workers', 1)) : undefined;
  const started = performance.now();
  const results = await runPool(tasks, workers === undefined ? {} : { workers });
  const wall = (performance.now() - started) / 1000;
  process.stdout.write(terminalReport(results));
  process.stdout.write(`\n${tasks.length} measurements in ${wall.toFixed(1)} s on ${workers ?? Math.min(availableParallelism(), tasks.length)} worker(s)\n`);

  const meta =
    `Suite \`${spec}\`, engine ${engines.join(' + ')}${strategy ? `, strategy ${strategy}` : ''}, median of ${repeat}; ` +
    `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}.`;
  const json = p.flags.get('json');
  if (json) writeUserFile(json, JSON.stringify({ suite: spec, engines, strategy, repeat, results }, null, 2) + '\n');
  const md = p.flags.get('md');
  if (md) writeUserFile(md, markdownReport(`bench run ${spec}`, results, meta));
  const svg = p.flags.get('svg');
  if (svg) writeUserFile(svg, caseChart(`${spec}: median solve time per case`, results));
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}
