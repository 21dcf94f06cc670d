// Tests of the build frontend: [build-system] parsing, the hook runner protocol (ok / unsupported /
// failing hook / missing backend), and ProjectBuilder metadata + wheel + editable builds in-tree.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetEnvironment } from '@pipgrub/core-resolver';
import type { InterpreterInfo } from '../python/interpreter';
import { pickPythons } from '../testing/support';
import { BuildError, HookCaller, isBuildError } from './hooks';
import { DEFAULT_BUILD_SYSTEM, parseBuildSystem, readBuildSystem } from './pyproject';
import { ProjectBuilder } from './frontend';
import { localProjectSpec, directUrlOf, LocalProjects } from './local-project';
import { hasGit, writeSimpleProject } from './testing-backend';

const exec = promisify(execFile);

describe('parseBuildSystem', () => {
  it.each([
    ['no table -> legacy setuptools default', '[project]\nname = "x"\n', DEFAULT_BUILD_SYSTEM],
    ['table without backend -> legacy backend', '[build-system]\nrequires = ["setuptools"]\n', { requires: ['setuptools'], backend: 'setuptools.build_meta:__legacy__', backendPath: [], origin: 'pyproject' }],
    ['in-tree backend', '[build-system]\nrequires = []\nbuild-backend = "be:obj"\nbackend-path = ["_b"]\n', { requires: [], backend: 'be:obj', backendPath: ['_b'], origin: 'pyproject' }],
  ])('%s', (_, text, want) => {
    expect(parseBuildSystem(text)).toEqual(want);
  });

  it.each([
    ['[build-system]\nbuild-backend = "x"\n', 'requires is missing'],
    ['[build-system]\nrequires = "setuptools"\n', 'requires must be an array of strings'],
    ['[build-system]\nrequires = []\nbuild-backend = "not valid!"\n', 'build-backend must be'],
    ['[build-system]\nrequires = []\nbackend-path = ["../out"]\n', 'must be a path inside the project'],
    ['[build-system\n', 'invalid TOML'],
  ])('refuses %j', (text, message) => {
    expect(() => parseBuildSystem(text, 'p/pyproject.toml')).toThrow(message);
  });

  it('a folder with neither pyproject.toml nor setup.py is not a project', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-bs-'));
    await expect(readBuildSystem(dir)).rejects.toMatchObject({ code: 'LOCAL_PROJECT_INVALID' });
    await writeFile(path.join(dir, 'setup.py'), '');
    await expect(readBuildSystem(dir)).resolves.toMatchObject({ origin: 'default' });
    await rm(dir, { recursive: true });
  });
});

describe('localProjectSpec / directUrlOf', () => {
  it.each([
    [{ editable: true, path: '.' }, { kind: 'path', dir: '/w/app', editable: true }],
    [{ path: './libs/x' }, { kind: 'path', dir: '/w/app/libs/x', editable: false }],
    [{ file: 'dist/x-1.0-py3-none-any.whl' }, { kind: 'file', location: '/w/app/dist/x-1.0-py3-none-any.whl' }],
    [{ path: 'dist/x-1.0.tar.gz' }, { kind: 'file', location: '/w/app/dist/x-1.0.tar.gz' }],
    [{ file: 'https://h/x-1.0.tar.gz' }, { kind: 'file', location: 'https://h/x-1.0.tar.gz' }],
    [{ git: 'https://h/r.git', ref: 'v1', subdirectory: 'sub' }, { kind: 'git', url: 'https://h/r.git', ref: 'v1', subdirectory: 'sub', editable: false }],
  ])('%j', (entry, want) => {
    expect(localProjectSpec('x', entry, '/w/app')).toEqual(want);
  });

  it('refuses hg, svn and bzr naming the entry', () => {
    expect(() => localProjectSpec('mylib', { hg: 'https://h/r' }, '/w')).toThrow(/mylib: hg repositories are not supported/);
  });

  it('writes PEP 610 data for each kind', () => {
    expect(directUrlOf({ kind: 'path', dir: '/w/p', editable: true })).toEqual({ url: 'file:///w/p', dir_info: { editable: true } });
    expect(directUrlOf({ kind: 'git', url: 'file:///r', ref: 'v1', editable: false }, { commit: 'a'.repeat(40) })).toEqual({
      url: 'file:///r', vcs_info: { vcs: 'git', commit_id: 'a'.repeat(40), requested_revision: 'v1' },
    });
  });
});

describe('hooks and ProjectBuilder (real Python)', () => {
  let py: InterpreterInfo;
  let root: string;
  beforeAll(async () => {
    py = (await pickPythons(1))[0]!;
    root = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-build-test-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('runs hooks: ok, unsupported, and the list of supported hooks', async () => {
    const dir = path.join(root, 'proto');
    await writeSimpleProject(dir, { name: 'proto', version: '1.0', noPrepare: true });
    const hooks = new HookCaller({ python: py.executable, sourceDir: dir, backend: 'simple_backend', backendPath: ['_backend'] });
    expect(await hooks.call('get_requires_for_build_wheel', { config_settings: null })).toMatchObject({ kind: 'ok', value: [] });
    expect(await hooks.call('prepare_metadata_for_build_wheel', { metadata_directory: dir })).toMatchObject({ kind: 'unsupported' });
    expect(await hooks.has('build_editable')).toBe(true);
    expect(await hooks.has('prepare_metadata_for_build_editable')).toBe(false);
  });

  it('a failing hook is a BuildError naming the project and the hook, with the log tail in the hint', async () => {
    const dir = path.join(root, 'failing');
    await writeSimpleProject(dir, { name: 'failing', version: '1.0', fail: 'build_wheel' });
    const hooks = new HookCaller({ python: py.executable, sourceDir: dir, backend: 'simple_backend', backendPath: ['_backend'], project: 'failing' });
    const e = await hooks.call('build_wheel', { wheel_directory: dir }).catch((x: unknown) => x);
    expect(isBuildError(e)).toBe(true);
    const b = e as BuildError;
    expect(b.message).toBe('Building failing failed in build_wheel: RuntimeError: simple_backend: build_wheel failed on purpose');
    expect(b.message).not.toContain('\n');
    expect(b.hint).toContain('compiling the flux capacitor');
    expect(b.log).toContain('Traceback');
  });

  it('an aborted call kills the hook process (Ctrl-C)', async () => {
    const dir = path.join(root, 'slow');
    await mkdir(path.join(dir, '_b'), { recursive: true });
    await writeFile(path.join(dir, '_b', 'slow_backend.py'), 'import time\ndef build_wheel(wheel_directory, config_settings=None, metadata_directory=None):\n    time.sleep(60)\n');
    const controller = new AbortController();
    const hooks = new HookCaller({ python: py.executable, sourceDir: dir, backend: 'slow_backend', backendPath: ['_b'], signal: controller.signal });
    const started = Date.now();
    setTimeout(() => controller.abort(), 300);
    await expect(hooks.call('build_wheel', { wheel_directory: dir })).rejects.toMatchObject({ code: 'BUILD_FAILED' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a backend that cannot be imported, and an in-tree backend found outside backend-path', async () => {
    const dir = path.join(root, 'nobackend');
    await mkdir(dir, { recursive: true });
    const missing = new HookCaller({ python: py.executable, sourceDir: dir, backend: 'no_such_backend_xyz' });
    await expect(missing.call('build_wheel', {})).rejects.toThrow(/cannot import the build backend no_such_backend_xyz/);
    const outside = new HookCaller({ python: py.executable, sourceDir: dir, backend: 'json', backendPath: ['.'] });
    await expect(outside.call('build_wheel', {})).rejects.toThrow(/not from backend-path/);
  });

  it.skipIf(!hasGit)('git: resolves a tag to its commit, honours subdirectory, caches the built wheel by commit', async () => {
    const repo = path.join(root, 'repo');
    await writeSimpleProject(path.join(repo, 'sub'), { name: 'in-sub', version: '3.1', files: { 'in_sub/__init__.py': '' } });
    const g = (...args: string[]) => exec('git', args, { cwd: repo, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).then((r) => r.stdout.trim());
    await g('init', '-q');
    await g('add', '.');
    await g('commit', '-q', '-m', 'one');
    await g('tag', 'v3');
    const commit = await g('rev-parse', 'HEAD');
    const cacheDir = path.join(root, 'cache');
    const environment = targetEnvironment({ python: `${py.version[0]}.${py.version[1]}` });
    const spec = { kind: 'git' as const, url: `file://${repo}`, ref: 'v3', subdirectory: 'sub', editable: false };
    const projects = new LocalProjects({ interpreter: py, environment, cacheDir });
    try {
      const p = await projects.prepare('in-sub', spec);
      expect(p.commit).toBe(commit);
      expect(p.metadata.version).toBe('3.1');
      const [key] = await readdir(path.join(cacheDir, 'built-wheels'));
      expect(key).toMatch(new RegExp(`^git-${commit}-[0-9a-f]{12}$`));
      expect(existsSync(path.join(cacheDir, 'built-wheels', key!, 'in_sub-3.1-py3-none-any.whl'))).toBe(true);
      const missing = await projects.prepare('in-sub', { ...spec, ref: 'no-such-tag' }).catch((e: unknown) => e);
      expect(String(missing)).toMatch(/has no branch, tag or commit "no-such-tag"/);
    } finally {
      await projects.close();
    }
  });

  it('builds metadata, a wheel and an editable wheel; falls back to a wheel for metadata', async () => {
    const environment = targetEnvironment({ python: `${py.version[0]}.${py.version[1]}` });
    for (const noPrepare of [false, true]) {
      const dir = path.join(root, `proj-${noPrepare}`);
      await writeSimpleProject(dir, { name: 'hello-local', version: '2.0', requires: ['six>=1'], noPrepare });
      const b = await ProjectBuilder.open(dir, { interpreter: py, environment });
      try {
        expect(await b.metadata('editable')).toEqual({ name: 'hello-local', version: '2.0', requiresDist: ['six>=1'], providesExtra: [] });
        const whl = await b.build('editable', path.join(root, `out-${noPrepare}`));
        expect(path.basename(whl)).toBe('hello_local-2.0-py3-none-any.whl');
        const { stdout } = await exec(py.executable, ['-c', `import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read('__editable__.hello_local-2.0.pth').decode())`, whl]);
        expect(stdout.trim()).toBe(path.join(dir, 'src'));
        const plain = await b.build('wheel', path.join(root, `plain-${noPrepare}`));
        expect(await readFile(plain)).toBeTruthy();
      } finally {
        await b.close();
      }
    }
  });
});
