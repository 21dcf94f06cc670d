// `pipgrub run CMD [ARGS]...`: run a command, or a [scripts] shortcut, inside the virtualenv with
// `.env` loaded; the exit code is the command's.

import { spawn } from 'node:child_process';
import type { Context } from '../context';
import { CliError } from '../errors';
import { loadPipfile } from '../project-files';
import { requireVenv, venvProcessEnv } from '../venv-paths';
import { scriptArgv } from './script-line';

/** Spawn `argv` with inherited stdio; resolves to its exit code (128+n for a signal). */
export function spawnInherit(argv: string[], env: Record<string, string>, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', env, cwd });
    // The terminal sends Ctrl-C to the whole process group: the child decides what to do with it, and
    // pipgrub waits for the child (its own Ctrl-C handlers are set aside until then).
    const saved = process.listeners('SIGINT');
    process.removeAllListeners('SIGINT');
    const ignore = () => {};
    process.on('SIGINT', ignore);
    let restored = false;
    const restore = () => {
      if (restored) return;
      restored = true;
      process.off('SIGINT', ignore);
      for (const l of saved) process.on('SIGINT', l);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      restore();
      if (e.code === 'ENOENT') {
        reject(new CliError('CLI_COMMAND_NOT_FOUND', `Command not found: ${argv[0]}`, { hint: 'Is it installed in the virtualenv? `pipgrub graph` lists what is.' }));
      } else reject(e);
    });
    child.on('close', (code, signal) => {
      restore();
      resolve(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  return ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGHUP: 1, SIGQUIT: 3 } as Record<string, number>)[signal];
}

export async function run(ctx: Context): Promise<number> {
  if (ctx.args.length === 0) {
    throw new CliError('CLI_USAGE', 'Missing the command to run.', { hint: 'e.g. `pipgrub run python -V` or `pipgrub run <script>`.', exitCode: 2 });
  }
  const project = ctx.project();
  const { pipfile } = loadPipfile(ctx, project);
  const [first, ...rest] = ctx.args as [string, ...string[]];
  const script = Object.prototype.hasOwnProperty.call(pipfile.scripts, first) ? pipfile.scripts[first] : undefined;
  const argv = script !== undefined ? [...scriptArgv(first, script), ...rest] : ctx.args;
  if (argv.length === 0) throw new CliError('CLI_BAD_SCRIPT', `[scripts] ${first} is empty.`);
  const root = requireVenv(ctx, project);
  ctx.out.debug(`running ${JSON.stringify(argv)} in ${root}`);
  return spawnInherit(argv, venvProcessEnv(ctx.env, root), ctx.cwd);
}
