// Which function runs each command and each global action (`--where`, `--venv`, ...). Commands are
// one file each under commands/; this table is the only place that knows them all.

import type { Context } from '../context';
import { CliError } from '../errors';
import { envs, where } from './info';
import { activate } from './activate';
import { pylock } from './pylock';
import { run } from './run';
import { shell } from './shell';
import { printPython, printVenv, removeProjectVenv, support } from './venv-actions';
import { requirements } from './requirements';
import { scripts } from './scripts';
import { verify } from './verify';

/** A command's implementation: resolves to the exit code. */
export type CommandHandler = (ctx: Context) => Promise<number>;

function notYet(name: string): CommandHandler {
  return async () => {
    throw new CliError('CLI_NOT_IMPLEMENTED', `\`pipgrub ${name}\` is not available in this build yet.`, {
      hint: 'Use `pipenv` for this command for now.',
    });
  };
}

export const COMMAND_HANDLERS: Record<string, CommandHandler> = {
  install: notYet('install'),
  uninstall: notYet('uninstall'),
  lock: notYet('lock'),
  sync: notYet('sync'),
  update: notYet('update'),
  upgrade: notYet('upgrade'),
  graph: notYet('graph'),
  run,
  shell,
  requirements,
  clean: notYet('clean'),
  verify,
  scripts,
  activate,
  remove: removeProjectVenv,
  pylock,
};

/** Global actions, checked in this order when no command is given. */
export const GLOBAL_ACTIONS: ReadonlyArray<{ flag: string; run: CommandHandler }> = [
  { flag: 'where', run: where },
  { flag: 'envs', run: envs },
  { flag: 'venv', run: printVenv },
  { flag: 'py', run: printPython },
  { flag: 'rm', run: removeProjectVenv },
  { flag: 'support', run: support },
];
