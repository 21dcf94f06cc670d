// The argument parser: `pipgrub [GLOBAL OPTIONS] [COMMAND [OPTIONS] [ARGS]...]`, click-compatible
// (`--opt=value`, `--opt value`, `-d`, bundled `-dv`, `--` ends options, `run` passes the rest through).

import { COMMANDS, GLOBAL_OPTIONS, findCommand, type CommandSpec, type OptionSpec } from './spec';
import { didYouMean } from './suggest';

/** Option values by long name: `true`/`false` for flags, a string, or a list for repeatables. */
export type OptionValues = Record<string, string | boolean | string[]>;

/** What the command line asked for. */
export interface ParsedArgs {
  /** The sub-command, or `undefined` for global actions only (`pipgrub --venv`). */
  command: CommandSpec | undefined;
  /** Options given on the command line (global and command options in one map). */
  options: OptionValues;
  /** Positional arguments of the command. */
  args: string[];
}

/** Either parsed arguments or a usage error with an optional hint. */
export type ParseOutcome = { kind: 'ok'; value: ParsedArgs } | { kind: 'usage-error'; message: string; hint?: string };

class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

function flagNames(options: readonly OptionSpec[]): string[] {
  const names: string[] = [];
  for (const o of options) {
    if (o.hidden) continue;
    names.push(`--${o.name}`);
    if (o.negatable) names.push(`--no-${o.name}`);
    if (o.short) names.push(`-${o.short}`);
  }
  return names;
}

function store(values: OptionValues, option: OptionSpec, raw: string | boolean): void {
  if (option.type === 'list') {
    const previous = values[option.name];
    const list = Array.isArray(previous) ? previous : [];
    values[option.name] = [...list, String(raw)];
  } else {
    values[option.name] = raw;
  }
}

/**
 * Parse `argv` (without the node and script paths).
 * @example parseArgs(['install', '--dev', 'requests']) // { kind: 'ok', value: { command: install, options: { dev: true }, args: ['requests'] } }
 */
export function parseArgs(argv: readonly string[]): ParseOutcome {
  try {
    return { kind: 'ok', value: parseOrThrow(argv) };
  } catch (error) {
    if (error instanceof UsageError) return { kind: 'usage-error', message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    throw error;
  }
}

function parseOrThrow(argv: readonly string[]): ParsedArgs {
  const options: OptionValues = {};
  const args: string[] = [];
  let command: CommandSpec | undefined;
  let scope: readonly OptionSpec[] = GLOBAL_OPTIONS;
  let optionsEnded = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (optionsEnded || (command?.passthrough && args.length > 0)) {
      args.push(token);
      continue;
    }
    if (token === '--') {
      optionsEnded = true;
      continue;
    }
    if (token.startsWith('--') && token.length > 2) {
      const eq = token.indexOf('=');
      const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
      const inline = eq === -1 ? undefined : token.slice(eq + 1);
      let option = scope.find((o) => o.name === name);
      let negated = false;
      if (!option && name.startsWith('no-')) {
        option = scope.find((o) => o.negatable && o.name === name.slice(3));
        negated = option !== undefined;
      }
      if (!option) throw unknownOption(`--${name}`, command, scope);
      if (option.type === 'flag') {
        if (inline !== undefined) throw new UsageError(`Option --${name} does not take a value.`);
        store(options, option, !negated);
      } else {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`Option --${name} requires an argument (${option.metavar ?? 'VALUE'}).`);
        store(options, option, v);
      }
      continue;
    }
    if (token.startsWith('-') && token.length > 1 && !/^-\d/.test(token)) {
      // Short options, possibly bundled (`-dv`) or with an attached value (`-rreqs.txt`).
      for (let k = 1; k < token.length; k++) {
        const letter = token[k]!;
        const option = scope.find((o) => o.short === letter);
        if (!option) throw unknownOption(`-${letter}`, command, scope);
        if (option.type === 'flag') {
          store(options, option, true);
          continue;
        }
        const rest = token.slice(k + 1);
        const v = rest.length > 0 ? rest : argv[++i];
        if (v === undefined) throw new UsageError(`Option -${letter} requires an argument (${option.metavar ?? 'VALUE'}).`);
        store(options, option, v);
        break;
      }
      continue;
    }
    if (!command) {
      command = findCommand(token);
      if (!command) {
        throw new UsageError(
          `No such command '${token}'.${didYouMean(token, COMMANDS.map((c) => c.name))}`,
          'Run `pipgrub --help` to list the commands.',
        );
      }
      scope = command.options.concat(command.options.some((o) => o.name === 'help') ? [] : [GLOBAL_OPTIONS.find((o) => o.name === 'help')!]);
      continue;
    }
    args.push(token);
  }
  return { command, options, args };
}

function unknownOption(flagText: string, command: CommandSpec | undefined, scope: readonly OptionSpec[]): UsageError {
  const where = command ? `pipgrub ${command.name}` : 'pipgrub';
  let suggestion = didYouMean(flagText, flagNames(scope));
  let hint = `Run \`${where} --help\` to see its options.`;
  // A global-only flag typed after the command (`pipgrub install --venv`) deserves a precise hint.
  if (command && GLOBAL_OPTIONS.some((o) => `--${o.name}` === flagText)) {
    suggestion = '';
    hint = `${flagText} is a global option: put it before the command, e.g. \`pipgrub ${flagText}\`.`;
  }
  return new UsageError(`No such option: ${flagText}${command ? ` for \`pipgrub ${command.name}\`` : ''}.${suggestion}`, hint);
}
