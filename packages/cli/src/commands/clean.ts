// `pipgrub clean`: uninstall every package of the virtualenv that Pipfile.lock does not list
// (`--dry-run` only prints them), as `pipenv clean` does.

import { listInstalled, openVenv, uninstallDistribution } from '@pipgrub/venv';
import type { Context } from '../context';
import { CliError } from '../errors';
import { formatDuration } from '../output/output';
import { displayPath, loadLock } from '../project-files';
import { requireVenv } from '../venv-paths';

const PROTECTED = new Set(['pip', 'setuptools', 'wheel', 'distribute']);

export async function clean(ctx: Context): Promise<number> {
  const started = performance.now();
  const project = ctx.project();
  const lock = loadLock(ctx, project);
  if (!lock) throw new CliError('CLI_NO_LOCKFILE', `${displayPath(ctx, project.lockfile)} does not exist.`, { hint: 'Run `pipgrub lock` first.' });
  const venv = await openVenv(requireVenv(ctx, project));
  const locked = new Set<string>();
  for (const entries of Object.values(lock.sections)) for (const name of Object.keys(entries)) locked.add(name);
  const extraneous = (await listInstalled(venv)).filter((d) => !locked.has(d.key) && !PROTECTED.has(d.key));
  if (ctx.flag('dry-run')) {
    ctx.out.result(extraneous.map((d) => d.name).join('\n'));
    return 0;
  }
  for (const d of extraneous) {
    ctx.out.info(`Uninstalling ${d.name} ${d.version}`);
    await uninstallDistribution(venv, d);
  }
  ctx.out.summary(`Removed ${extraneous.length} unlisted package${extraneous.length === 1 ? '' : 's'} in ${formatDuration(performance.now() - started)}`);
  return 0;
}
