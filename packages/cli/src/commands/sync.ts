// `pipgrub sync`: install exactly what Pipfile.lock lists (default, plus develop with --dev, or
// --categories) into the virtualenv; never re-locks and never edits the Pipfile.

import type { Context } from '../context';
import { CliError } from '../errors';
import { displayPath, loadLock, loadPipfile } from '../project-files';
import { describeSync, installSections, openSession, syncVenv } from '../workflow/session';

export async function sync(ctx: Context): Promise<number> {
  const started = performance.now();
  const project = ctx.project();
  const { pipfile } = loadPipfile(ctx, project);
  const lock = loadLock(ctx, project);
  if (!lock) throw new CliError('CLI_NO_LOCKFILE', `${displayPath(ctx, project.lockfile)} does not exist.`, { hint: 'Run `pipgrub lock` (or `pipgrub install`) first.' });
  const session = await openSession(ctx, project, pipfile);
  try {
    const { report } = await syncVenv(ctx, session, lock, installSections(ctx));
    ctx.out.summary(`Synced ${report.installed.length + report.replaced.length + report.kept.length} packages: ${describeSync(report, performance.now() - started)}`);
    return 0;
  } finally {
    await session.close();
  }
}
