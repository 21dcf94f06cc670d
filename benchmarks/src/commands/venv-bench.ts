// `pnpm bench venv-bench [--wheels 50] [--runs 3] [--python 3.12] [--json]`: venv creation and wheel
// install timings against python -m venv, virtualenv and pip, printed as a markdown table with ratios.
import { markdownTable, runVenvBench } from '../venv/venv-bench';

export const description = 'venv creation vs python -m venv/virtualenv; install N wheels cold/warm vs pip';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function run(args: string[]): Promise<number> {
  const wheels = Number(flag(args, '--wheels') ?? 50);
  const runs = Number(flag(args, '--runs') ?? 3);
  const python = flag(args, '--python');
  const rows = await runVenvBench({ wheels, runs, python, log: (l) => process.stderr.write(`${l}\n`) });
  if (args.includes('--json')) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else process.stdout.write(markdownTable(rows));
  return 0;
}
