// One invocation from argv to exit code: parse, help/version, `.env` and env options, settings,
// output, then the command; every error ends here as one line + hint (stack only with --verbose).

import { applyEnvOptions, envFlag, type Env } from './args/env-options';
import { commandHelp, globalHelp } from './args/help';
import { parseArgs } from './args/parse';
import { GLOBAL_OPTIONS } from './args/spec';
import { COMMAND_HANDLERS, GLOBAL_ACTIONS } from './commands/registry';
import { makeContext, type CliIO } from './context';
import { loadDotenv } from './env/dotenv';
import { aliasPipgrubVariables, readSettings } from './env/settings';
import { describeError } from './errors';
import { Output } from './output/output';
import { findProject } from './project';
import { VERSION } from './version';
import { join, resolve } from 'node:path';

/** Usage errors exit with 2, like click (and so Pipenv). */
export const EXIT_USAGE = 2;

/**
 * Run one pipgrub invocation against the given streams and environment.
 * @example await runCli(['--version'], { stdout, stderr, env: {}, cwd: '/tmp' }) // 0
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const startedAt = performance.now();
  const fallbackOut = new Output({ stdout: io.stdout, stderr: io.stderr, env: io.env });
  const parsed = parseArgs(argv);
  if (parsed.kind === 'usage-error') {
    fallbackOut.error(parsed.message, parsed.hint);
    return EXIT_USAGE;
  }
  const { command, args } = parsed.value;
  if (parsed.value.options.help) {
    io.stdout.write(`${command ? commandHelp(command) : globalHelp(VERSION)}\n`);
    return 0;
  }
  if (parsed.value.options.version && !command) {
    io.stdout.write(`pipgrub, version ${VERSION}\n`);
    return 0;
  }

  let out = fallbackOut;
  let verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    const env: Env = aliasPipgrubVariables({ ...io.env });
    const early = readSettings(env);
    if (!early.dontLoadEnv) {
      // .env sits next to the Pipfile unless PIPENV_DOTENV_LOCATION says otherwise; it overrides env.
      const project = findProject(io.cwd, early.pipfile, early.maxDepth);
      const location = early.dotenvLocation ? resolve(io.cwd, early.dotenvLocation) : project ? join(project.root, '.env') : undefined;
      if (location) loadDotenv(location, env);
    }
    aliasPipgrubVariables(env);
    const settings = readSettings(env);
    const scope = command ? command.options : GLOBAL_OPTIONS;
    const options = applyEnvOptions(command, parsed.value.options, scope, env);
    verbose = options.verbose === true;
    out = new Output({
      stdout: io.stdout,
      stderr: io.stderr,
      env,
      quiet: options.quiet === true && !verbose,
      verbose,
      noSpin: settings.noSpin || envFlag(env, 'CI') === true,
    });
    const ctx = makeContext({
      command,
      options,
      args,
      env,
      settings,
      out,
      cwd: io.cwd,
      signal: io.signal ?? new AbortController().signal,
      startedAt,
    });
    if (!command) {
      for (const action of GLOBAL_ACTIONS) {
        if (options[action.flag] === true) return await action.run(ctx);
      }
      // `pipgrub --python 3.12` alone creates the virtualenv, as in Pipenv.
      if (typeof options.python === 'string') return await COMMAND_HANDLERS.install!(ctx);
      io.stdout.write(`${globalHelp(VERSION)}\n`);
      return 0;
    }
    const handler = COMMAND_HANDLERS[command.name];
    if (!handler) throw new Error(`command ${command.name} has no handler`);
    return await handler(ctx);
  } catch (error) {
    out.endActive();
    const report = describeError(error);
    out.error(report.message, report.hint);
    if (verbose) out.block(report.detail);
    return report.exitCode;
  } finally {
    out.endActive();
  }
}
