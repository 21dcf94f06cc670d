// Creating a virtual environment without running `python -m venv`: pyvenv.cfg, the bin layout with
// symlinks (copies where they fail), site-packages, activation scripts, optional pip seeding.
import { copyFile, mkdir, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathExists } from '../path-exists';
import { VenvError, describe, isVenvError } from '../errors';
import { findPython } from '../python/discovery';
import { versionString, type InterpreterInfo, type QueryOptions } from '../python/interpreter';
import type { PythonRequest } from '../python/request';
import { activationScripts } from './activation';
import { BIN_NAME, schemeFor, venvPython, type VirtualEnv } from './layout';

/** Version written into pyvenv.cfg as `pipgrub = ...`. */
export const PIPGRUB_VERSION = '0.1.0';

/** Options of {@link createVenv}. */
export interface CreateVenvOptions extends QueryOptions {
  /** The interpreter: an already-queried one, a request (`'3.12'`, a path), or the first found. */
  python?: InterpreterInfo | string | PythonRequest;
  /** Prompt shown by activation scripts (default: the directory name). */
  prompt?: string;
  /** Link the interpreter (default) or copy it. */
  symlinks?: boolean;
  /** Replace an existing environment at `root` (default false: refuse). */
  clear?: boolean;
  /** Let the environment see the base interpreter's site-packages. */
  systemSitePackages?: boolean;
  /**
   * Seed pip into the environment. `true` installs the wheel bundled with the interpreter
   * (`ensurepip/_bundled/pip-*.whl`); a function installs whatever it wants (it gets the new env).
   */
  seed?: boolean | ((env: VirtualEnv) => Promise<void>);
}

const IS_WIN = process.platform === 'win32';

async function resolveInterpreter(options: CreateVenvOptions): Promise<InterpreterInfo> {
  const p = options.python;
  if (p && typeof p === 'object' && 'version' in p) return p;
  return findPython(p ?? { kind: 'any' }, options);
}

function pyvenvCfg(info: InterpreterInfo, options: CreateVenvOptions): string {
  const impl = info.markers.platform_python_implementation;
  const lines = [
    `home = ${path.dirname(info.baseExecutable)}`,
    `implementation = ${impl}`,
    `version_info = ${info.version.join('.')}.${info.releaseLevel}.0`,
    `include-system-site-packages = ${options.systemSitePackages ? 'true' : 'false'}`,
    `version = ${versionString(info)}`,
    `executable = ${info.baseExecutable}`,
  ];
  if (options.prompt) lines.push(`prompt = ${options.prompt}`);
  lines.push(`pipgrub = ${PIPGRUB_VERSION}`);
  return lines.join('\n') + '\n';
}

async function linkOrCopy(target: string, link: string, symlinks: boolean): Promise<void> {
  if (symlinks) {
    try {
      await symlink(target, link);
      return;
    } catch {
      // fall back to a copy (e.g. Windows without developer mode)
    }
  }
  await copyFile(path.resolve(path.dirname(link), target), link);
}

async function writeExecutables(root: string, info: InterpreterInfo, symlinks: boolean): Promise<void> {
  const bin = path.join(root, BIN_NAME);
  await mkdir(bin, { recursive: true });
  const [major, minor] = info.version;
  if (IS_WIN) {
    await copyFile(info.baseExecutable, path.join(bin, 'python.exe'));
    const w = path.join(path.dirname(info.baseExecutable), 'pythonw.exe');
    if (await pathExists(w)) await copyFile(w, path.join(bin, 'pythonw.exe'));
    return;
  }
  await linkOrCopy(info.baseExecutable, path.join(bin, 'python'), symlinks);
  const names = [`python${major}`, `python${major}.${minor}`];
  if (info.implementation === 'pypy') names.push('pypy', `pypy${major}`, `pypy${major}.${minor}`);
  for (const n of names) await linkOrCopy('python', path.join(bin, n), symlinks);
}

/**
 * Create a virtual environment at `root` without starting `python -m venv` (the interpreter is
 * queried once, and that answer is cached across runs).
 * @example
 * const env = await createVenv('.venv', { python: '3.12', seed: true });
 * // .venv/bin/python -c "import sys; print(sys.prefix)"  ->  /abs/.venv
 */
export async function createVenv(root: string, options: CreateVenvOptions = {}): Promise<VirtualEnv> {
  const abs = path.resolve(root);
  const info = await resolveInterpreter(options);
  if (info.version[0] < 3 || (info.version[0] === 3 && info.version[1] < 3)) {
    throw new VenvError('PYTHON_UNSUPPORTED', `Python ${versionString(info)} (${info.path}) cannot host a pyvenv.cfg virtual environment`, {
      hint: 'Use Python 3.3 or newer.',
    });
  }
  if (await pathExists(abs)) {
    const entries = await readdir(abs).catch(() => [] as string[]);
    if (entries.length > 0 && !options.clear) {
      throw new VenvError('VENV_EXISTS', `${abs} already exists and is not empty`, { hint: 'Remove it first (pipgrub --rm) or pass clear: true.' });
    }
  }
  // Build next to the target and rename into place, so a failed creation leaves nothing behind.
  const tmp = `${abs}.pipgrub-tmp-${process.pid}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  try {
    await mkdir(tmp, { recursive: true });
    const scheme = schemeFor(abs, info);
    const staged = (p: string) => path.join(tmp, path.relative(abs, p));
    await writeFile(path.join(tmp, 'pyvenv.cfg'), pyvenvCfg(info, options));
    await writeExecutables(tmp, info, options.symlinks ?? !IS_WIN);
    await mkdir(staged(scheme.purelib), { recursive: true });
    if (scheme.platlib !== scheme.purelib) await mkdir(staged(scheme.platlib), { recursive: true });
    await mkdir(path.join(tmp, 'include'), { recursive: true });
    // venv links lib64 -> lib on 64-bit POSIX (not macOS) so platlibdir=lib64 builds find site-packages.
    if (!IS_WIN && process.platform !== 'darwin' && info.pointerBits === 64 && !(await pathExists(path.join(tmp, 'lib64')))) {
      await symlink('lib', path.join(tmp, 'lib64')).catch(() => undefined);
    }
    const scripts = activationScripts({ root: abs, binName: BIN_NAME, prompt: options.prompt ?? path.basename(abs) });
    const bin = staged(scheme.scripts);
    await Promise.all(Object.entries(scripts).map(([name, text]) => writeFile(path.join(bin, name), text)));
    await writeFile(path.join(tmp, '.gitignore'), '# created by pipgrub\n*\n');
    if (await pathExists(abs)) await rm(abs, { recursive: true, force: true });
    await mkdir(path.dirname(abs), { recursive: true });
    await rename(tmp, abs);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    if (isVenvError(e)) throw e;
    throw new VenvError('VENV_CREATE_FAILED', `Could not create a virtual environment at ${abs}: ${describe(e)}`, { cause: e });
  }
  const env: VirtualEnv = { root: abs, python: venvPython(abs), interpreter: info, scheme: schemeFor(abs, info) };
  if (options.seed) {
    try {
      if (typeof options.seed === 'function') await options.seed(env);
      else await seedBundledPip(env, typeof options.cacheDir === 'string' ? options.cacheDir : undefined);
    } catch (e) {
      if (isVenvError(e)) throw e;
      throw new VenvError('VENV_CREATE_FAILED', `Created ${abs} but could not seed pip: ${describe(e)}`, { cause: e });
    }
  }
  return env;
}

/**
 * The pip wheel bundled with an interpreter's `ensurepip`, or null.
 * @example await bundledPipWheel(py) // '/usr/lib/python3.12/ensurepip/_bundled/pip-24.0-py3-none-any.whl'
 */
export async function bundledPipWheel(info: InterpreterInfo): Promise<string | null> {
  // Debian/Ubuntu strip ensurepip/_bundled and ship the wheels in /usr/share/python-wheels instead.
  for (const dir of [path.join(info.stdlib, 'ensurepip', '_bundled'), '/usr/share/python-wheels']) {
    const names = await readdir(dir).catch(() => [] as string[]);
    const pip = names.filter((n) => /^pip-.*\.whl$/.test(n)).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))[0];
    if (pip) return path.join(dir, pip);
  }
  return null;
}

async function seedBundledPip(env: VirtualEnv, cacheDir: string | undefined): Promise<void> {
  const wheel = await bundledPipWheel(env.interpreter);
  if (!wheel) {
    throw new VenvError('VENV_CREATE_FAILED', `Python ${versionString(env.interpreter)} has no bundled pip wheel (ensurepip/_bundled)`, {
      hint: 'Create the environment without seeding, or install pip from an index.',
    });
  }
  // Imported lazily: creation without seeding never loads the installer.
  const [{ installWheel }, { WheelCache }] = await Promise.all([import('../wheel/install'), import('../cache/wheel-cache')]);
  await installWheel(env, wheel, { requested: true, cache: new WheelCache(cacheDir) });
}

/**
 * Remove a virtual environment (refuses directories without pyvenv.cfg).
 * @example await removeVenv('.venv')
 */
export async function removeVenv(root: string): Promise<void> {
  const abs = path.resolve(root);
  if (!(await pathExists(path.join(abs, 'pyvenv.cfg')))) {
    if (!(await pathExists(abs))) return;
    throw new VenvError('NOT_A_VENV', `Refusing to remove ${abs}: it is not a virtual environment (no pyvenv.cfg)`);
  }
  await rm(abs, { recursive: true, force: true });
}
