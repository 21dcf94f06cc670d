// Which function runs each command and each global action (`--where`, `--venv`, ...). Commands are
// one file each under commands/, loaded on first use so `--help` and `--version` start instantly
// and load no library.

import type { Context } from '../context';

/** A command's implementation: resolves to the exit code. */
export type CommandHandler = (ctx: Context) => Promise<number>;

/** A handler whose module is imported when it first runs. */
function lazy<M>(load: () => Promise<M>, pick: (m: M) => CommandHandler): CommandHandler {
  return async (ctx) => pick(await load())(ctx);
}

const venvActions = () => import('./venv-actions');

export const COMMAND_HANDLERS: Record<string, CommandHandler> = {
  install: lazy(() => import('./install'), (m) => m.install),
  uninstall: lazy(() => import('./uninstall'), (m) => m.uninstall),
  lock: lazy(() => import('./lock'), (m) => m.lock),
  sync: lazy(() => import('./sync'), (m) => m.sync),
  update: lazy(() => import('./update'), (m) => m.update),
  upgrade: lazy(() => import('./update'), (m) => m.upgrade),
  graph: lazy(() => import('./graph'), (m) => m.graph),
  run: lazy(() => import('./run'), (m) => m.run),
  shell: lazy(() => import('./shell'), (m) => m.shell),
  requirements: lazy(() => import('./requirements'), (m) => m.requirements),
  clean: lazy(() => import('./clean'), (m) => m.clean),
  verify: lazy(() => import('./verify'), (m) => m.verify),
  scripts: lazy(() => import('./scripts'), (m) => m.scripts),
  activate: lazy(() => import('./activate'), (m) => m.activate),
  remove: lazy(venvActions, (m) => m.removeProjectVenv),
  pylock: lazy(() => import('./pylock'), (m) => m.pylock),
};

/** Global actions, checked in this order when no command is given. */
export const GLOBAL_ACTIONS: ReadonlyArray<{ flag: string; run: CommandHandler }> = [
  { flag: 'where', run: lazy(() => import('./info'), (m) => m.where) },
  { flag: 'envs', run: lazy(() => import('./info'), (m) => m.envs) },
  { flag: 'venv', run: lazy(venvActions, (m) => m.printVenv) },
  { flag: 'py', run: lazy(venvActions, (m) => m.printPython) },
  { flag: 'rm', run: lazy(venvActions, (m) => m.removeProjectVenv) },
  { flag: 'support', run: lazy(venvActions, (m) => m.support) },
];
