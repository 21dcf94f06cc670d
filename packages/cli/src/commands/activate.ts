// `pipgrub activate`: print the command that activates the virtualenv in the user's shell, for
// `eval "$(pipgrub activate)"`.

import { basename, join } from 'node:path';
import type { Context } from '../context';
import { requireVenv, venvBin } from '../venv-paths';

/** The shell's family from its path (`/usr/bin/fish` -> `fish`). */
export function shellKind(shellPath: string | undefined): 'bash' | 'fish' | 'csh' | 'nu' | 'powershell' | 'cmd' {
  const name = basename(shellPath ?? '').toLowerCase().replace(/\.exe$/, '');
  if (name === 'fish') return 'fish';
  if (name === 'csh' || name === 'tcsh') return 'csh';
  if (name === 'nu') return 'nu';
  if (name === 'pwsh' || name === 'powershell') return 'powershell';
  if (name === 'cmd') return 'cmd';
  return 'bash';
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The activation line for `shell` and the virtualenv at `root`. */
export function activationCommand(root: string, shell: ReturnType<typeof shellKind>): string {
  const bin = venvBin(root);
  switch (shell) {
    case 'fish':
      return `source ${quote(join(bin, 'activate.fish'))}`;
    case 'csh':
      return `source ${quote(join(bin, 'activate.csh'))}`;
    case 'nu':
      return `overlay use ${quote(join(bin, 'activate.nu'))}`;
    case 'powershell':
      return `& ${quote(join(bin, 'Activate.ps1'))}`;
    case 'cmd':
      return `"${join(bin, 'activate.bat')}"`;
    default:
      return `source ${quote(join(bin, 'activate'))}`;
  }
}

export async function activate(ctx: Context): Promise<number> {
  const root = requireVenv(ctx);
  ctx.out.result(activationCommand(root, shellKind(ctx.settings.shell ?? ctx.env.SHELL)));
  return 0;
}
