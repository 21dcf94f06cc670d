// End-to-end: the Pipenv workflow with the BUILT `pipgrub` binary against a test-kit index over
// HTTP, in a temp project: install -> Pipfile edited, lock written, venv populated; run; graph;
// requirements; update one package while the others stay pinned; --deploy on a stale lock; clean;
// uninstall. Exit codes and file contents are asserted.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndex, type IndexDescription, type StartedIndex } from '@pipgrub/test-kit';
import { binaryProblem, hasPython, pipfileFor, pipgrub, projectState, removeProject, tempProject } from './e2e-harness';

const problem = binaryProblem() ?? (hasPython() ? undefined : 'python3 with the venv module is not on PATH');
if (problem) console.warn(`e2e-workflow: skipped: ${problem}`);

const INDEX: IndexDescription = {
  webapp: {
    '1.0.0': { requiresDist: ['helper>=1.0', 'colorlib; sys_platform == "win32"'], entryPoints: { console_scripts: { webapp: 'webapp:main' } } },
  },
  // sdists next to wheels: the lock lists both hashes; installs must verify the wheel against its own.
  helper: { '1.0.0': { sdist: true }, '1.1.0': { sdist: true } },
  clock: { '1.0.0': {}, '2.0.0': {} },
  colorlib: { '1.0.0': {} },
  devtool: { '0.9.0': { requiresDist: ['helper'] } },
};

/** The same index after new releases of helper and clock. */
const INDEX_LATER: IndexDescription = {
  ...INDEX,
  helper: { ...INDEX.helper, '1.2.0': {} },
  clock: { ...INDEX.clock, '2.1.0': {} },
};

function sitePackages(dir: string): string {
  const lib = join(dir, '.venv', 'lib');
  const py = readdirSync(lib).find((n) => n.startsWith('python'))!;
  return join(lib, py, 'site-packages');
}

function installed(dir: string): string[] {
  if (!existsSync(join(dir, '.venv'))) return [];
  return readdirSync(sitePackages(dir))
    .filter((n) => n.endsWith('.dist-info'))
    .map((n) => n.replace(/\.dist-info$/, ''))
    .sort();
}

function lockJson(dir: string): { default: Record<string, { version?: string; hashes?: string[] }>; develop: Record<string, { version?: string }>; _meta: { hash: { sha256: string } } } {
  return JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf8'));
}

describe.skipIf(problem !== undefined)('pipgrub binary: the Pipenv workflow', () => {
  let index: StartedIndex;
  let dir: string;
  let cache: string;
  let env: Record<string, string>;
  const run = (args: string[], extraEnv: Record<string, string> = {}, cwd = dir) => pipgrub(args, { cwd, env: { ...env, ...extraEnv } });

  beforeAll(async () => {
    index = await startIndex(INDEX);
    cache = mkdtempSync(join(tmpdir(), 'pipgrub-e2e-cache-'));
    env = { PIPENV_VENV_IN_PROJECT: '1', PIPGRUB_CACHE_DIR: cache, XDG_CACHE_HOME: cache };
    dir = tempProject({
      Pipfile: pipfileFor(index.simpleUrl, { clock: '*' }, '\n[scripts]\nhello = "python -c \'import webapp, helper; print(webapp.__version__, helper.__version__)\'"\n'),
      '.env': 'GREETING=from-dotenv\n',
    });
  });
  afterAll(async () => {
    await index?.close();
    if (dir) removeProject(dir);
    if (cache) removeProject(cache);
  });

  it('install PKG edits the Pipfile, writes the lock and populates the venv', async () => {
    const r = await run(['install', 'webapp']);
    expect(r.stderr).toMatch(/Installed \d+ packages/);
    expect(r.code).toBe(0);
    const pipfile = readFileSync(join(dir, 'Pipfile'), 'utf8');
    expect(pipfile).toContain('webapp = "*"');
    expect(pipfile).toContain('clock = "*"');
    expect(pipfile).toContain('[scripts]');
    const lock = lockJson(dir);
    expect(Object.keys(lock.default).sort()).toEqual(['clock', 'helper', 'webapp']);
    expect(lock.default.helper!.version).toBe('==1.1.0');
    expect(lock.default.clock!.version).toBe('==2.0.0');
    expect(lock.default.webapp!.hashes![0]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(installed(dir)).toEqual(['clock-2.0.0', 'helper-1.1.0', 'webapp-1.0.0']);
    expect(existsSync(join(dir, '.venv', 'bin', 'webapp'))).toBe(true);
  });

  it('verify accepts the fresh lock', async () => {
    expect((await run(['verify'])).code).toBe(0);
  });

  it('run executes a [scripts] entry and a console script inside the venv, with .env loaded', async () => {
    const hello = await run(['run', 'hello']);
    expect(hello).toMatchObject({ code: 0, stdout: '1.0.0 1.1.0\n' });
    const script = await run(['run', 'webapp']);
    expect(script).toMatchObject({ code: 0, stdout: 'webapp 1.0.0\n' });
    const dotenv = await run(['run', 'python', '-c', 'import os; print(os.environ["GREETING"])']);
    expect(dotenv.stdout).toBe('from-dotenv\n');
  });

  it('graph shows the tree, --reverse and --json', async () => {
    const tree = await run(['graph']);
    expect(tree.code).toBe(0);
    expect(tree.stdout).toContain('webapp==1.0.0\n  - helper [required: >=1.0, installed: 1.1.0]');
    expect(tree.stdout).toContain('clock==2.0.0');
    const reverse = await run(['graph', '--reverse']);
    expect(reverse.stdout).toContain('helper==1.1.0\n  - webapp==1.0.0 [requires: helper>=1.0]');
    const json = JSON.parse((await run(['graph', '--json'])).stdout) as Array<{ package: { key: string }; dependencies: Array<{ key: string }> }>;
    expect(json.find((n) => n.package.key === 'webapp')!.dependencies.map((d) => d.key)).toEqual(['helper']);
  });

  it('requirements exports the lock, with --hash on request', async () => {
    const plain = await run(['requirements']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain(`-i ${index.simpleUrl}`);
    expect(plain.stdout).toContain('helper==1.1.0');
    expect(plain.stdout).not.toContain('--hash');
    expect((await run(['requirements', '--hash'])).stdout).toMatch(/webapp==1\.0\.0 \\\n\s+--hash=sha256:[0-9a-f]{64}/);
  });

  it('pylock --generate writes a PEP 751 file that --validate accepts', async () => {
    const gen = await run(['pylock', '--generate']);
    expect(gen).toMatchObject({ code: 0, stderr: expect.stringContaining('Wrote pylock.toml') });
    const text = readFileSync(join(dir, 'pylock.toml'), 'utf8');
    expect(text).toContain('name = "webapp"');
    expect(text).toContain(index.url);
    expect((await run(['pylock', '--validate'])).code).toBe(0);
  });

  it('lock trusts index pages while their Cache-Control max-age holds (no request at all)', async () => {
    index.resetLog();
    expect((await run(['lock'])).code).toBe(0);
    expect(index.requests.map((r) => r.path)).toEqual([]);
  });

  it('update PKG moves only that package; the others keep their pins', async () => {
    index.rewrite(INDEX_LATER);
    index.resetLog();
    const r = await run(['update', 'helper']);
    expect(r.code).toBe(0);
    // update asks for the newest releases: it revalidates the pages max-age would still trust.
    expect(index.requests.some((q) => q.path.startsWith('/simple/helper'))).toBe(true);
    const lock = lockJson(dir);
    expect(lock.default.helper!.version).toBe('==1.2.0');
    expect(lock.default.clock!.version).toBe('==2.0.0'); // 2.1.0 exists now but was not asked for
    expect(installed(dir)).toContain('helper-1.2.0');
    expect(installed(dir)).toContain('clock-2.0.0');
  });

  it('install --deploy fails on a stale lock and changes nothing', async () => {
    writeFileSync(join(dir, 'Pipfile'), readFileSync(join(dir, 'Pipfile'), 'utf8').replace('[dev-packages]', '[dev-packages]\ndevtool = "*"'));
    const before = projectState(dir);
    const r = await run(['install', '--deploy']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is out of date with the Pipfile; aborting deploy.');
    expect(projectState(dir)).toEqual(before);
  });

  it('install --dev locks and installs dev packages; clean removes what the lock no longer lists', async () => {
    expect((await run(['install', '--dev'])).code).toBe(0);
    expect(lockJson(dir).develop.devtool!.version).toBe('==0.9.0');
    expect(installed(dir)).toContain('devtool-0.9.0');
    // Options from the environment, as Pipenv's PIPENV_<OPTION> (and PIPGRUB_<COMMAND>_<OPTION>).
    expect((await run(['requirements'])).stdout).not.toContain('devtool==');
    expect((await run(['requirements'], { PIPENV_DEV: '1' })).stdout).toContain('devtool==0.9.0');
    expect((await run(['requirements'], { PIPENV_DEV: '1', PIPGRUB_REQUIREMENTS_DEV: 'false' })).stdout).not.toContain('devtool==');
    // Drop devtool from the Pipfile and re-lock without syncing: it stays installed until `clean`.
    writeFileSync(join(dir, 'Pipfile'), readFileSync(join(dir, 'Pipfile'), 'utf8').replace('devtool = "*"\n', ''));
    expect((await run(['lock'])).code).toBe(0);
    expect(installed(dir)).toContain('devtool-0.9.0');
    const dry = await run(['clean', '--dry-run']);
    expect(dry.stdout).toBe('devtool\n');
    expect((await run(['clean'])).code).toBe(0);
    expect(installed(dir).some((n) => n.startsWith('devtool'))).toBe(false);
  });

  it('uninstall removes the package from the Pipfile, the lock and the venv', async () => {
    const r = await run(['uninstall', 'webapp']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).not.toContain('webapp = ');
    expect(Object.keys(lockJson(dir).default).sort()).toEqual(['clock']);
    expect(installed(dir).some((n) => n.startsWith('webapp') || n.startsWith('helper'))).toBe(false);
  });

  it('upgrade PKG re-locks without installing; --rm then sync rebuilds the venv from the lock', async () => {
    const up = await run(['upgrade', 'clock']);
    expect(up.code).toBe(0);
    expect(lockJson(dir).default.clock!.version).toBe('==2.1.0');
    expect(installed(dir)).toContain('clock-2.0.0'); // upgrade does not touch the venv
    expect((await run(['--rm'])).code).toBe(0);
    expect(existsSync(join(dir, '.venv'))).toBe(false);
    const synced = await run(['sync']);
    expect(synced.code).toBe(0);
    expect(installed(dir)).toEqual(['clock-2.1.0']);
    expect((await run(['--venv'])).stdout).toBe(`${join(dir, '.venv')}\n`);
  });

  it('lock --json prints the pins', async () => {
    const r = await run(['lock', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ packages: 1, sections: { default: { clock: '2.1.0' } } });
  });
});
