// `pipgrub requirements`: print a requirements.txt from Pipfile.lock (`--hash`, `--dev`, `--dev-only`,
// `--categories`, `--exclude-markers`), as `pipenv requirements` does.

import { exportRequirements } from '@pipgrub/lockfile';
import type { Context } from '../context';
import { CliError } from '../errors';
import { displayPath, loadLock } from '../project-files';

/** The lock categories a command selects from --dev / --dev-only / --categories (Pipenv's rules). */
export function selectedCategories(ctx: Context, fallback: string[] = ['default']): string[] {
  const categories = ctx.list('categories');
  if (categories.length > 0) return categories;
  if (ctx.flag('dev-only')) return ['develop'];
  if (ctx.flag('dev')) return ['default', 'develop'];
  return fallback;
}

export async function requirements(ctx: Context): Promise<number> {
  const project = ctx.project();
  const lock = loadLock(ctx, project);
  if (!lock) {
    throw new CliError('CLI_NO_LOCKFILE', `${displayPath(ctx, project.lockfile)} does not exist.`, { hint: 'Run `pipgrub lock` first.' });
  }
  const text = exportRequirements(lock, {
    categories: selectedCategories(ctx),
    hashes: ctx.flag('hash'),
    markers: !ctx.flag('exclude-markers'),
  });
  ctx.out.result(text);
  return 0;
}
