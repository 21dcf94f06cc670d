// `pnpm bench pep440-crosscheck [--n 20000] [--seed 1]`: where @renovatebot/pep440 differs from Python
// packaging (and that pipgrub does not), with examples of each kind of difference.
import { crossCheckTable, runCrossCheck } from '../pep440/renovate-crosscheck';

export const description = '@renovatebot/pep440 vs Python packaging vs pipgrub on generated PEP 440 inputs (differences with examples)';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

export async function run(args: string[]): Promise<number> {
  const rows = runCrossCheck(flag(args, '--seed', 1), flag(args, '--n', 20000));
  process.stdout.write(crossCheckTable(rows));
  for (const r of rows) {
    if (!r.examples.length) continue;
    process.stdout.write(`\n${r.check}: examples where @renovatebot/pep440 differs from packaging\n`);
    for (const e of r.examples) process.stdout.write(`  ${JSON.stringify(e.input)}  renovate=${JSON.stringify(e.renovate)}  packaging=${JSON.stringify(e.packaging)}\n`);
  }
  return 0;
}
