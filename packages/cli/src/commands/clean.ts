// `pipgrub clean`: uninstall every package of the virtualenv that Pipfile.lock does not list
// (`--dry-run` only prints them), as `pipenv clean` does; all of them go, or none does.

import { isVenvError, listInstalled, openVenv, uninstallDistributions } from '@pipgrub/venv';
import type { Context } from '../context';
import { CliError, InterruptedError } from '../errors';
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
  // All-or-nothing: a failure or Ctrl-C part-way restores every package already removed.
  try {
    await uninstallDistributions(venv, extraneous, { signal: ctx.signal, onRemoved: (d) => ctx.out.info(`Uninstalled ${d.name} ${d.version}`) });
  } catch (e) {
    if (isVenvError(e) && e.code === 'SYNC_INTERRUPTED') throw new InterruptedError();
    throw e;
  }
  ctx.out.summary(`Removed ${extraneous.length} unlisted package${extraneous.length === 1 ? '' : 's'} in ${formatDuration(performance.now() - started)}`);
  return 0;
}
