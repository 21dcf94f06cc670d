// Which function runs each command and each global action (`--where`, `--venv`, ...). Commands are
// one file each under commands/; this table is the only place that knows them all.

import type { Context } from '../context';
import { CliError } from '../errors';
import { envs, where } from './info';
import { pylock } from './pylock';
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
  run: notYet('run'),
  shell: notYet('shell'),
  requirements,
  clean: notYet('clean'),
  verify,
  scripts,
  activate: notYet('activate'),
  remove: notYet('remove'),
  pylock,
};

/** Global actions, checked in this order when no command is given. */
export const GLOBAL_ACTIONS: ReadonlyArray<{ flag: string; run: CommandHandler }> = [
  { flag: 'where', run: where },
  { flag: 'envs', run: envs },
  { flag: 'venv', run: notYet('--venv') },
  { flag: 'py', run: notYet('--py') },
  { flag: 'rm', run: notYet('--rm') },
  { flag: 'support', run: notYet('--support') },
];
