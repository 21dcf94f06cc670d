// `pipgrub uninstall PKG...`: remove packages from the Pipfile and the virtualenv and re-lock the
// rest with their pins kept (`--skip-lock`: no re-lock, Pipfile.lock untouched). `--all` empties the
// virtualenv (Pipfile untouched); `--all-dev` removes every [dev-packages] entry.

import { normalizeName } from '@pipgrub/core-resolver';
import { readFileSync } from 'node:fs';
import { PipfileDocument, writeFileAtomic } from '@pipgrub/lockfile';
import { isVenvError, listInstalled, openVenv, uninstallDistributions } from '@pipgrub/venv';
import type { Context } from '../context';
import { CliError, InterruptedError } from '../errors';
import { formatDuration } from '../output/output';
import { displayPath, loadLockWithText } from '../project-files';
import { venvExists, venvRoot } from '../venv-paths';
import { checkInstallFlags, lockCategories, openSession, relock, skipLock, writeLockIfChanged } from '../workflow/session';

const PROTECTED = new Set(['pip', 'setuptools', 'wheel']);
const norm = (n: string): string => normalizeName(n);

/**
 * Uninstall `names` (normalized) from the project's venv; returns what was removed. All removals go
 * through one journal with Ctrl-C deferred: either every package goes, or none does.
 */
async function removeFromVenv(ctx: Context, names: Set<string> | 'all'): Promise<string[]> {
  const root = venvRoot(ctx);
  if (!venvExists(root)) return [];
  const venv = await openVenv(root);
  const dists = (await listInstalled(venv)).filter((d) => (names === 'all' ? !PROTECTED.has(d.key) : names.has(d.key)));
  try {
    return await uninstallDistributions(venv, dists, { signal: ctx.signal });
  } catch (e) {
    if (isVenvError(e) && e.code === 'SYNC_INTERRUPTED') throw new InterruptedError();
    throw e;
  }
}

export async function uninstall(ctx: Context): Promise<number> {
  const started = performance.now();
  checkInstallFlags(ctx);
  if (ctx.flag('all')) {
    const removed = await removeFromVenv(ctx, 'all');
    ctx.out.summary(`Removed ${removed.length} package${removed.length === 1 ? '' : 's'} from the virtualenv in ${formatDuration(performance.now() - started)}`);
    return 0;
  }
  const project = ctx.project();
  const originalText = readFileSync(project.pipfile, 'utf8');
  const doc = PipfileDocument.parse(originalText, { path: displayPath(ctx, project.pipfile) });
  const names = ctx.flag('all-dev') ? (doc.pipfile.categories.get('dev-packages') ?? []).map((p) => p.name) : [...ctx.args];
  if (names.length === 0) {
    throw new CliError('CLI_USAGE', 'Name the packages to uninstall.', { hint: 'e.g. `pipgrub uninstall requests`, or --all / --all-dev.', exitCode: 2 });
  }
  const removedFromPipfile: string[] = [];
  for (const name of names) {
    for (const category of [...doc.pipfile.categories.keys()]) {
      if (doc.removePackage(category, name)) removedFromPipfile.push(`${name} [${category}]`);
    }
  }
  const notDeclared = names.filter((n) => !removedFromPipfile.some((r) => norm(r.split(' ')[0]!) === norm(n)));
  for (const n of notDeclared) ctx.out.warn(`${n} is not in ${displayPath(ctx, project.pipfile)}; removing it from the virtualenv only.`);

  if (skipLock(ctx)) {
    // --skip-lock: the named packages leave the Pipfile and the venv; Pipfile.lock is not touched.
    const removed = await removeFromVenv(ctx, new Set(names.map(norm)));
    const newText = doc.toString();
    if (newText !== originalText) await writeFileAtomic(project.pipfile, newText);
    for (const r of removedFromPipfile) ctx.out.info(`Removed ${r} from ${displayPath(ctx, project.pipfile)}`);
    ctx.out.summary(`Uninstalled ${removed.length} package${removed.length === 1 ? '' : 's'} in ${formatDuration(performance.now() - started)}`);
    return 0;
  }
  const previous = loadLockWithText(ctx, project);
  const session = await openSession(ctx, project, doc.pipfile);
  try {
    const lock = await relock(ctx, session, doc.pipfile, previous.lock, { keepPins: true, categories: lockCategories(ctx, doc.pipfile) });
    // Remove the named packages and anything the new lock no longer needs (no longer required by anything).
    const still = new Set<string>();
    for (const entries of Object.values(lock.sections)) for (const n of Object.keys(entries)) still.add(n);
    const orphaned = new Set<string>(names.map(norm));
    for (const entries of Object.values(previous.lock?.sections ?? {})) for (const n of Object.keys(entries)) if (!still.has(n)) orphaned.add(n);
    const removed = await removeFromVenv(ctx, orphaned);
    await writeLockIfChanged(project, lock, previous.text);
    const newText = doc.toString();
    if (newText !== originalText) await writeFileAtomic(project.pipfile, newText);
    for (const r of removedFromPipfile) ctx.out.info(`Removed ${r} from ${displayPath(ctx, project.pipfile)}`);
    ctx.out.summary(`Uninstalled ${removed.length} package${removed.length === 1 ? '' : 's'} in ${formatDuration(performance.now() - started)}`);
    return 0;
  } finally {
    await session.close();
  }
}
