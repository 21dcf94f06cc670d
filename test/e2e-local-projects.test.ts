// End-to-end: local projects with the BUILT binary — `install -e PATH` of an in-tree-backend project
// (editable for real), a git repository pinned by commit, and a failing build that changes nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasGit, writeSimpleProject } from '../packages/venv/src/build/testing-backend';
import { binaryProblem, e2eSuite, hasPython, pipfileFor, pipgrub, projectState } from './e2e-harness';

const problem = binaryProblem() ?? (hasPython() ? undefined : 'python3 with the venv module is not on PATH');
if (problem) console.warn(`e2e-local-projects: skipped: ${problem}`);
if (!problem && !hasGit) console.warn('e2e-local-projects: git is not installed: skipping the git case');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } }).trim();
}

describe.skipIf(problem !== undefined)('pipgrub binary: local projects (PEP 517/660 builds)', () => {
  const suite = e2eSuite({ lib: { '1.0.0': {}, '2.0.0': {} }, other: { '1.0.0': {} } });

  it('install -e ./mylib: Pipfile and lock entries as Pipenv writes them, importable, editable for real', async () => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl) });
    await writeSimpleProject(join(dir, 'mylib'), { name: 'hello-local', version: '0.1.0', requires: ['lib<2'], files: { 'hello_local/__init__.py': 'GREETING = "hi"\n' } });
    const r = await pipgrub(['install', '-e', './mylib'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).toContain('[packages]\nhello-local = {editable = true, path = "./mylib"}\n');
    const lock = readFileSync(join(dir, 'Pipfile.lock'), 'utf8');
    expect(lock).toContain('"hello-local": {\n            "editable": true,\n            "path": "./mylib"\n        },');
    expect(JSON.parse(lock).default.lib.version).toBe('==1.0.0');
    const run1 = await pipgrub(['run', 'python', '-c', 'import hello_local, lib; print(hello_local.GREETING)'], { cwd: dir, env: suite.env });
    expect(run1.code, run1.stderr).toBe(0);
    expect(run1.stdout.trim()).toBe('hi');
    // Editable: a source change is visible without reinstalling.
    writeFileSync(join(dir, 'mylib/src/hello_local/__init__.py'), 'GREETING = "changed"\n');
    const run2 = await pipgrub(['run', 'python', '-c', 'import hello_local; print(hello_local.GREETING)'], { cwd: dir, env: suite.env });
    expect(run2.stdout.trim()).toBe('changed');
    // A second sync of an unchanged project keeps the editable install.
    const again = await pipgrub(['sync'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout + again.stderr).toMatch(/0 installed/);
    // requirements export: `-e ./mylib`.
    const req = await pipgrub(['requirements'], { cwd: dir, env: suite.env });
    expect(req.stdout).toContain('-e ./mylib\n');
    // The project's dependencies change: lock picks them up, sync reinstalls the editable project.
    const projectJson = join(dir, 'mylib/project.json');
    writeFileSync(projectJson, readFileSync(projectJson, 'utf8').replace('["lib<2"]', '["lib<2", "other"]'));
    const relock = await pipgrub(['lock'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(relock.code, relock.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).default.other.version).toBe('==1.0.0');
    const resync = await pipgrub(['sync'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(resync.code, resync.stderr).toBe(0);
    expect(resync.stdout + resync.stderr).toMatch(/1 installed, 1 changed version/);
    // The other commands cope with the entry.
    for (const args of [['graph'], ['graph', '--json'], ['verify'], ['clean'], ['update'], ['pylock', '--generate']]) {
      const c = await pipgrub(args, { cwd: dir, env: suite.env, timeoutMs: 120_000 });
      expect(c.code, `${args.join(' ')}: ${c.stderr}`).toBe(0);
      if (args[0] === 'graph') expect(c.stdout).toContain('hello-local');
    }
    const still = await pipgrub(['run', 'python', '-c', 'import hello_local; print(hello_local.GREETING)'], { cwd: dir, env: suite.env });
    expect(still.stdout.trim()).toBe('changed');
    const un = await pipgrub(['uninstall', 'hello-local'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(un.code, un.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).not.toContain('hello-local');
    const gone = await pipgrub(['run', 'python', '-c', 'import hello_local'], { cwd: dir, env: suite.env });
    expect(gone.code).not.toBe(0);
  });

  it('install -e . in the project itself (the common Pipenv form)', async () => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl) });
    await writeSimpleProject(dir, { name: 'self-app', version: '1.2.3', requires: ['other'], files: { 'self_app/__init__.py': 'OK = True\n' } });
    const r = await pipgrub(['install', '-e', '.'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).toContain('self-app = {editable = true, path = "."}');
    expect(JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).default['self-app']).toEqual({ editable: true, path: '.' });
    const run = await pipgrub(['run', 'python', '-c', 'import self_app, other; print(self_app.OK)'], { cwd: dir, env: suite.env });
    expect(run.stdout.trim()).toBe('True');
  });

  it.skipIf(!hasGit)('a git entry: the lock pins the full commit of the tag; a new commit does not move it on sync', async () => {
    const repo = suite.project();
    await writeSimpleProject(repo, { name: 'gitpkg', version: '1.0.0', requires: ['other'], files: { 'gitpkg/__init__.py': 'V = 1\n' } });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'one');
    git(repo, 'tag', 'v1');
    const sha1 = git(repo, 'rev-parse', 'HEAD');
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl) });
    const r = await pipgrub(['install', `git+file://${repo}@v1#egg=gitpkg`], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).toContain(`gitpkg = {git = "file://${repo}", ref = "v1"}`);
    const lock = JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf8'));
    expect(lock.default.gitpkg).toEqual({ git: `file://${repo}`, ref: sha1 });
    expect(lock.default.other.version).toBe('==1.0.0');
    const run1 = await pipgrub(['run', 'python', '-c', 'import gitpkg; print(gitpkg.V)'], { cwd: dir, env: suite.env });
    expect(run1.stdout.trim()).toBe('1');
    // A second commit moves the tag; `sync` installs what the lock says.
    writeFileSync(join(repo, 'src/gitpkg/__init__.py'), 'V = 2\n');
    git(repo, 'commit', '-q', '-am', 'two');
    git(repo, 'tag', '-f', 'v1');
    const lockBefore = readFileSync(join(dir, 'Pipfile.lock'), 'utf8');
    execFileSync('rm', ['-rf', join(dir, '.venv')]);
    const s = await pipgrub(['sync'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(s.code, s.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).toBe(lockBefore);
    const run2 = await pipgrub(['run', 'python', '-c', 'import gitpkg; print(gitpkg.V)'], { cwd: dir, env: suite.env });
    expect(run2.stdout.trim()).toBe('1');
    const req = await pipgrub(['requirements'], { cwd: dir, env: suite.env });
    expect(req.stdout).toContain(`git+file://${repo}@${sha1}#egg=gitpkg\n`);
    // -e git+...: the editable form of the same entry; the tag now names the second commit.
    const sha2 = git(repo, 'rev-parse', 'HEAD');
    const edir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl) });
    const e = await pipgrub(['install', '-e', `git+file://${repo}@v1#egg=gitpkg`], { cwd: edir, env: suite.env, timeoutMs: 120_000 });
    expect(e.code, e.stderr).toBe(0);
    expect(readFileSync(join(edir, 'Pipfile'), 'utf8')).toContain(`gitpkg = {editable = true, git = "file://${repo}", ref = "v1"}`);
    expect(JSON.parse(readFileSync(join(edir, 'Pipfile.lock'), 'utf8')).default.gitpkg).toEqual({ editable: true, git: `file://${repo}`, ref: sha2 });
    const erun = await pipgrub(['run', 'python', '-c', 'import gitpkg; print(gitpkg.V)'], { cwd: edir, env: suite.env });
    expect(erun.stdout.trim()).toBe('2');
    const esync = await pipgrub(['sync'], { cwd: edir, env: suite.env, timeoutMs: 120_000 });
    expect(esync.stdout + esync.stderr).toMatch(/0 installed/);
  });

  it('a remote sdist URL: downloaded, built, locked as {"file": URL, "hashes": [...]}', async () => {
    const staging = suite.project();
    await writeSimpleProject(join(staging, 'remote_pkg-1.0'), { name: 'remote-pkg', version: '1.0', files: { 'remote_pkg/__init__.py': 'R = "remote"\n' } });
    const archive = join(staging, 'remote_pkg-1.0.tar.gz');
    execFileSync('tar', ['czf', archive, '-C', staging, 'remote_pkg-1.0']);
    suite.index.rewrite({ lib: { '1.0.0': {}, '2.0.0': {} }, other: { '1.0.0': {} } }, { existingFiles: [archive] });
    const url = `${suite.index.url.replace(/\/+$/, '')}/files/remote_pkg-1.0.tar.gz`;
    const sha = execFileSync('sha256sum', [archive], { encoding: 'utf8' }).split(' ')[0];
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl) });
    const r = await pipgrub(['install', url], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).toContain(`remote-pkg = {file = "${url}"}`);
    expect(JSON.parse(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).default['remote-pkg']).toEqual({ file: url, hashes: [`sha256:${sha}`] });
    const run = await pipgrub(['run', 'python', '-c', 'import remote_pkg; print(remote_pkg.R)'], { cwd: dir, env: suite.env });
    expect(run.stdout.trim()).toBe('remote');
  });

  it('an hg entry: one line naming the entry, nothing changed', async () => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl) });
    writeFileSync(join(dir, 'Pipfile'), readFileSync(join(dir, 'Pipfile'), 'utf8').replace('[packages]\n', '[packages]\nhgtool = {hg = "https://hg.example/tool"}\n'));
    const before = projectState(dir);
    const r = await pipgrub(['lock'], { cwd: dir, env: suite.env });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toEqual(['error: hgtool: hg repositories are not supported by pipgrub (only git)']);
    expect(projectState(dir)).toEqual(before);
  });

  it('a failing build: exit 1, one line naming the project and the hook, nothing changed', async () => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { other: '*' }) });
    const setup = await pipgrub(['install'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(setup.code, setup.stderr).toBe(0);
    mkdirSync(join(dir, 'broken'));
    await writeSimpleProject(join(dir, 'broken'), { name: 'broken', version: '1.0', fail: 'prepare_metadata_for_build_editable' });
    const before = projectState(dir);
    const r = await pipgrub(['install', '-e', './broken'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(r.code).toBe(1);
    const errorLines = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errorLines).toEqual(['error: Building ./broken failed in prepare_metadata_for_build_editable: RuntimeError: simple_backend: prepare_metadata_for_build_editable failed on purpose']);
    expect(r.stderr).toContain('compiling the flux capacitor');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(projectState(dir)).toEqual(before);
    // -v adds the whole build log (the backend's traceback included).
    const verbose = await pipgrub(['install', '-v', '-e', './broken'], { cwd: dir, env: suite.env, timeoutMs: 120_000 });
    expect(verbose.code).toBe(1);
    expect(verbose.stdout + verbose.stderr).toContain('Traceback (most recent call last)');
    expect(projectState(dir)).toEqual(before);
  });
});
