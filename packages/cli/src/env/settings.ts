// Pipenv's behavioural environment variables, read once into a typed object. Each `PIPENV_X` has a
// `PIPGRUB_X` twin that wins when both are set; `pipgrub --envs` prints this table.

import { envFlag, type Env } from '../args/env-options';

/** The variables pipgrub reads, with what they do (shown by `pipgrub --envs`). */
export const ENV_VARIABLES: ReadonlyArray<{ name: string; description: string }> = [
  { name: 'PIPENV_PIPFILE', description: 'Path of the Pipfile to use instead of searching upward.' },
  { name: 'PIPENV_MAX_DEPTH', description: 'How many parent directories to search for a Pipfile (default 3).' },
  { name: 'PIPENV_VENV_IN_PROJECT', description: 'Create the virtualenv in <project>/.venv.' },
  { name: 'PIPENV_CUSTOM_VENV_NAME', description: 'Name of the virtualenv directory under WORKON_HOME.' },
  { name: 'PIPENV_IGNORE_VIRTUALENVS', description: 'Ignore an already active virtualenv (VIRTUAL_ENV).' },
  { name: 'PIPENV_DEFAULT_PYTHON_VERSION', description: 'Python version for new virtualenvs.' },
  { name: 'PIPENV_PYTHON', description: 'Python for new virtualenvs (same as --python).' },
  { name: 'PIPENV_PYPI_MIRROR', description: 'Replace pypi.org sources with this mirror.' },
  { name: 'PIPENV_DOTENV_LOCATION', description: 'Path of the .env file to load.' },
  { name: 'PIPENV_DONT_LOAD_ENV', description: 'Do not load the .env file.' },
  { name: 'PIPENV_CACHE_DIR', description: 'Download and metadata cache directory.' },
  { name: 'PIPENV_NOSPIN', description: 'No spinners or progress bars.' },
  { name: 'PIPENV_HIDE_EMOJIS', description: 'Accepted for compatibility (pipgrub prints no emoji).' },
  { name: 'PIPENV_SHELL', description: 'Shell for `pipgrub shell` (default $SHELL).' },
  { name: 'PIPENV_SHELL_FANCY', description: 'Always use fancy mode for `pipgrub shell`.' },
  { name: 'PIPENV_TIMEOUT', description: 'Seconds to wait for the index (default 30).' },
  { name: 'PIPENV_VERBOSE', description: 'Same as --verbose.' },
  { name: 'PIPENV_QUIET', description: 'Same as --quiet.' },
  { name: 'WORKON_HOME', description: 'Where virtualenvs live (default ~/.local/share/virtualenvs).' },
  { name: 'VIRTUAL_ENV', description: 'An active virtualenv, used unless PIPENV_IGNORE_VIRTUALENVS.' },
  { name: 'NO_COLOR', description: 'Disable colour.' },
  { name: 'FORCE_COLOR', description: 'Force colour even when not writing to a terminal.' },
];

/** The behaviour-changing settings pipgrub takes from the environment. */
export interface Settings {
  pipfile?: string;
  maxDepth: number;
  venvInProject?: boolean;
  customVenvName?: string;
  ignoreVirtualenvs: boolean;
  defaultPythonVersion?: string;
  python?: string;
  pypiMirror?: string;
  dotenvLocation?: string;
  dontLoadEnv: boolean;
  cacheDir?: string;
  noSpin: boolean;
  shell?: string;
  shellFancy: boolean;
  timeoutSeconds: number;
  workonHome?: string;
  virtualEnv?: string;
}

/** `PIPGRUB_X` if set, else `PIPENV_X`. */
function pick(env: Env, suffix: string): string | undefined {
  const v = env[`PIPGRUB_${suffix}`] ?? env[`PIPENV_${suffix}`];
  return v === '' ? undefined : v;
}

function pickFlag(env: Env, suffix: string): boolean | undefined {
  const name = env[`PIPGRUB_${suffix}`] !== undefined ? `PIPGRUB_${suffix}` : `PIPENV_${suffix}`;
  return envFlag(env, name);
}

function pickNumber(env: Env, suffix: string, fallback: number): number {
  const raw = pick(env, suffix);
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * Read the settings from an environment (after `.env` loading).
 * @example readSettings({ PIPENV_VENV_IN_PROJECT: '1' }).venvInProject // true
 */
export function readSettings(env: Env): Settings {
  const settings: Settings = {
    maxDepth: pickNumber(env, 'MAX_DEPTH', 3),
    ignoreVirtualenvs: pickFlag(env, 'IGNORE_VIRTUALENVS') ?? false,
    dontLoadEnv: pickFlag(env, 'DONT_LOAD_ENV') ?? false,
    noSpin: pickFlag(env, 'NOSPIN') ?? false,
    shellFancy: pickFlag(env, 'SHELL_FANCY') ?? false,
    timeoutSeconds: pickNumber(env, 'TIMEOUT', 30),
  };
  const venvInProject = pickFlag(env, 'VENV_IN_PROJECT');
  if (venvInProject !== undefined) settings.venvInProject = venvInProject;
  const strings: Array<[keyof Settings, string]> = [
    ['pipfile', 'PIPFILE'],
    ['customVenvName', 'CUSTOM_VENV_NAME'],
    ['defaultPythonVersion', 'DEFAULT_PYTHON_VERSION'],
    ['python', 'PYTHON'],
    ['pypiMirror', 'PYPI_MIRROR'],
    ['dotenvLocation', 'DOTENV_LOCATION'],
    ['cacheDir', 'CACHE_DIR'],
    ['shell', 'SHELL'],
  ];
  for (const [key, suffix] of strings) {
    const v = pick(env, suffix);
    if (v !== undefined) (settings as unknown as Record<string, unknown>)[key] = v;
  }
  if (env.WORKON_HOME) settings.workonHome = env.WORKON_HOME;
  if (env.VIRTUAL_ENV) settings.virtualEnv = env.VIRTUAL_ENV;
  return settings;
}

/**
 * Copy every `PIPGRUB_X` onto `PIPENV_X` (PIPGRUB wins), so libraries that read Pipenv's names see
 * pipgrub's too. Mutates and returns `env`.
 * @example aliasPipgrubVariables({ PIPGRUB_VENV_IN_PROJECT: '1' }).PIPENV_VENV_IN_PROJECT // '1'
 */
export function aliasPipgrubVariables(env: Env): Env {
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('PIPGRUB_') && value !== undefined) env[`PIPENV_${key.slice(8)}`] = value;
  }
  return env;
}
