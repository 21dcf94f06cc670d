// Shared by the end-to-end tests: a suite fixture (test-kit index, cache, env, temp projects), run the
// BUILT `pipgrub` binary in a temp project, hash files to prove no change, write Pipfiles for the index.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { startIndex, type IndexDescription, type StartedIndex, type StartIndexOptions } from '@pipgrub/test-kit';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(REPO_ROOT, 'packages/cli/bin/pipgrub.js');
export const DIST = join(REPO_ROOT, 'packages/cli/dist/index.js');

/** Why the built binary cannot be used, or `undefined` when it can. */
export function binaryProblem(): string | undefined {
  if (!existsSync(DIST)) return `packages/cli/dist/index.js is missing: build first (npx -y pnpm@10 run build)`;
  return undefined;
}

/** Whether a usable python3 is on PATH (venv creation needs one). */
export function hasPython(): boolean {
  return spawnSync('python3', ['-c', 'import venv'], { stdio: 'ignore' }).status === 0;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An environment without the developer's Pipenv/pip settings leaking in. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^(PIPENV_|PIPGRUB_|VIRTUAL_ENV|PIP_|WORKON_HOME|FORCE_COLOR|NO_COLOR)/.test(k)) continue;
    env[k] = v;
  }
  return { ...env, PIP_CONFIG_FILE: '/dev/null', NO_COLOR: '1', ...extra };
}

/** Run `node bin/pipgrub.js ...args` in `cwd`; never throws on a non-zero exit. */
export function pipgrub(args: string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: cleanEnv(options.env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** A fresh temp project folder holding `files`. */
export function tempProject(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipgrub-e2e-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A Pipfile whose only source is `simpleUrl`. */
export function pipfileFor(simpleUrl: string, packages: Record<string, string> = {}, extra = ''): string {
  const lines = ['[[source]]', `url = "${simpleUrl}"`, 'verify_ssl = false', 'name = "test"', '', '[packages]'];
  for (const [name, spec] of Object.entries(packages)) lines.push(`${name} = "${spec}"`);
  lines.push('', '[dev-packages]', '');
  return lines.join('\n') + extra;
}

/**
 * A digest of a file or a whole directory tree (names, sizes, contents), or `'absent'`; compared
 * before and after a failing command to prove nothing changed.
 */
export function treeHash(path: string): string {
  if (!existsSync(path)) return 'absent';
  const h = createHash('sha256');
  const walk = (p: string, rel: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      h.update(`d:${rel}\n`);
      for (const name of readdirSync(p).sort()) {
        if (name === '__pycache__') continue;
        walk(join(p, name), `${rel}/${name}`);
      }
    } else {
      h.update(`f:${rel}:${st.size}\n`);
      h.update(readFileSync(p));
    }
  };
  walk(path, '');
  return h.digest('hex');
}

/** Hashes of the project's Pipfile, Pipfile.lock and in-project venv. */
export function projectState(dir: string): Record<string, string> {
  return {
    Pipfile: treeHash(join(dir, 'Pipfile')),
    'Pipfile.lock': treeHash(join(dir, 'Pipfile.lock')),
    '.venv': treeHash(join(dir, '.venv')),
  };
}

/** What `e2eSuite` hands a describe block; every getter is valid from its `beforeAll` on. */
export interface E2eSuite {
  /** The served test-kit index. */
  readonly index: StartedIndex;
  /** A scratch folder of the suite (removed after it), holding `cache` and whatever tests put there. */
  readonly tmp: string;
  /** The pipgrub/XDG cache folder, `<tmp>/cache`, shared by the suite's commands. */
  readonly cache: string;
  /** `PIPENV_VENV_IN_PROJECT=1`, the cache variables, and the suite's extra variables. */
  readonly env: Record<string, string>;
  /** A fresh temp project folder holding `files`, removed after the suite. */
  project(files?: Record<string, string>): string;
}

/**
 * Registers the usual end-to-end fixture on the enclosing describe block: `beforeAll` starts a
 * test-kit index, makes a scratch folder with a cache in it and builds `env`; `afterAll` closes the
 * index and removes the scratch folder and every `project()` folder. `extraEnv` adds variables to
 * `env` (a function receives the scratch folder, e.g. to put `WORKON_HOME` inside it).
 *
 * @example
 * ```ts
 * describe('pipgrub install', () => {
 *   const suite = e2eSuite({ lib: { '1.0.0': {} } });
 *   it('locks lib', async () => {
 *     const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { lib: '*' }) });
 *     expect((await pipgrub(['lock'], { cwd: dir, env: suite.env })).code).toBe(0);
 *   });
 * });
 * ```
 */
export function e2eSuite(
  description: IndexDescription,
  options: StartIndexOptions = {},
  extraEnv: Record<string, string> | ((tmp: string) => Record<string, string>) = {},
): E2eSuite {
  let index: StartedIndex | undefined;
  let tmp: string | undefined;
  let env: Record<string, string> | undefined;
  const dirs: string[] = [];
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`e2eSuite: ${name} is only available inside the suite's tests (after its beforeAll)`);
    return value;
  };

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'pipgrub-e2e-suite-'));
    const cache = join(tmp, 'cache');
    mkdirSync(cache);
    env = { PIPENV_VENV_IN_PROJECT: '1', PIPGRUB_CACHE_DIR: cache, XDG_CACHE_HOME: cache, ...(typeof extraEnv === 'function' ? extraEnv(tmp) : extraEnv) };
    index = await startIndex(description, options);
  });
  afterAll(async () => {
    await index?.close();
    dirs.forEach(removeProject);
    if (tmp) removeProject(tmp);
  });

  return {
    get index() {
      return ready(index, 'index');
    },
    get tmp() {
      return ready(tmp, 'tmp');
    },
    get cache() {
      return join(ready(tmp, 'cache'), 'cache');
    },
    get env() {
      return ready(env, 'env');
    },
    project(files = {}) {
      const dir = tempProject(files);
      dirs.push(dir);
      return dir;
    },
  };
}
