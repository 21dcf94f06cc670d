// Asking an interpreter about itself: one Python subprocess per interpreter, its answer cached on
// disk keyed by the interpreter's path, size and mtime so later runs start no Python at all.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VenvError, describe } from '../errors';
import { QUERY_SCRIPT } from './query-script';
import { defaultCacheDir } from '../cache/dirs';
import { childProcess } from '../child-process';

/** PEP 508 marker environment of an interpreter. */
export interface MarkerEnvironment {
  implementation_name: string;
  implementation_version: string;
  os_name: string;
  platform_machine: string;
  platform_python_implementation: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  python_full_version: string;
  python_version: string;
  sys_platform: string;
}

/** sysconfig install paths of a virtual environment, relative to its root (`/`-separated). */
export interface SchemePaths {
  purelib: string;
  platlib: string;
  scripts: string;
  include: string;
  data: string;
}

/** Everything pipgrub needs to know about one Python interpreter. */
export interface InterpreterInfo {
  /** The path it was queried through (as given, absolute). */
  path: string;
  executable: string;
  /** The interpreter a venv should point at (`sys._base_executable`). */
  baseExecutable: string;
  prefix: string;
  basePrefix: string;
  /** `[major, minor, micro]`. */
  version: [number, number, number];
  releaseLevel: string;
  /** `cpython`, `pypy`, ... */
  implementation: string;
  pointerBits: number;
  stdlib: string;
  /** Layout of a venv made from this interpreter, relative to the venv root. */
  scheme: SchemePaths;
  platform: string;
  soabi: string | null;
  extSuffix: string | null;
  gilDisabled: boolean;
  debug: boolean;
  /** `glibc 2.36` or null. */
  glibc: string | null;
  markers: MarkerEnvironment;
}

/** Options of {@link queryInterpreter}. */
export interface QueryOptions {
  /** Cache directory root (default: the user cache dir); `false` disables the on-disk cache. */
  cacheDir?: string | false;
  /** Milliseconds before the query is abandoned (default 20 s). */
  timeoutMs?: number;
}

const memo = new Map<string, Promise<InterpreterInfo>>();

/**
 * Query an interpreter once and cache the answer (in memory and on disk).
 * @example
 * const py = await queryInterpreter('/usr/bin/python3');
 * console.log(py.version.join('.'), py.markers.sys_platform);
 */
export async function queryInterpreter(pythonPath: string, options: QueryOptions = {}): Promise<InterpreterInfo> {
  const abs = path.resolve(pythonPath);
  let st;
  try {
    st = statSync(abs);
  } catch (e) {
    throw new VenvError('PYTHON_NOT_FOUND', `Python interpreter ${abs} does not exist`, { cause: e, hint: 'Check the path or run `pipgrub --python <version>`.' });
  }
  const key = createHash('sha256').update(`${abs}\0${st.size}\0${st.mtimeMs}\0${st.ino}`).digest('hex').slice(0, 32);
  const memoKey = `${key}\0${options.cacheDir === false ? '' : (options.cacheDir ?? '')}`;
  const cached = memo.get(memoKey);
  if (cached) return cached;
  const job = queryUncached(abs, key, options);
  memo.set(memoKey, job);
  job.catch(() => memo.delete(memoKey));
  return job;
}

async function queryUncached(abs: string, key: string, options: QueryOptions): Promise<InterpreterInfo> {
  const dir = options.cacheDir === false ? null : path.join(options.cacheDir ?? defaultCacheDir(), 'interpreters');
  const file = dir ? path.join(dir, `${key}.json`) : null;
  if (file) {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as InterpreterInfo;
    } catch {
      // not cached yet (or unreadable): ask the interpreter
    }
  }
  const raw = await runQuery(abs, options.timeoutMs ?? 20_000);
  const info = { path: abs, ...raw } as InterpreterInfo;
  if (dir && file) {
    try {
      await mkdir(dir, { recursive: true });
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
      await writeFile(tmp, JSON.stringify(info));
      await rename(tmp, file);
    } catch {
      // a read-only cache is not an error
    }
  }
  return info;
}

async function runQuery(abs: string, timeoutMs: number): Promise<Omit<InterpreterInfo, 'path'>> {
  // Loaded here: a run that finds every answer in the cache never starts a process.
  const { execFile } = await childProcess();
  return new Promise((resolve, reject) => {
    // -E -s: ignore PYTHON* variables and user site; -S would hide sysconfig customisations we need.
    execFile(abs, ['-E', '-s', '-c', QUERY_SCRIPT], { timeout: timeoutMs, maxBuffer: 4 << 20, env: { ...process.env, PYTHONIOENCODING: 'utf-8' } }, (err, stdout, stderr) => {
      if (err) {
        reject(new VenvError('PYTHON_QUERY_FAILED', `Could not query Python interpreter ${abs}: ${firstLine(stderr) || describe(err)}`, { cause: err, hint: 'Is it a working Python (2.7 or 3.x)?' }));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as Omit<InterpreterInfo, 'path'>);
      } catch (e) {
        reject(new VenvError('PYTHON_QUERY_FAILED', `Python interpreter ${abs} printed something that is not JSON: ${firstLine(stdout)}`, { cause: e }));
      }
    });
  });
}

function firstLine(s: string): string {
  const lines = s.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}

/**
 * The interpreter's version as text (`a`/`b`/`rc` marks pre-releases).
 * @example versionString(py) // '3.11.7'
 */
export function versionString(info: InterpreterInfo): string {
  const [a, b, c] = info.version;
  const pre = info.releaseLevel === 'final' ? '' : info.releaseLevel === 'candidate' ? 'rc' : info.releaseLevel.slice(0, 1);
  return `${a}.${b}.${c}${pre}`;
}
