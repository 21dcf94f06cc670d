// @pipgrub/cli: the entry point of the `pipgrub` command.
export const VERSION = '0.1.0';

/** Run the CLI with the given arguments; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--version')) {
    process.stdout.write(`pipgrub, version ${VERSION}\n`);
    return 0;
  }
  process.stderr.write('pipgrub: no commands are available yet\n');
  return 1;
}
