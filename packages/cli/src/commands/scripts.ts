// `pipgrub scripts`: list the [scripts] table of the Pipfile, as `pipenv scripts` does.

import type { Context } from '../context';
import { loadPipfile } from '../project-files';
import { scriptCommandLine } from './script-line';

/** Print `name  command` for every script. */
export async function scripts(ctx: Context): Promise<number> {
  const { pipfile } = loadPipfile(ctx);
  const entries = Object.entries(pipfile.scripts);
  if (entries.length === 0) {
    ctx.out.info('No [scripts] in the Pipfile.');
    return 0;
  }
  const width = Math.max('command'.length, ...entries.map(([name]) => name.length));
  const lines = [`${'command'.padEnd(width)}  script`, ...entries.map(([name, v]) => `${name.padEnd(width)}  ${scriptCommandLine(name, v)}`)];
  ctx.out.result(lines.join('\n'));
  return 0;
}
