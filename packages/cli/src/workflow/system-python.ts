// Which interpreter `--system` means, for install/sync/update and run alike: --python (a path or a
// version to discover), else the active virtualenv's, else `python` then `python3` on PATH (as Pipenv).

import { isAbsolute, resolve } from 'node:path';
import { findPython, parsePythonRequest, systemPython } from '@pipgrub/venv';
import type { Context } from '../context';
import { CliError } from '../errors';

/**
 * The interpreter `--system` targets; throws a one-line CliError when there is none.
 * @example const python = await chooseSystemPython(ctx); // '/usr/bin/python3'
 */
export async function chooseSystemPython(ctx: Context): Promise<string> {
  const explicit = ctx.value('python');
  let python: string | null;
  if (explicit && (isAbsolute(explicit) || /[\\/]/.test(explicit))) python = resolve(ctx.cwd, explicit);
  else if (explicit) python = (await findPython(parsePythonRequest(explicit))).path;
  else python = await systemPython(ctx.env as NodeJS.ProcessEnv);
  if (!python) {
    throw new CliError('CLI_NO_SYSTEM_PYTHON', '--system: no `python` or `python3` found on PATH.', { hint: 'Put one on PATH, or name it with --python /path/to/python.' });
  }
  return python;
}
