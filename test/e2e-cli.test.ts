// End-to-end tests of the built `pipgrub` binary that need no index: help screens, version, typos,
// env options, and bad input that must leave the project's files untouched.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryProblem, pipgrub, projectState, removeProject, tempProject } from './e2e-harness';

const problem = binaryProblem();
if (problem) console.warn(`e2e-cli: skipped: ${problem}`);

describe.skipIf(problem !== undefined)('pipgrub binary: framework', () => {
  const dirs: string[] = [];
  const project = (files: Record<string, string>) => {
    const d = tempProject(files);
    dirs.push(d);
    return d;
  };
  let empty: string;
  beforeAll(() => {
    empty = project({});
  });
  afterAll(() => dirs.forEach(removeProject));

  it('--version and --help exit 0 and fit one screen', async () => {
    const v = await pipgrub(['--version'], { cwd: empty });
    expect(v).toEqual({ code: 0, stdout: 'pipgrub, version 0.1.0\n', stderr: '' });
    const h = await pipgrub(['--help'], { cwd: empty });
    expect(h.code).toBe(0);
    expect(h.stdout.split('\n').length).toBeLessThanOrEqual(40);
    const lock = await pipgrub(['lock', '--help'], { cwd: empty });
    expect(lock.stdout).toContain('$ pipgrub lock');
  });

  it('a mistyped command exits 2 with a suggestion', async () => {
    const r = await pipgrub(['isntall', 'requests'], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("No such command 'isntall'. Did you mean install?");
  });

  it('a mistyped flag exits 2 with a suggestion and no stack trace', async () => {
    const r = await pipgrub(['lock', '--pree'], { cwd: empty });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No such option: --pree for `pipgrub lock`. Did you mean --pre?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--where finds the Pipfile from a subdirectory', async () => {
    const dir = project({ Pipfile: '[packages]\n' });
    mkdirSync(join(dir, 'src'));
    const r = await pipgrub(['--where'], { cwd: join(dir, 'src') });
    expect(r).toMatchObject({ code: 0, stdout: `${dir}\n` });
  });

  it('a Pipfile with a TOML error gives file:line, exit 1, and changes nothing', async () => {
    const dir = project({ Pipfile: '[packages]\nrequests = "*"\nflask = \n', 'Pipfile.lock': '{}\n' });
    const before = projectState(dir);
    for (const args of [['verify'], ['lock'], ['install', 'six'], ['scripts']]) {
      const r = await pipgrub(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/^error: Pipfile:3/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(projectState(dir)).toEqual(before);
  });

  it('a [[source]] with an empty url: Pipfile:line and the source name, exit 1, nothing changed', async () => {
    const dir = project({ Pipfile: '[[source]]\nurl = ""\nname = "mirror"\n\n[packages]\nsix = "*"\n' });
    const before = projectState(dir);
    const r = await pipgrub(['lock'], { cwd: dir, env: { PIPENV_VENV_IN_PROJECT: '1' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: Pipfile:1: \[\[source\]\] 'mirror' has an empty url\./m);
    expect(projectState(dir)).toEqual(before);
  });

  it('--verbose adds the stack trace to an error', async () => {
    const dir = project({ Pipfile: '[packages\n' });
    const r = await pipgrub(['scripts', '--verbose'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('PIPENV_DONT_LOAD_ENV and PIPENV_DOTENV_LOCATION control .env loading', async () => {
    const dir = project({ Pipfile: '[packages]\n', '.env': 'PIPENV_PIPFILE=/nonexistent/Pipfile\n', 'other.env': 'X=1\n' });
    expect((await pipgrub(['--where'], { cwd: dir })).code).toBe(1);
    expect((await pipgrub(['--where'], { cwd: dir, env: { PIPENV_DONT_LOAD_ENV: '1' } })).code).toBe(0);
    expect((await pipgrub(['--where'], { cwd: dir, env: { PIPENV_DOTENV_LOCATION: join(dir, 'other.env') } })).code).toBe(0);
  });

  it('requirements without a lock explains what to do', async () => {
    const dir = project({ Pipfile: '[packages]\n' });
    const r = await pipgrub(['requirements'], { cwd: dir });
    expect(r).toMatchObject({ code: 1, stderr: 'error: Pipfile.lock does not exist.\nhint: Run `pipgrub lock` first.\n' });
  });

  it('writes nothing when a boolean env option is malformed', async () => {
    const dir = project({ Pipfile: '[packages]\n' });
    writeFileSync(join(dir, 'Pipfile.lock'), '{}');
    const before = projectState(dir);
    const r = await pipgrub(['lock'], { cwd: dir, env: { PIPENV_DEV: 'sometimes' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PIPENV_DEV="sometimes" is not a boolean.');
    expect(projectState(dir)).toEqual(before);
  });
});
