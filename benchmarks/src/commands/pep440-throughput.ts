// `pnpm bench pep440-throughput [--repeat 15]`: PEP 440 parse / compare / contains / range-intersection
// throughput of pipgrub next to Python `packaging` on the same real-world inputs, as a markdown table.
import { buildInputs, throughputTable, timeOurs, timePackaging } from '../pep440/throughput';

export const description = 'PEP 440 parse/compare/contains/intersection throughput vs Python packaging (markdown table)';

export async function run(args: string[]): Promise<number> {
  const i = args.indexOf('--repeat');
  const repeat = i >= 0 ? Number(args[i + 1]) : 15;
  const inputs = buildInputs(1);
  process.stderr.write(
    `inputs from ${inputs.source}: ${inputs.versions.length} versions, ${inputs.pairs.length} pairs, ` +
      `${inputs.contains.length} contains checks, ${inputs.intersect.length} intersections\n`,
  );
  const ours = timeOurs(inputs, repeat);
  const py = timePackaging(inputs, repeat);
  process.stdout.write(`node ${process.version} vs python3 + packaging; ops per CPU-second, best of ${repeat}\n\n`);
  process.stdout.write(throughputTable(ours, py));
  return 0;
}
