// Installing into a plain interpreter instead of a project virtualenv (`--system`): the target as data
// shaped like a VirtualEnv, with the interpreter's own sysconfig paths, PEP 668 and writability checks.
import { access, constants, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { VenvError, describe } from './errors';
import type { InstallScheme, VirtualEnv } from './create/layout';
import { queryInterpreter, type QueryOptions } from './python/interpreter';
import { childProcess } from './child-process';

/** A plain interpreter used as an install target: a {@link VirtualEnv} whose paths are its own. */
export interface SystemEnvironment extends VirtualEnv {
  kind: 'system';
  /** Where staging and undo-journal directories go: inside site-packages (writable, same filesystem). */
  stagingRoot: string;
  /** The interpreter is itself a virtual environment (`sys.prefix != sys.base_prefix`). */
  isVirtualEnv: boolean;
  /** The PEP 668 `EXTERNALLY-MANAGED` marker of a non-venv interpreter, or null. */
  externallyManaged: string | null;
}

/** Options of {@link openSystemEnvironment}. */
export interface SystemEnvironmentOptions extends QueryOptions {
  /** Install even into an externally managed interpreter (pip's `--break-system-packages`). */
  breakSystemPackages?: boolean;
}

/** What an interpreter says about its own install scheme (the one pip would use). */
export interface InterpreterInstallPaths {
  executable: string;
  prefix: string;
  basePrefix: string;
  stdlib: string;
  purelib: string;
  platlib: string;
  scripts: string;
  data: string;
  include: string;
  version: string;
}

// pip's choice: the preferred 'prefix' scheme (3.10+; Debian answers posix_local there), else the default.
const SCHEME_SCRIPT = String.raw`
import json, os, sys, sysconfig
try:
    scheme = sysconfig.get_preferred_scheme('prefix')
except AttributeError:
    scheme = 'nt' if os.name == 'nt' else 'posix_prefix'
p = sysconfig.get_paths(scheme=scheme)
out = dict(executable=sys.executable, prefix=sys.prefix,
           basePrefix=getattr(sys, 'base_prefix', getattr(sys, 'real_prefix', sys.prefix)),
           stdlib=sysconfig.get_path('stdlib'), purelib=p['purelib'], platlib=p['platlib'],
           scripts=p['scripts'], data=p['data'], include=p['include'],
           version='%d.%d' % sys.version_info[:2])
sys.stdout.write(json.dumps(out))
`;

/**
 * Ask an interpreter for the install paths pip would use for it (no checks: see {@link openSystemEnvironment}).
 * @example (await interpreterInstallPaths('/usr/bin/python3')).scripts // '/usr/local/bin' on Debian
 */
export async function interpreterInstallPaths(python: string, timeoutMs = 20_000): Promise<InterpreterInstallPaths> {
  const { execFile } = await childProcess();
  return new Promise((resolve, reject) => {
    execFile(python, ['-E', '-s', '-c', SCHEME_SCRIPT], { timeout: timeoutMs, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } }, (err, stdout, stderr) => {
      if (err) {
        reject(new VenvError('PYTHON_QUERY_FAILED', `Could not ask ${python} for its install paths: ${String(stderr).trim().split('\n').pop() || describe(err)}`, { cause: err }));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as InterpreterInstallPaths);
      } catch (e) {
        reject(new VenvError('PYTHON_QUERY_FAILED', `${python} answered something that is not JSON: ${String(stdout).slice(0, 200)}`, { cause: e }));
      }
    });
  });
}

/** The deepest directory containing every path (the target's `root`, bounding uninstall and pruning). */
function commonAncestor(paths: readonly string[]): string {
  const split = paths.map((p) => path.resolve(p).split(path.sep));
  const first = split[0]!;
  let n = first.length;
  for (const s of split) {
    let i = 0;
    while (i < n && i < s.length && s[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(path.sep) || path.sep;
}

/** Whether `dir` (or, when it does not exist yet, its nearest existing parent) is writable. */
async function writable(dir: string): Promise<boolean> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    try {
      await access(d, constants.W_OK);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(d) === d) return false;
    }
  }
}

/** The `Error` text of an EXTERNALLY-MANAGED file (its first line), if any. */
async function externallyManagedText(marker: string): Promise<string> {
  try {
    const text = await readFile(marker, 'utf8');
    const m = /^\s*Error\s*=\s*(.+)$/m.exec(text);
    return m ? m[1]!.trim() : '';
  } catch {
    return '';
  }
}

/**
 * Open a plain interpreter as an install target (what `pipenv install --system` installs into): its
 * own purelib/platlib/scripts/data/headers. Refuses an externally managed interpreter (PEP 668) unless
 * `breakSystemPackages`, and one whose site-packages or scripts directory is not writable.
 * @example
 * const target = await openSystemEnvironment('/usr/local/bin/python3');
 * await syncEnvironment(target, wanted, { download });
 */
export async function openSystemEnvironment(python: string, options: SystemEnvironmentOptions = {}): Promise<SystemEnvironment> {
  const interpreter = await queryInterpreter(python, options);
  const a = await interpreterInstallPaths(interpreter.path, options.timeoutMs);
  const isVirtualEnv = path.resolve(a.prefix) !== path.resolve(a.basePrefix);
  // pip puts headers of a venv under <prefix>/include/site/pythonX.Y, else in the scheme's include.
  const headers = isVirtualEnv ? path.join(a.prefix, 'include', 'site', `python${a.version}`) : a.include;
  const scheme: InstallScheme = { purelib: a.purelib, platlib: a.platlib, scripts: a.scripts, headers, data: a.data };
  const marker = path.join(a.stdlib, 'EXTERNALLY-MANAGED');
  let externallyManaged: string | null = null;
  if (!isVirtualEnv) {
    try {
      await access(marker, constants.F_OK);
      externallyManaged = marker;
    } catch {
      // not externally managed
    }
  }
  if (externallyManaged && !options.breakSystemPackages) {
    const why = await externallyManagedText(marker);
    throw new VenvError('EXTERNALLY_MANAGED', `${a.executable} is externally managed (PEP 668: ${marker})${why ? `: ${why}` : ''}`, {
      hint: 'Install into a virtualenv (drop --system), or set PIP_BREAK_SYSTEM_PACKAGES=1 to install anyway.',
    });
  }
  for (const dir of new Set([scheme.purelib, scheme.platlib, scheme.scripts])) {
    if (!(await writable(dir))) {
      throw new VenvError('TARGET_NOT_WRITABLE', `${dir} is not writable, so nothing can be installed into ${a.executable}`, {
        hint: 'Use a virtualenv (drop --system), or run with permission to write there.',
      });
    }
  }
  await mkdir(scheme.purelib, { recursive: true });
  const root = commonAncestor([scheme.purelib, scheme.platlib, scheme.scripts, scheme.data]);
  return { kind: 'system', root, python: a.executable, interpreter, scheme, stagingRoot: scheme.purelib, isVirtualEnv, externallyManaged };
}

/**
 * Whether an environment is a plain-interpreter target.
 * @example if (isSystemEnvironment(env)) console.log('installing into', env.python);
 */
export function isSystemEnvironment(env: VirtualEnv): env is SystemEnvironment {
  return (env as Partial<SystemEnvironment>).kind === 'system';
}

/**
 * Where an install stages files and keeps its undo journal: the venv root, or a system target's
 * site-packages (so that the final moves are renames on one filesystem).
 * @example stagingRoot(await openVenv('.venv')) // '/p/.venv'
 */
export function stagingRoot(env: VirtualEnv): string {
  return isSystemEnvironment(env) ? env.stagingRoot : env.root;
}

/**
 * The interpreter `--system` means, as Pipenv finds it: the active virtualenv's (`VIRTUAL_ENV`), else
 * the first `python`, then `python3`, on PATH. Returns null when there is none.
 * @example await systemPython(process.env) // '/usr/bin/python3'
 */
export async function systemPython(env: NodeJS.ProcessEnv): Promise<string | null> {
  const win = process.platform === 'win32';
  if (env.VIRTUAL_ENV) {
    const p = win ? path.join(env.VIRTUAL_ENV, 'Scripts', 'python.exe') : path.join(env.VIRTUAL_ENV, 'bin', 'python');
    if (await executable(p)) return p;
  }
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  for (const name of win ? ['python.exe', 'python3.exe'] : ['python', 'python3']) {
    for (const d of dirs) {
      const p = path.join(d, name);
      if (await executable(p)) return p;
    }
  }
  return null;
}

async function executable(p: string): Promise<boolean> {
  try {
    await access(p, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
