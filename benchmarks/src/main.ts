// `pnpm bench <command> [args]`: dispatches to benchmarks/src/commands/<command>.ts, each of which
// exports `description` and `run(args)`; with no command, lists what exists.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface BenchCommand {
  description: string;
  run(args: string[]): Promise<number>;
}

const dir = fileURLToPath(new URL('./commands/', import.meta.url));
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3))
  .sort();

/** Exit once stdout/stderr have drained: a bare process.exit cuts piped output at 64 KiB. */
function exitAfterFlush(code: number): Promise<never> {
  return new Promise(() => {
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  });
}

async function load(name: string): Promise<BenchCommand> {
  return (await import(`./commands/${name}.ts`)) as BenchCommand;
}

const [command, ...args] = process.argv.slice(2);
let code: number;
if (!command || command === '--help' || command === '-h') {
  process.stdout.write('usage: pnpm bench <command> [args]\n\ncommands:\n');
  for (const name of names) process.stdout.write(`  ${name.padEnd(16)} ${(await load(name)).description}\n`);
  code = 0;
} else if (!names.includes(command)) {
  process.stderr.write(`bench: unknown command '${command}' (known: ${names.join(', ') || 'none'})\n`);
  code = 2;
} else {
  code = await (await load(command)).run(args);
}
await exitAfterFlush(code);
