// `pipgrub run CMD [ARGS]...`: run a command, or a [scripts] shortcut, inside the virtualenv (or with
// `--system`, the interpreter on PATH) with `.env` loaded; the exit code is the command's.

import { spawn } from 'node:child_process';
import { delimiter, dirname, resolve as resolvePath } from 'node:path';
import { interpreterInstallPaths, isVenvError } from '@pipgrub/venv';
import type { Context } from '../context';
import { CliError } from '../errors';
import { loadPipfile } from '../project-files';
import { requireVenv, venvProcessEnv } from '../venv-paths';
import { chooseSystemPython } from '../workflow/system-python';
import { scriptArgv } from './script-line';

/** Signals a running child gets forwarded (the terminal sends SIGINT to the whole group itself). */
const FORWARDED = ['SIGTERM', 'SIGHUP'] as const;

const IN_VENV_HINT = 'Is it installed in the virtualenv? `pipgrub graph` lists what is.';

/** Spawn `argv` with inherited stdio; resolves to its exit code (128+n for a signal). */
export function spawnInherit(argv: string[], env: Record<string, string>, cwd: string, notFoundHint = IN_VENV_HINT): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: 'inherit', env, cwd });
    // The terminal sends Ctrl-C to the whole process group: the child decides what to do with it, and
    // pipgrub waits for the child (its own Ctrl-C handlers are set aside until then).
    // SIGTERM/SIGHUP sent to pipgrub alone are passed on to the child, as if pipgrub had exec'd it (as
    // Pipenv does): the child decides, and pipgrub's status is the child's (143 if SIGTERM killed it).
    const saved = new Map<NodeJS.Signals, NodeJS.SignalsListener[]>();
    const forward = (s: NodeJS.Signals) => {
      child.kill(s);
    };
    const ignore = () => {};
    saved.set('SIGINT', process.listeners('SIGINT'));
    process.removeAllListeners('SIGINT');
    process.on('SIGINT', ignore);
    for (const s of FORWARDED) {
      saved.set(s, process.listeners(s));
      process.removeAllListeners(s);
      process.on(s, forward);
    }
    let restored = false;
    const restore = () => {
      if (restored) return;
      restored = true;
      process.off('SIGINT', ignore);
      for (const s of FORWARDED) process.off(s, forward);
      for (const [s, listeners] of saved) for (const l of listeners) process.on(s, l);
    };
    child.on('error', (e: NodeJS.ErrnoException) => {
      restore();
      if (e.code === 'ENOENT') {
        reject(new CliError('CLI_COMMAND_NOT_FOUND', `Command not found: ${argv[0]}`, { hint: notFoundHint }));
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

/**
 * `run --system`: the interpreter `install --system` uses (--python, else $VIRTUAL_ENV's, else
 * `python`/`python3` on PATH) and the environment to run in: its scripts directory (then its own bin
 * directory) first on PATH, no project virtualenv; VIRTUAL_ENV stays only if it is that interpreter's.
 */
async function systemProcessEnv(ctx: Context): Promise<{ python: string; env: Record<string, string> }> {
  const python = await chooseSystemPython(ctx);
  let paths;
  try {
    paths = await interpreterInstallPaths(python);
  } catch (e) {
    throw new CliError('CLI_NO_SYSTEM_PYTHON', `--system: ${isVenvError(e) ? e.message : `could not run ${python}`}`, { cause: e });
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) env[k] = v;
  if (env.VIRTUAL_ENV && resolvePath(env.VIRTUAL_ENV) !== resolvePath(paths.prefix)) delete env.VIRTUAL_ENV;
  env.PIPENV_ACTIVE = '1';
  env.PIPGRUB_ACTIVE = '1';
  const pathKey = Object.keys(env).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  const first = [...new Set([paths.scripts, dirname(python)])];
  const rest = (env[pathKey] ?? '').split(delimiter).filter((d) => d && !first.includes(d));
  env[pathKey] = [...first, ...rest].join(delimiter);
  return { python: paths.executable, env };
}

export async function run(ctx: Context): Promise<number> {
  if (ctx.args.length === 0) {
    throw new CliError('CLI_USAGE', 'Missing the command to run.', { hint: 'e.g. `pipgrub run python -V` or `pipgrub run <script>`.', exitCode: 2 });
  }
  const system = ctx.flag('system');
  // With --system there need not be a project: then there are just no [scripts].
  const project = system ? ctx.findProject() : ctx.project();
  const scripts = project ? loadPipfile(ctx, project).pipfile.scripts : {};
  const [first, ...rest] = ctx.args as [string, ...string[]];
  const script = Object.prototype.hasOwnProperty.call(scripts, first) ? scripts[first] : undefined;
  const argv = script !== undefined ? [...scriptArgv(first, script), ...rest] : ctx.args;
  if (argv.length === 0) throw new CliError('CLI_BAD_SCRIPT', `[scripts] ${first} is empty.`);
  if (system) {
    const target = await systemProcessEnv(ctx);
    // A `{ call = ... }` script runs `python -c`: that must be this interpreter, whatever PATH holds.
    if (script !== undefined && typeof script !== 'string') argv[0] = target.python;
    ctx.out.debug(`running ${JSON.stringify(argv)} with ${target.python} (--system)`);
    return spawnInherit(argv, target.env, ctx.cwd, `Is it installed for ${target.python} (\`pipgrub install --system\`), or on PATH?`);
  }
  const root = requireVenv(ctx, project ?? ctx.project());
  ctx.out.debug(`running ${JSON.stringify(argv)} in ${root}`);
  return spawnInherit(argv, venvProcessEnv(ctx.env, root), ctx.cwd);
}
