// @pipgrub/cli: the entry point of the `pipgrub` command. `main` wires the real process (streams,
// environment, Ctrl-C) to `runCli`, which tests also call directly with their own streams.
import { runCli } from './run-cli';

export { VERSION } from './version';
export { runCli, EXIT_USAGE } from './run-cli';
export type { CliIO } from './context';
export type { TextSink } from './output/output';

/**
 * Run the CLI with the given arguments; resolves to the process exit code. The first Ctrl-C aborts
 * the running command cleanly (nothing half-written); a second one exits at once with 130.
 * @example process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await runCli(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
      signal: controller.signal,
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}
