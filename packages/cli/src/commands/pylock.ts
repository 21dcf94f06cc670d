// `pipgrub pylock --generate` writes a PEP 751 pylock.toml from Pipfile.lock; `--validate [FILE]`
// checks one against the PEP's rules and lists every problem with its line.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportPylock, validatePylock, writeFileAtomic, type LockedFile } from '@pipgrub/lockfile';
import type { Context } from '../context';
import { CliError } from '../errors';
import { displayPath, loadLock, loadPipfile } from '../project-files';
import { interruptible, openSession } from '../workflow/session';
import { selectedCategories } from './requirements';

export async function pylock(ctx: Context): Promise<number> {
  if (ctx.flag('validate')) return validate(ctx);
  if (!ctx.flag('generate')) {
    throw new CliError('CLI_USAGE', 'Say what to do: `pipgrub pylock --generate` or `pipgrub pylock --validate [FILE]`.', { exitCode: 2 });
  }
  const project = ctx.project();
  const lock = loadLock(ctx, project);
  if (!lock) throw new CliError('CLI_NO_LOCKFILE', `${displayPath(ctx, project.lockfile)} does not exist.`, { hint: 'Run `pipgrub lock` first.' });
  const categories = selectedCategories(ctx, ['default', ...Object.keys(lock.sections).filter((s) => s !== 'default' && Object.keys(lock.sections[s]!).length > 0)]);
  // Pipfile.lock keeps hashes only; pylock.toml lists files with URLs, so ask the index for them.
  const { pipfile } = loadPipfile(ctx, project);
  const session = await openSession(ctx, project, pipfile);
  const known = new Map<string, LockedFile[]>();
  try {
    const names = new Set<string>();
    for (const c of categories) for (const n of Object.keys(lock.sections[c] ?? {})) names.add(n);
    await interruptible(
      ctx,
      Promise.all(
        [...names].map(async (name) => {
          const info = await session.source.getProject(name as never);
          for (const r of info?.releases ?? []) {
            known.set(`${name}@${r.version}`, r.files.map((f) => ({ filename: f.filename, url: f.url, hashes: f.hashes, kind: f.kind, ...(f.size !== undefined ? { size: f.size } : {}) })));
          }
        }),
      ),
    );
  } finally {
    await session.close();
  }
  const text = exportPylock(lock, { files: (name, version) => known.get(`${name}@${version}`), categories });
  const target = resolve(project.root, ctx.value('output') ?? ctx.args[0] ?? 'pylock.toml');
  await writeFileAtomic(target, text);
  ctx.out.summary(`Wrote ${displayPath(ctx, target)}`);
  return 0;
}

function validate(ctx: Context): number {
  const base = ctx.findProject()?.root ?? ctx.cwd;
  const file = resolve(base, ctx.args[0] ?? 'pylock.toml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError('CLI_NO_PYLOCK', `${displayPath(ctx, file)} does not exist.`, { hint: 'Create it with `pipgrub pylock --generate`.' });
  }
  const shown = displayPath(ctx, file);
  const result = validatePylock(text, { path: shown });
  if (result.valid) {
    ctx.out.summary(`${shown} is valid (${result.rulesChecked.length} rules checked).`);
    return 0;
  }
  for (const p of result.problems) ctx.out.info(`  ${shown}${p.line ? `:${p.line}` : ''}: [${p.rule}] ${p.message}`);
  throw new CliError('CLI_PYLOCK_INVALID', `${shown} is not a valid pylock file (${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}).`);
}
