// A tiny flag parser shared by the benchmark commands: `--name value`, `--name=value`, boolean flags, and
// positionals; unknown flags are reported with the command's usage.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Parsed command line: flag values by name, booleans as `'true'`, and positionals. */
export interface ParsedArgs {
  flags: Map<string, string>;
  positionals: string[];
}

/**
 * Parse `args`; `booleans` lists flags that take no value. Throws a one-line Error for an unknown flag.
 *
 * @example
 * ```ts
 * parseArgs(['packse', '--repeat', '3', '--quick'], ['repeat'], ['quick']);
 * ```
 */
export function parseArgs(args: readonly string[], valued: readonly string[], booleans: readonly string[] = []): ParsedArgs {
  const flags = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (booleans.includes(name)) flags.set(name, 'true');
    else if (valued.includes(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new Error(`--${name} needs a value`);
      flags.set(name, v);
    } else throw new Error(`unknown option --${name}`);
  }
  return { flags, positionals };
}

/** A positive integer flag, or `fallback`. */
export function intFlag(p: ParsedArgs, name: string, fallback: number): number {
  const v = p.flags.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got '${v}'`);
  return n;
}

/**
 * A path the user typed, resolved against the directory they ran the command in: `pnpm bench` runs
 * commands inside benchmarks/, but keeps the caller's directory in `INIT_CWD`.
 *
 * @example
 * ```ts
 * userPath('benchmarks/results/x.svg'); // /work/main/benchmarks/results/x.svg when run from /work/main
 * ```
 */
export function userPath(p: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

/** Write `text` to a path the user typed ({@link userPath}), creating its directory. */
export function writeUserFile(file: string, text: string): void {
  const to = userPath(file);
  mkdirSync(path.dirname(to), { recursive: true });
  writeFileSync(to, text);
}
