// `pnpm bench scale [--sizes 100,...,100000] [--conflicts 0,0.1] [--engine pubgrub|sat|both] [--sat-max N]
// [--repeat N] [--workers N] [--seed S] [--md out] [--svg out] [--json out]`: the "cost grows with work" study.
import { cpus, totalmem } from 'node:os';
import { layeredEcosystem } from '../generate/layered';
import { scaleChart, scaleMarkdown, scaleText, type ScalePoint } from '../generate/scale-report';
import { intFlag, parseArgs, writeUserFile } from '../run/args';
import type { MeasureTask } from '../run/measure';
import { runPool } from '../run/pool';

export const description = 'solve time vs generated ecosystem size (100..100,000 versions), log-log fit of the exponent';

const USAGE =
  'usage: pnpm bench scale [--sizes 100,300,1000,...] [--conflicts 0,0.1] [--engine pubgrub|sat|both] [--sat-max 3000] [--repeat 3] [--workers 1] [--seed 1] [--md out.md] [--svg out.svg] [--json out.json]\n';

/** Entry point of `pnpm bench scale`. */
export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, ['sizes', 'conflicts', 'engine', 'sat-max', 'repeat', 'workers', 'seed', 'md', 'svg', 'json', 'depth', 'fanout']);
  } catch (e) {
    process.stderr.write(`bench scale: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const sizes = (p.flags.get('sizes') ?? '100,300,1000,3000,10000,30000,100000').split(',').map(Number);
  const densities = (p.flags.get('conflicts') ?? '0,0.1').split(',').map(Number);
  const engineFlag = p.flags.get('engine') ?? 'pubgrub';
  if (sizes.some((s) => !(s >= 10)) || densities.some((d) => !(d >= 0 && d <= 1)) || !['pubgrub', 'sat', 'both'].includes(engineFlag)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const engines: Array<'pubgrub' | 'sat'> = engineFlag === 'both' ? ['pubgrub', 'sat'] : [engineFlag as 'pubgrub' | 'sat'];
  const satMax = intFlag(p, 'sat-max', 3000);
  const repeat = Math.max(1, Math.floor(intFlag(p, 'repeat', 3)));
  const seed = intFlag(p, 'seed', 1);
  const tasks: MeasureTask[] = [];
  const meta: Array<{ series: string; size: number }> = [];
  for (const engine of engines) {
    for (const d of densities) {
      for (const size of sizes) {
        if (engine === 'sat' && size > satMax) continue;
        const c = layeredEcosystem({ size, conflictDensity: d, seed, depth: intFlag(p, 'depth', 5), fanout: intFlag(p, 'fanout', 3) });
        tasks.push({ case: c, engine, repeat: size >= 30000 ? Math.min(repeat, 2) : repeat, judge: 'verify' });
        meta.push({ series: `${engine} c=${d}`, size });
      }
    }
  }
  // One worker by default: parallel solves would share the cores and distort the curve.
  const results = await runPool(tasks, { workers: Math.floor(intFlag(p, 'workers', 1)) });
  const points: ScalePoint[] = results.map((m, i) => ({ ...meta[i]!, measurement: m }));
  process.stdout.write(scaleText(points));
  const info =
    `\`npx -y pnpm@10 bench scale ${args.join(' ')}\`: layered ecosystems (10 versions per package, depth 5, fanout 3, seed ${seed}), ` +
    `median of ${repeat} (2 above 30,000 versions); ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}. ` +
    'Time is the whole `resolve()` call on an in-memory source (parsing requirements included). c = conflict density (share of dependencies with an upper bound).';
  const md = p.flags.get('md');
  if (md) writeUserFile(md, scaleMarkdown(points, info));
  const svg = p.flags.get('svg');
  if (svg) writeUserFile(svg, scaleChart(points));
  const json = p.flags.get('json');
  if (json) writeUserFile(json, JSON.stringify(points.map((x) => ({ series: x.series, size: x.size, ...x.measurement })), null, 2) + '\n');
  return 0;
}
