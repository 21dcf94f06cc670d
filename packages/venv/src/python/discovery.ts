// Finding Python interpreters: PATH, pyenv, asdf, standard install locations and the Windows `py`
// launcher; candidates are ordered, de-duplicated and only queried when their name could match.
import { access, constants, readdir, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VenvError, isVenvError } from '../errors';
import { queryInterpreter, versionString, type InterpreterInfo, type QueryOptions } from './interpreter';
import { parsePythonRequest, requestMatches, requestMayMatch, type PythonRequest } from './request';
import { childProcess } from '../child-process';

/** Where a candidate interpreter was found. */
export type PythonSource = 'path' | 'pyenv' | 'asdf' | 'standard' | 'py-launcher';

/** A candidate executable, not yet queried. */
export interface PythonCandidate {
  path: string;
  source: PythonSource;
  /** Version known from the file or directory name (`python3.11` -> `[3, 11]`), possibly empty. */
  versionHint: number[];
}

/** Options of {@link findPythons} and {@link findPython}. */
export interface DiscoveryOptions extends QueryOptions {
  env?: NodeJS.ProcessEnv;
  /** Sources to search, in order (default: all). */
  sources?: PythonSource[];
}

const IS_WIN = process.platform === 'win32';
const EXE_NAME = IS_WIN ? /^python(\d(\.\d+)?)?\.exe$/i : /^python(\d(\.\d+)?)?$/;

function hintFromName(name: string): number[] {
  const m = /(\d+(?:\.\d+)*)/.exec(name);
  return m ? m[1]!.split('.').map(Number) : [];
}

async function isExecutable(p: string): Promise<boolean> {
  try {
    await access(p, IS_WIN ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

async function scanBinDir(dir: string, source: PythonSource, out: PythonCandidate[]): Promise<void> {
  // Most specific names first, so `python3.12` is tried before a `python3` pointing elsewhere.
  const names = (await listDir(dir)).filter((n) => EXE_NAME.test(n)).sort((a, b) => b.length - a.length || b.localeCompare(a, 'en', { numeric: true }));
  for (const n of names) {
    const p = path.join(dir, n);
    if (await isExecutable(p)) out.push({ path: p, source, versionHint: hintFromName(n) });
  }
}

async function scanVersionsDir(root: string, source: PythonSource, out: PythonCandidate[]): Promise<void> {
  const versions = (await listDir(root)).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  for (const v of versions) {
    const bin = IS_WIN ? path.join(root, v) : path.join(root, v, 'bin');
    for (const exe of IS_WIN ? ['python.exe'] : ['python3', 'python']) {
      const p = path.join(bin, exe);
      if (await isExecutable(p)) {
        const hint = /^\d+(\.\d+)*$/.test(v) ? v.split('.').map(Number) : hintFromName(v);
        out.push({ path: p, source, versionHint: /pypy|graal/i.test(v) ? [] : hint });
        break;
      }
    }
  }
}

async function pyLauncher(out: PythonCandidate[]): Promise<void> {
  if (!IS_WIN) return;
  const { execFile } = await childProcess();
  const text = await new Promise<string>((resolve) => execFile('py', ['-0p'], { timeout: 10_000 }, (err, stdout) => resolve(err ? '' : stdout)));
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*-V?:?(\d+(?:\.\d+)*)\S*\s+\*?\s*(.+\.exe)\s*$/i.exec(line);
    if (m) out.push({ path: m[2]!.trim(), source: 'py-launcher', versionHint: m[1]!.split('.').map(Number) });
  }
}

/**
 * List candidate interpreters in search order without starting any of them.
 * @example for (const c of await listPythonCandidates()) console.log(c.source, c.path);
 */
export async function listPythonCandidates(options: DiscoveryOptions = {}): Promise<PythonCandidate[]> {
  const env = options.env ?? process.env;
  const home = env.HOME ?? os.homedir();
  const sources = options.sources ?? ['path', 'pyenv', 'asdf', 'standard', 'py-launcher'];
  const raw: PythonCandidate[] = [];
  for (const source of sources) {
    if (source === 'path') {
      for (const dir of (env.PATH ?? '').split(path.delimiter)) {
        // pyenv shims are shell scripts that re-dispatch; pyenv's real interpreters are found below.
        if (!dir || /[\\/]\.?pyenv[\\/]shims[\\/]?$/.test(dir)) continue;
        await scanBinDir(dir, 'path', raw);
      }
    } else if (source === 'pyenv') {
      await scanVersionsDir(path.join(env.PYENV_ROOT ?? path.join(home, '.pyenv'), 'versions'), 'pyenv', raw);
    } else if (source === 'asdf') {
      await scanVersionsDir(path.join(env.ASDF_DATA_DIR ?? path.join(home, '.asdf'), 'installs', 'python'), 'asdf', raw);
    } else if (source === 'standard') {
      const dirs = IS_WIN ? [] : ['/usr/local/bin', '/usr/bin', '/opt/homebrew/bin', '/opt/local/bin'];
      for (const d of dirs) await scanBinDir(d, 'standard', raw);
    } else if (source === 'py-launcher') {
      await pyLauncher(raw);
    }
  }
  // De-duplicate by real path, keeping the first (highest-priority) name.
  const seen = new Set<string>();
  const out: PythonCandidate[] = [];
  for (const c of raw) {
    let real: string;
    try {
      real = await realpath(c.path);
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(c);
  }
  return out;
}

/**
 * Query every discoverable interpreter (cached) and return those that work.
 * @example const all = await findPythons(); all.map((p) => p.version.join('.'))
 */
export async function findPythons(options: DiscoveryOptions = {}): Promise<InterpreterInfo[]> {
  const out: InterpreterInfo[] = [];
  for (const c of await listPythonCandidates(options)) {
    try {
      out.push(await queryInterpreter(c.path, options));
    } catch {
      // broken interpreters are skipped
    }
  }
  return out;
}

/**
 * Find the first interpreter satisfying a request, querying only plausible candidates.
 * @example
 * const py = await findPython('>=3.10');          // first matching on PATH, then pyenv, ...
 * const exact = await findPython('/usr/bin/python3');
 */
export async function findPython(request: string | PythonRequest = { kind: 'any' }, options: DiscoveryOptions = {}): Promise<InterpreterInfo> {
  const req = typeof request === 'string' ? parsePythonRequest(request) : request;
  if (req.kind === 'path') {
    const p = req.path.startsWith('~') ? path.join(os.homedir(), req.path.slice(1)) : req.path;
    return queryInterpreter(p, options);
  }
  const text = req.kind === 'version' ? req.text : 'any';
  for (const c of await listPythonCandidates(options)) {
    if (!requestMayMatch(req, c.versionHint)) continue;
    let info: InterpreterInfo;
    try {
      info = await queryInterpreter(c.path, options);
    } catch (e) {
      if (isVenvError(e)) continue;
      throw e;
    }
    if (requestMatches(req, info.version, info.implementation)) return info;
  }
  throw new VenvError('PYTHON_NOT_FOUND', `No Python interpreter matching '${text}' was found`, {
    hint: 'Install it (e.g. `pyenv install 3.12`) or pass a path with --python.',
  });
}

export { versionString };
