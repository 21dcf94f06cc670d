// Where Pipenv keeps a project's virtual environment: `.venv` in the project, or
// `$WORKON_HOME/<sanitized-name>-<hash>` (the same name Pipenv computes, so both tools share envs).
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Why a location was chosen (tagged on `kind`). */
export type VenvLocation =
  | { kind: 'active'; path: string }
  | { kind: 'in-project'; path: string }
  | { kind: 'dot-venv-file'; path: string }
  | { kind: 'workon-home'; path: string; name: string };

/** Options of {@link pipenvVenvLocation}. */
export interface LocationOptions {
  /** The project directory (holding the Pipfile). */
  projectDir: string;
  /** The Pipfile (default `<projectDir>/Pipfile`); its resolved path feeds the hash. */
  pipfile?: string;
  env?: NodeJS.ProcessEnv;
}

const FALSE_VALUES = new Set(['0', 'false', 'no', 'off']);
const TRUE_VALUES = new Set(['1', 'true', 'yes', 'on']);

/** Pipenv's tri-state environment flags: true, false, or unset/unparseable (undefined). */
function envFlag(env: NodeJS.ProcessEnv, name: string): boolean | undefined {
  const v = env[`PIPENV_${name}`];
  if (v !== undefined) {
    const l = v.toLowerCase();
    if (TRUE_VALUES.has(l)) return true;
    if (FALSE_VALUES.has(l)) return false;
    return undefined;
  }
  const neg = env[`PIPENV_NO_${name}`];
  if (neg !== undefined) {
    const l = neg.toLowerCase();
    if (TRUE_VALUES.has(l)) return false;
    if (FALSE_VALUES.has(l)) return true;
  }
  return undefined;
}

/**
 * Pipenv's `WORKON_HOME`: `$WORKON_HOME`, else `$XDG_DATA_HOME/virtualenvs`, else `~/.local/share/virtualenvs`
 * (`~/.virtualenvs` on Windows).
 * @example workonHome({ WORKON_HOME: '~/.venvs' }) // '/home/me/.venvs'
 */
export function workonHome(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME ?? os.homedir();
  let p = env.WORKON_HOME;
  if (!p) p = process.platform === 'win32' ? '~/.virtualenvs' : path.join(env.XDG_DATA_HOME ?? '~/.local/share', 'virtualenvs');
  p = p.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => env[name] ?? m);
  if (p === '~' || p.startsWith('~/')) p = path.join(home, p.slice(1));
  return path.resolve(p);
}

/**
 * Pipenv's sanitization of a project name: shell-dangerous characters become `_`, cut to 42 chars.
 * @example sanitizeProjectName('my project (v2)') // 'my_project__v2_'
 */
export function sanitizeProjectName(name: string): string {
  return name.replace(/[ &$`!*@"()[\]\\\r\n\t]/g, '_').slice(0, 42);
}

/**
 * Pipenv's virtualenv name for a Pipfile: `<sanitized dir name>-<first 8 chars of urlsafe base64 of
 * sha256(pipfile path)[:6]>`, with `-<PIPENV_PYTHON>` appended when that is set, or
 * `PIPENV_CUSTOM_VENV_NAME` verbatim.
 * @example pipenvVenvName('/home/u/myproj/Pipfile') // 'myproj-Ab3dEf9h'
 */
export function pipenvVenvName(pipfilePath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.PIPENV_CUSTOM_VENV_NAME) return env.PIPENV_CUSTOM_VENV_NAME;
  const name = path.basename(path.dirname(pipfilePath));
  const digest = createHash('sha256').update(pipfilePath, 'utf8').digest().subarray(0, 6);
  const hash = digest.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').slice(0, 8);
  let suffix = '';
  const py = env.PIPENV_PYTHON;
  if (py) suffix = `-${path.isAbsolute(py) ? path.basename(py) : py}`;
  return `${sanitizeProjectName(name)}-${hash}${suffix}`;
}

function resolvePipfile(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function statKind(p: string): 'dir' | 'file' | null {
  try {
    return statSync(p).isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

/**
 * Where Pipenv would put (or find) the project's virtual environment:
 * an active `$VIRTUAL_ENV` (outside `pipenv shell`), `<project>/.venv` when it exists or
 * `PIPENV_VENV_IN_PROJECT` is true, a `.venv` file naming one, else `$WORKON_HOME/<name>-<hash>`.
 * @example pipenvVenvLocation({ projectDir: '/home/u/proj' }).path
 */
export function pipenvVenvLocation(options: LocationOptions): VenvLocation {
  const env = options.env ?? process.env;
  const active = env.VIRTUAL_ENV;
  if (active && env.PIPENV_ACTIVE === undefined && !envFlag(env, 'IGNORE_VIRTUALENVS')) return { kind: 'active', path: active };
  const pipfile = resolvePipfile(env.PIPENV_PIPFILE ?? options.pipfile ?? path.join(options.projectDir, 'Pipfile'));
  const projectDir = path.dirname(pipfile);
  const inProject = envFlag(env, 'VENV_IN_PROJECT');
  const dotVenv = path.join(projectDir, '.venv');
  const kind = statKind(dotVenv);
  const inWorkon = (): VenvLocation => {
    const name = pipenvVenvName(pipfile, env);
    return { kind: 'workon-home', path: path.join(workonHome(env), name), name };
  };
  if (kind === null) return inProject ? { kind: 'in-project', path: dotVenv } : inWorkon();
  if (kind === 'dir') return { kind: 'in-project', path: dotVenv };
  // A `.venv` file holds a path (relative to the project) or a name inside WORKON_HOME.
  const content = readFileSync(dotVenv, 'utf8').trim();
  if (!content) return inWorkon();
  if (content.includes('/') || content.includes(path.sep)) return { kind: 'dot-venv-file', path: path.resolve(projectDir, content) };
  return { kind: 'dot-venv-file', path: path.join(workonHome(env), content) };
}
