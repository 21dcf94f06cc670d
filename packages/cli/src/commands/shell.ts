// `pipgrub shell`: a subshell with the virtualenv active. bash gets an rc file that sources the
// user's ~/.bashrc and then the venv's activate script (so the prompt shows the venv); other shells
// get the activated environment directly (Pipenv's "fancy" mode).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../context';
import { CliError } from '../errors';
import { requireVenv, venvBin, venvProcessEnv } from '../venv-paths';
import { shellKind } from './activate';
import { spawnInherit } from './run';

export async function shell(ctx: Context): Promise<number> {
  if (ctx.env.PIPENV_ACTIVE === '1' && !ctx.flag('anyway')) {
    throw new CliError('CLI_SHELL_ACTIVE', 'A pipgrub/pipenv shell is already active in this terminal.', {
      hint: 'Type `exit` to leave it, or use `pipgrub shell --anyway`.',
    });
  }
  const root = requireVenv(ctx);
  const shellPath = ctx.settings.shell ?? ctx.env.SHELL ?? '/bin/sh';
  const env = venvProcessEnv(ctx.env, root);
  const fancy = ctx.flag('fancy') || ctx.settings.shellFancy;
  ctx.out.info(`Launching subshell in virtual environment ${root}`);
  if (!fancy && shellKind(shellPath) === 'bash' && /bash$/.test(shellPath)) {
    const dir = mkdtempSync(join(tmpdir(), 'pipgrub-shell-'));
    const rc = join(dir, 'bashrc');
    const userRc = join(ctx.env.HOME ?? homedir(), '.bashrc');
    writeFileSync(rc, `[ -f ${JSON.stringify(userRc)} ] && . ${JSON.stringify(userRc)}\n. ${JSON.stringify(join(venvBin(root), 'activate'))}\n`);
    try {
      return await spawnInherit([shellPath, '--rcfile', rc, '-i', ...ctx.args], env, ctx.cwd);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return spawnInherit([shellPath, '-i', ...ctx.args], env, ctx.cwd);
}
