// `pipgrub verify`: is Pipfile.lock up to date with the Pipfile? Exit 0 if so, 1 with the reasons
// if not (`--json` prints them as data).

import { isLockUpToDate } from '@pipgrub/lockfile';
import type { Context } from '../context';
import { CliError } from '../errors';
import { displayPath, loadLock, loadPipfile } from '../project-files';

export async function verify(ctx: Context): Promise<number> {
  const project = ctx.project();
  const { pipfile } = loadPipfile(ctx, project);
  const lock = loadLock(ctx, project);
  if (!lock) {
    if (ctx.flag('json')) {
      ctx.out.result(JSON.stringify({ upToDate: false, lockfile: project.lockfile, reasons: [{ kind: 'no-lockfile' }] }, null, 2));
      return 1;
    }
    throw new CliError('CLI_NO_LOCKFILE', `${displayPath(ctx, project.lockfile)} does not exist.`, { hint: 'Run `pipgrub lock` to create it.' });
  }
  const result = isLockUpToDate(pipfile, lock);
  if (ctx.flag('json')) {
    ctx.out.result(JSON.stringify({ upToDate: result.upToDate, lockfile: project.lockfile, reasons: result.reasons, messages: result.messages }, null, 2));
    return result.upToDate ? 0 : 1;
  }
  if (result.upToDate) {
    ctx.out.summary('Pipfile.lock is up to date.');
    return 0;
  }
  for (const m of result.messages) ctx.out.info(`  ${m}`);
  throw new CliError('CLI_LOCK_STALE', 'Pipfile.lock is out of date with the Pipfile.', { hint: 'Run `pipgrub lock` to update it.' });
}
