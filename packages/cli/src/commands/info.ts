// Global information actions that need no library: `--where` (project directory) and `--envs`
// (the environment variables pipgrub reads).

import type { Context } from '../context';
import { ENV_VARIABLES } from '../env/settings';

/** `pipgrub --where`: the project directory. */
export async function where(ctx: Context): Promise<number> {
  ctx.out.result(ctx.project().root);
  return 0;
}

/** `pipgrub --envs`: every variable pipgrub honours (each PIPENV_X also as PIPGRUB_X). */
export async function envs(ctx: Context): Promise<number> {
  const width = Math.max(...ENV_VARIABLES.map((v) => v.name.length));
  const lines = ENV_VARIABLES.map((v) => `  ${v.name.padEnd(width)}  ${v.description}`);
  ctx.out.result(
    [
      'Environment variables (each PIPENV_X can also be written PIPGRUB_X, which wins):',
      ...lines,
      '',
      'Any command option can be set as PIPENV_<OPTION> or PIPENV_<COMMAND>_<OPTION>, e.g. PIPENV_DEV=1.',
    ].join('\n'),
  );
  return 0;
}
