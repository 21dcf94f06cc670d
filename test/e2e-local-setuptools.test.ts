// End-to-end: local projects built with a real backend — setuptools (the wheel bundled with CPython
// 3.11's ensurepip, plus `wheel`) served from a kit index as build requirements: a non-editable path
// and an sdist `file` entry, whose built wheel is cached by the archive's sha256.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryProblem, e2eSuite, hasPython, pipfileFor, pipgrub } from './e2e-harness';

const pyenv = join(homedir(), '.pyenv/versions');
const v311 = existsSync(pyenv) ? readdirSync(pyenv).filter((v) => /^3\.11\.\d+$/.test(v)).map((v) => join(pyenv, v)) : [];
const firstExisting = (paths: string[]) => paths.find((p) => existsSync(p));
const setuptoolsWheel = firstExisting(v311.map((d) => join(d, 'lib/python3.11/ensurepip/_bundled/setuptools-65.5.0-py3-none-any.whl')));
const wheelWheel = ['/usr/share/python-wheels']
  .flatMap((d) => (existsSync(d) ? readdirSync(d).filter((f) => /^wheel-[\d.]+-py3-none-any\.whl$/.test(f)).map((f) => join(d, f)) : []))[0];
const python311 = firstExisting(v311.map((d) => join(d, 'bin/python3.11')));
const problem =
  binaryProblem() ??
  (hasPython() ? undefined : 'python3 with the venv module is not on PATH') ??
  (setuptoolsWheel ? undefined : 'the setuptools wheel bundled with CPython 3.11 (ensurepip/_bundled) is absent') ??
  (wheelWheel ? undefined : 'no wheel-*.whl of the `wheel` project on this machine (/usr/share/python-wheels)') ??
  (python311 ? undefined : 'no pyenv CPython 3.11');
if (problem) console.warn(`e2e-local-setuptools: skipped: ${problem}`);

const PYPROJECT = `[build-system]
requires = ["setuptools>=40.8.0"]
build-backend = "setuptools.build_meta"

[project]
name = "st-proj"
version = "0.2.0"
dependencies = ["lib<2"]

[tool.setuptools]
packages = ["st_proj"]
`;

function writeProject(dir: string): void {
  mkdirSync(join(dir, 'st_proj'), { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), PYPROJECT);
  writeFileSync(join(dir, 'st_proj/__init__.py'), 'WHO = "setuptools"\n');
}

describe.skipIf(problem !== undefined)('pipgrub binary: setuptools-built local projects', () => {
  const suite = e2eSuite({ lib: { '1.0.0': {}, '2.0.0': {} } }, { indexOptions: { existingFiles: [setuptoolsWheel!, wheelWheel!] } });

  it('install ./stproj (non-editable path): built with setuptools from the index, locked as {"path": ...}', async () => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, {}, '[requires]\npython_version = "3.11"\n') });
    writeProject(join(dir, 'stproj'));
    const r = await pipgrub(['install', './stproj', '--python', python311!], { cwd: dir, env: suite.env, timeoutMs: 240_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).toContain('st-proj = {path = "./stproj"}');
    const lock = JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf8'));
    expect(lock.default['st-proj']).toEqual({ path: './stproj' });
    expect(lock.default.lib.version).toBe('==1.0.0');
    const run = await pipgrub(['run', 'python', '-c', 'import st_proj, lib; print(st_proj.WHO)'], { cwd: dir, env: suite.env });
    expect(run.stdout.trim()).toBe('setuptools');
  }, 300_000);

  it('install ./dist/st-proj-0.2.0.tar.gz (file): hashes in the lock, the built wheel cached by sha256', async () => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, {}, '[requires]\npython_version = "3.11"\n') });
    const staging = join(dir, 'staging');
    writeProject(join(staging, 'st_proj-0.2.0'));
    mkdirSync(join(dir, 'dist'));
    execFileSync('tar', ['czf', join(dir, 'dist/st_proj-0.2.0.tar.gz'), '-C', staging, 'st_proj-0.2.0']);
    rmSync(staging, { recursive: true });
    const sha = execFileSync('sha256sum', [join(dir, 'dist/st_proj-0.2.0.tar.gz')], { encoding: 'utf8' }).split(' ')[0];
    const r = await pipgrub(['install', './dist/st_proj-0.2.0.tar.gz', '--python', python311!], { cwd: dir, env: suite.env, timeoutMs: 240_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).toContain('st-proj = {file = "./dist/st_proj-0.2.0.tar.gz"}');
    const lock = JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf8'));
    expect(lock.default['st-proj']).toEqual({ file: './dist/st_proj-0.2.0.tar.gz', hashes: [`sha256:${sha}`] });
    expect(existsSync(join(suite.cache, 'built-wheels', `sha256-${sha}`, 'st_proj-0.2.0-py3-none-any.whl'))).toBe(true);
    // A fresh venv from the lock: the cached wheel is installed, nothing is built (no build requirement is fetched).
    rmSync(join(dir, '.venv'), { recursive: true });
    const before = suite.index.requests?.length ?? 0;
    const s = await pipgrub(['sync'], { cwd: dir, env: suite.env, timeoutMs: 240_000 });
    expect(s.code, s.stderr).toBe(0);
    const fetched = (suite.index.requests ?? []).slice(before).map((q) => q.path);
    expect(fetched.filter((p) => /setuptools|wheel-0/.test(p))).toEqual([]);
    const run = await pipgrub(['run', 'python', '-c', 'import st_proj; print(st_proj.WHO)'], { cwd: dir, env: suite.env });
    expect(run.stdout.trim()).toBe('setuptools');
  }, 300_000);
});
