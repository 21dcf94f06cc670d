// One invocation's state, handed to every command: parsed options, the environment after `.env`
// loading, Pipenv settings, the output layer, the project (found lazily) and the Ctrl-C signal.

import type { Env } from './args/env-options';
import type { OptionValues } from './args/parse';
import type { CommandSpec } from './args/spec';
import type { Settings } from './env/settings';
import { InterruptedError } from './errors';
import type { Output, TextSink } from './output/output';
import { findProject, requireProject, type ProjectPaths } from './project';

/** Where an invocation reads and writes; `main` uses the real process, tests pass their own. */
export interface CliIO {
  stdout: TextSink;
  stderr: TextSink;
  env: Env;
  cwd: string;
  /** Aborted on Ctrl-C. */
  signal?: AbortSignal;
}

export interface Context {
  command: CommandSpec | undefined;
  options: OptionValues;
  args: string[];
  env: Env;
  settings: Settings;
  out: Output;
  cwd: string;
  signal: AbortSignal;
  startedAt: number;
  /** The project, or `undefined` when no Pipfile is within reach. */
  findProject(): ProjectPaths | undefined;
  /** The project; a missing Pipfile is a CliError with a hint. */
  project(): ProjectPaths;
  flag(name: string): boolean;
  value(name: string): string | undefined;
  list(name: string): string[];
}

/** Build the context object from its parts. */
export function makeContext(parts: Omit<Context, 'findProject' | 'project' | 'flag' | 'value' | 'list'>): Context {
  let cached: ProjectPaths | undefined | null = null;
  const find = () => {
    if (cached === null) cached = findProject(parts.cwd, parts.settings.pipfile, parts.settings.maxDepth);
    return cached;
  };
  return {
    ...parts,
    findProject: find,
    project: () => find() ?? requireProject(parts.cwd, parts.settings.pipfile, parts.settings.maxDepth),
    flag: (name) => parts.options[name] === true,
    value: (name) => {
      const v = parts.options[name];
      return typeof v === 'string' ? v : undefined;
    },
    list: (name) => {
      const v = parts.options[name];
      if (Array.isArray(v)) return v.flatMap((x) => x.split(/[\s,]+/)).filter(Boolean);
      return typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : [];
    },
  };
}

/** Throw the interruption error if Ctrl-C was pressed. */
export function checkInterrupted(ctx: Context): void {
  if (ctx.signal.aborted) throw new InterruptedError();
}
