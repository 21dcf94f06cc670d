// The shape of a virtual environment on disk: where purelib, platlib, scripts, headers and data go,
// derived once from the interpreter's sysconfig answer and shared by creation and installation.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VenvError } from '../errors';
import { BASE_PLACEHOLDER } from '../python/query-script';
import { queryInterpreter, type InterpreterInfo, type QueryOptions } from '../python/interpreter';

/** Absolute install locations of one environment (PEP 427 scheme keys). */
export interface InstallScheme {
  purelib: string;
  platlib: string;
  scripts: string;
  /** pip's venv header root: `<root>/include/site/pythonX.Y` (the project name is appended). */
  headers: string;
  data: string;
}

/** An existing (or just created) virtual environment. */
export interface VirtualEnv {
  root: string;
  /** `<root>/bin/python` (or `Scripts\\python.exe`). */
  python: string;
  interpreter: InterpreterInfo;
  scheme: InstallScheme;
}

const IS_WIN = process.platform === 'win32';

/** `bin` on POSIX, `Scripts` on Windows. */
export const BIN_NAME = IS_WIN ? 'Scripts' : 'bin';

/**
 * Re-root the interpreter's venv sysconfig paths at `root`.
 * @example schemeFor('/p/.venv', py).purelib // '/p/.venv/lib/python3.12/site-packages'
 */
export function schemeFor(root: string, info: InterpreterInfo): InstallScheme {
  const at = (p: string) => {
    const rel = p.startsWith(BASE_PLACEHOLDER) ? p.slice(BASE_PLACEHOLDER.length).replace(/^[\\/]+/, '') : p;
    return path.isAbsolute(rel) ? rel : path.join(root, rel);
  };
  const [major, minor] = info.version;
  return {
    purelib: at(info.scheme.purelib),
    platlib: at(info.scheme.platlib),
    scripts: at(info.scheme.scripts),
    headers: path.join(root, 'include', 'site', `python${major}.${minor}`),
    data: at(info.scheme.data),
  };
}

/**
 * Path of the environment's interpreter.
 * @example venvPython('/p/.venv') // '/p/.venv/bin/python'
 */
export function venvPython(root: string): string {
  return IS_WIN ? path.join(root, 'Scripts', 'python.exe') : path.join(root, 'bin', 'python');
}

/**
 * Parse `pyvenv.cfg` (`key = value` lines; keys lower-cased).
 * @example parsePyvenvCfg('home = /usr/bin\nversion = 3.12.1\n').version // '3.12.1'
 */
export function parsePyvenvCfg(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    out[line.slice(0, eq).trim().toLowerCase()] = line.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Open an existing virtual environment (reads `pyvenv.cfg`, queries its interpreter, cached).
 * @example const env = await openVenv('.venv'); console.log(env.scheme.purelib);
 */
export async function openVenv(root: string, options: QueryOptions = {}): Promise<VirtualEnv> {
  const abs = path.resolve(root);
  try {
    await readFile(path.join(abs, 'pyvenv.cfg'), 'utf8');
  } catch (e) {
    throw new VenvError('NOT_A_VENV', `${abs} is not a virtual environment (no pyvenv.cfg)`, { cause: e, hint: 'Create it first with `pipgrub install` or createVenv().' });
  }
  const python = venvPython(abs);
  const interpreter = await queryInterpreter(python, options);
  return { root: abs, python, interpreter, scheme: schemeFor(abs, interpreter) };
}
