// Helpers for this package's real-interpreter tests and benchmarks (not part of the public API):
// picking installed Pythons, running commands, and hashing a directory tree to prove it unchanged.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { findPythons } from '../python/discovery';
import type { InterpreterInfo } from '../python/interpreter';

/** Up to `n` interpreters >= 3.8 with distinct minor versions, newest first. */
export async function pickPythons(n: number, cacheDir?: string): Promise<InterpreterInfo[]> {
  const all = await findPythons(cacheDir ? { cacheDir } : {});
  const byMinor = new Map<string, InterpreterInfo>();
  for (const p of all) {
    if (p.implementation !== 'cpython' || p.version[0] !== 3 || p.version[1] < 8) continue;
    const k = `${p.version[0]}.${p.version[1]}`;
    if (!byMinor.has(k)) byMinor.set(k, p);
  }
  return [...byMinor.values()].sort((a, b) => b.version[1] - a.version[1]).slice(0, n);
}

/** Result of {@link run}. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a command, never throwing on a non-zero exit. */
export function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env: options.env ?? process.env, cwd: options.cwd, timeout: options.timeoutMs ?? 120_000, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Environment for running pip in tests: no user/global config, no version check, no index. */
export function pipEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  for (const k of Object.keys(env)) if (k.startsWith('PIP_') && !['PIP_CONFIG_FILE', 'PIP_DISABLE_PIP_VERSION_CHECK', 'PIP_NO_INPUT'].includes(k)) delete env[k];
  delete env.VIRTUAL_ENV;
  delete env.PYTHONPATH;
  return env;
}

/**
 * Every entry under `root` as relative path -> description (file: mode + sha256; symlink: target;
 * dir: mode). `skip(rel)` leaves entries (and whole directories) out.
 */
export async function snapshotTree(root: string, skip: (rel: string) => boolean = () => false): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      if (skip(rel)) continue;
      const st = await lstat(abs);
      if (st.isSymbolicLink()) out.set(rel, `link ${await readlink(abs)}`);
      else if (st.isDirectory()) {
        out.set(rel, `dir ${(st.mode & 0o7777).toString(8)}`);
        await walk(abs);
      } else out.set(rel, `file ${(st.mode & 0o7777).toString(8)} ${createHash('sha256').update(await readFile(abs)).digest('hex')}`);
    }
  };
  await walk(root);
  return out;
}

/** Differences between two snapshots, as readable lines (empty when equal). */
export function diffSnapshots(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (!b.has(k)) out.push(`only in first: ${k}`);
  else if (b.get(k) !== v) out.push(`differs: ${k}: ${v} != ${b.get(k)}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`only in second: ${k}`);
  return out;
}
