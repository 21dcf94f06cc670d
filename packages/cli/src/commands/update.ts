// `pipgrub update [PKG...]` re-locks (only the named packages, keeping every other pin; or
// everything when none is named) and syncs; `pipgrub upgrade PKG...` does the same without
// installing. `--outdated` / `--dry-run` only list what would change.

import { readFileSync } from 'node:fs';
import { PipfileDocument, writeFileAtomic, type Lockfile } from '@pipgrub/lockfile';
import type { Context } from '../context';
import { CliError } from '../errors';
import { formatDuration } from '../output/output';
import { displayPath, loadLockWithText } from '../project-files';
import { parsePackageArg } from '../workflow/package-arg';
import { describeSync, targetLabel, installSections, lockCategories, openSession, relock, syncVenv, writeLockIfChanged } from '../workflow/session';

/** `name: 1.0 -> 2.0` lines for packages whose pin differs between two locks. */
export function lockChanges(before: Lockfile | undefined, after: Lockfile): string[] {
  const lines: string[] = [];
  for (const [section, entries] of Object.entries(after.sections)) {
    const old = before?.sections[section] ?? {};
    for (const [name, e] of Object.entries(entries)) {
      const was = old[name]?.version?.replace(/^==/, '');
      const now = e.version?.replace(/^==/, '');
      if (was !== now) lines.push(`${name}: ${was ?? '(new)'} -> ${now ?? '(unpinned)'}${section === 'default' ? '' : ` [${section}]`}`);
    }
    for (const name of Object.keys(old)) if (!(name in entries)) lines.push(`${name}: ${old[name]?.version?.replace(/^==/, '')} -> (removed)`);
  }
  return lines;
}

async function relockNamed(ctx: Context, install: boolean, requireNames: boolean): Promise<number> {
  const started = performance.now();
  const project = ctx.project();
  const originalText = readFileSync(project.pipfile, 'utf8');
  const doc = PipfileDocument.parse(originalText, { path: displayPath(ctx, project.pipfile) });
  const previous = loadLockWithText(ctx, project);
  const requested = ctx.args.map(parsePackageArg);
  if (requireNames && requested.length === 0) {
    throw new CliError('CLI_USAGE', 'Name the packages to upgrade.', { hint: 'e.g. `pipgrub upgrade requests`; `pipgrub update` re-locks everything.', exitCode: 2 });
  }
  // A named package with a new specifier gets it written into the Pipfile (where it is declared).
  for (const p of requested) {
    if (p.spec === '*') continue;
    const category = [...doc.pipfile.categories.keys()].find((c) => doc.hasPackage(c, p.name)) ?? 'packages';
    doc.setPackage(category, p.name, p.spec);
  }
  const dryRun = ctx.flag('outdated') || ctx.flag('dry-run');
  const session = await openSession(ctx, project, doc.pipfile);
  try {
    const lock = await relock(ctx, session, doc.pipfile, previous.lock, {
      keepPins: requested.length > 0,
      unlock: requested.map((p) => p.name),
      categories: lockCategories(ctx, doc.pipfile),
    });
    const changes = lockChanges(previous.lock, lock);
    if (dryRun) {
      ctx.out.result(changes.length ? changes.join('\n') : 'All packages are up to date.');
      return 0;
    }
    let syncLine = '';
    if (install) {
      const syncStarted = performance.now();
      const { report } = await syncVenv(ctx, session, lock, installSections(ctx));
      syncLine = `; ${targetLabel(session)}: ${describeSync(report, performance.now() - syncStarted)}`;
    }
    await writeLockIfChanged(project, lock, previous.text);
    const newText = doc.toString();
    if (newText !== originalText) await writeFileAtomic(project.pipfile, newText);
    for (const c of changes) ctx.out.info(`  ${c}`);
    ctx.out.summary(`${changes.length ? `Updated ${changes.length} pin${changes.length === 1 ? '' : 's'}` : 'No pins changed'} in ${formatDuration(performance.now() - started)}${syncLine}`);
    return 0;
  } finally {
    await session.close();
  }
}

export const update = (ctx: Context) => relockNamed(ctx, true, false);
export const upgrade = (ctx: Context) => relockNamed(ctx, false, true);
