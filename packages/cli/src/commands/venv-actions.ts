// The global virtualenv actions: `--venv` (its path), `--py` (its interpreter), `--rm` and the
// `remove` command (delete it), `--support` (diagnostics for bug reports).

import { readFileSync } from 'node:fs';
import { removeVenv } from '@pipgrub/venv';
import type { Context } from '../context';
import { ENV_VARIABLES } from '../env/settings';
import { VERSION } from '../version';
import { requireVenv, venvExists, venvPythonPath, venvRoot } from '../venv-paths';

/** `pipgrub --venv`. */
export async function printVenv(ctx: Context): Promise<number> {
  ctx.out.result(requireVenv(ctx));
  return 0;
}

/** `pipgrub --py`. */
export async function printPython(ctx: Context): Promise<number> {
  ctx.out.result(venvPythonPath(requireVenv(ctx)));
  return 0;
}

/** `pipgrub --rm` / `pipgrub remove`. */
export async function removeProjectVenv(ctx: Context): Promise<number> {
  const root = venvRoot(ctx);
  if (!venvExists(root)) {
    ctx.out.info(`No virtualenv to remove (looked at ${root}).`);
    return 0;
  }
  ctx.out.info(`Removing virtualenv ${root}`);
  await removeVenv(root);
  ctx.out.summary(`Removed ${root}`);
  return 0;
}

/** `pipgrub --support`: versions, platform, settings and the project's files, in Markdown. */
export async function support(ctx: Context): Promise<number> {
  const lines = [
    `pipgrub version: \`${VERSION}\``,
    `Node.js: \`${process.version}\` on \`${process.platform}-${process.arch}\``,
    '',
    '## Environment variables',
    '',
  ];
  for (const v of ENV_VARIABLES) {
    for (const name of [v.name, v.name.replace(/^PIPENV_/, 'PIPGRUB_')]) {
      if (ctx.env[name] !== undefined) lines.push(`- \`${name}\`: \`${ctx.env[name]}\``);
    }
  }
  const project = ctx.findProject();
  if (project) {
    const root = venvRoot(ctx, project);
    lines.push('', `Project: \`${project.root}\``, `Virtualenv: \`${root}\`${venvExists(root) ? '' : ' (not created)'}`);
    for (const file of [project.pipfile, project.lockfile]) {
      try {
        lines.push('', `## ${file}`, '', '```', readFileSync(file, 'utf8').trimEnd(), '```');
      } catch {
        lines.push('', `## ${file}`, '', '(missing)');
      }
    }
  } else {
    lines.push('', 'No Pipfile found from the current directory.');
  }
  ctx.out.result(lines.join('\n'));
  return 0;
}
