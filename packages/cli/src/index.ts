// @pipgrub/cli: the entry point of the `pipgrub` command. `main` wires the real process (streams,
// environment, Ctrl-C, SIGTERM/SIGHUP) to `runCli`, which tests also call directly with their own streams.
import { runCli } from './run-cli';
import { watchSignals } from './signals';

export { VERSION } from './version';
export { runCli, EXIT_USAGE } from './run-cli';
export type { CliIO } from './context';
export type { TextSink } from './output/output';

/**
 * Run the CLI with the given arguments; resolves to the process exit code. The first Ctrl-C aborts
 * the running command cleanly (nothing half-written); a second one exits at once with 130. SIGTERM
 * and SIGHUP abort the same way, and once the command has cleaned up the signal is raised again so
 * the process ends by it (status 143 / 129 in a shell); a second one ends it at once.
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[]): Promise<number> {
  const watch = watchSignals();
  try {
    const code = await runCli(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
      signal: watch.signal,
    });
    const ended = watch.terminatedBy();
    watch.dispose();
    // Ended by SIGTERM/SIGHUP: die by that signal (exit status 128+n), as an un-handled one would.
    if (ended) process.kill(process.pid, ended);
    return code;
  } finally {
    watch.dispose();
  }
}
