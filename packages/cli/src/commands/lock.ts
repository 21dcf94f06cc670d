// `pipgrub lock`: resolve the Pipfile and write Pipfile.lock (fresh pins, as `pipenv lock`;
// --keep-outdated keeps the previous ones). `--json` prints the locked packages as data.

import type { Context } from '../context';
import { formatDuration } from '../output/output';
import { loadLockWithText, loadPipfile } from '../project-files';
import { lockCategories, openSession, relock, writeLockIfChanged } from '../workflow/session';

export async function lock(ctx: Context): Promise<number> {
  const started = performance.now();
  const project = ctx.project();
  const { pipfile } = loadPipfile(ctx, project);
  const previous = loadLockWithText(ctx, project);
  const session = await openSession(ctx, project, pipfile);
  try {
    const categories = lockCategories(ctx, pipfile);
    const lockfile = await relock(ctx, session, pipfile, previous.lock, { keepPins: ctx.flag('keep-outdated'), categories });
    const written = await writeLockIfChanged(project, lockfile, previous.text);
    const names = new Set<string>();
    for (const entries of Object.values(lockfile.sections)) for (const n of Object.keys(entries)) names.add(n);
    const elapsed = performance.now() - started;
    if (ctx.flag('json')) {
      const sections: Record<string, Record<string, string | null>> = {};
      for (const [section, entries] of Object.entries(lockfile.sections)) {
        sections[section] = Object.fromEntries(Object.entries(entries).map(([n, e]) => [n, e.version?.replace(/^==/, '') ?? null]));
      }
      ctx.out.result(JSON.stringify({ lockfile: project.lockfile, written, packages: names.size, sections, timeMs: Math.round(elapsed) }, null, 2));
    }
    ctx.out.summary(`${written ? 'Locked' : 'Lock unchanged:'} ${names.size} package${names.size === 1 ? '' : 's'} in ${formatDuration(elapsed)}`);
    return 0;
  } finally {
    await session.close();
  }
}
