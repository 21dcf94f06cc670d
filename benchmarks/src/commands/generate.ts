// `pnpm bench generate [--size N[,N...]] [--depth D] [--fanout F] [--conflicts C] [--versions V] [--seed S]
// [--out file.json]`: writes layered random ecosystems in the case format (stdout without --out).
import { countVersions, layeredEcosystem } from '../generate/layered';
import { intFlag, parseArgs, writeUserFile } from '../run/args';

export const description = 'generate seed-reproducible layered ecosystems as case JSON (100 to 100,000 versions)';

const USAGE = 'usage: pnpm bench generate [--size 1000[,10000...]] [--depth 5] [--fanout 3] [--conflicts 0.1] [--versions 10] [--seed 1] [--out file.json]\n';

/** Entry point of `pnpm bench generate`. */
export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, ['size', 'depth', 'fanout', 'conflicts', 'versions', 'seed', 'out']);
  } catch (e) {
    process.stderr.write(`bench generate: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const sizes = (p.flags.get('size') ?? '1000').split(',').map(Number);
  if (sizes.some((s) => !Number.isFinite(s) || s < 1 || s > 1_000_000)) {
    process.stderr.write(`bench generate: --size must be numbers between 1 and 1,000,000\n${USAGE}`);
    return 2;
  }
  const conflictDensity = Number(p.flags.get('conflicts') ?? '0');
  if (!(conflictDensity >= 0 && conflictDensity <= 1)) {
    process.stderr.write('bench generate: --conflicts must be between 0 and 1\n');
    return 2;
  }
  const cases = sizes.map((size) =>
    layeredEcosystem({
      size,
      depth: intFlag(p, 'depth', 5),
      fanout: intFlag(p, 'fanout', 3),
      versionsPerPackage: intFlag(p, 'versions', 10),
      conflictDensity,
      seed: intFlag(p, 'seed', 1),
    }),
  );
  const text = JSON.stringify(cases.length === 1 ? cases[0] : cases) + '\n';
  const out = p.flags.get('out');
  if (!out) {
    process.stdout.write(text);
    return 0;
  }
  writeUserFile(out, text);
  for (const c of cases) process.stderr.write(`${c.name}: ${Object.keys(c.index).length} packages, ${countVersions(c.index)} versions, ${c.root.length} root requirements\n`);
  process.stderr.write(`wrote ${out}\n`);
  return 0;
}
