// Options from the environment, as Pipenv's click setup allows: `PIPENV_<COMMAND>_<OPTION>` and
// `PIPENV_<OPTION>` (e.g. PIPENV_DEV=1), plus `PIPGRUB_*` twins that win over the Pipenv names.

import type { OptionValues } from './parse';
import type { CommandSpec, OptionSpec } from './spec';

/** Values Pipenv accepts for boolean variables. */
const TRUE = new Set(['1', 'true', 'yes', 'on', 'y', 't']);
const FALSE = new Set(['0', 'false', 'no', 'off', 'n', 'f', '']);

/** Environment variables, as `process.env` holds them. */
export type Env = Record<string, string | undefined>;

/**
 * Read a boolean variable the way Pipenv does; `undefined` when unset, an error for other text.
 * @example envFlag({ PIPENV_VENV_IN_PROJECT: 'yes' }, 'PIPENV_VENV_IN_PROJECT') // true
 */
export function envFlag(env: Env, name: string): boolean | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new EnvValueError(name, raw);
}

/** A boolean environment variable holds something that is neither true nor false. */
export class EnvValueError extends Error {
  readonly code = 'CLI_BAD_ENV_VALUE';
  readonly hint: string;
  constructor(
    readonly variable: string,
    readonly value: string,
  ) {
    super(`${variable}=${JSON.stringify(value)} is not a boolean.`);
    this.hint = `Use 1/true/yes/on or 0/false/no/off for ${variable}.`;
  }
}

/** `--pypi-mirror` -> `PYPI_MIRROR`. */
function envSuffix(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

/**
 * The variable names that may supply `option` for `command`, highest precedence first.
 * @example envNamesFor(install, dev) // ['PIPGRUB_INSTALL_DEV', 'PIPGRUB_DEV', 'PIPENV_INSTALL_DEV', 'PIPENV_DEV']
 */
export function envNamesFor(command: CommandSpec | undefined, option: OptionSpec): string[] {
  const suffix = envSuffix(option.name);
  const names: string[] = [];
  for (const prefix of ['PIPGRUB', 'PIPENV']) {
    if (command) names.push(`${prefix}_${envSuffix(command.name)}_${suffix}`);
    names.push(`${prefix}_${suffix}`);
  }
  return names;
}

/**
 * Fill options the command line did not give from the environment. Command-line values always win.
 * @example applyEnvOptions(install, {}, [...], { PIPENV_DEV: '1' }) // { dev: true }
 */
export function applyEnvOptions(
  command: CommandSpec | undefined,
  given: OptionValues,
  scope: readonly OptionSpec[],
  env: Env,
): OptionValues {
  const out: OptionValues = { ...given };
  for (const option of scope) {
    if (!option.fromEnv || out[option.name] !== undefined) continue;
    for (const name of envNamesFor(command, option)) {
      if (env[name] === undefined) continue;
      if (option.type === 'flag') out[option.name] = envFlag(env, name)!;
      else if (option.type === 'list') out[option.name] = env[name]!.split(/[\s,]+/).filter(Boolean);
      else out[option.name] = env[name]!;
      break;
    }
  }
  return out;
}
