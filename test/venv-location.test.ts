// Pipenv's virtualenv location rules: .venv in the project, PIPENV_VENV_IN_PROJECT, .venv files,
// WORKON_HOME and the `<sanitized-name>-<hash>` naming, checked against the installed pipenv when present.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipenvVenvLocation, pipenvVenvName, sanitizeProjectName, workonHome } from '@pipgrub/venv';
import { run } from '../packages/venv/src/testing/support';

let tmp: string;
let hasPipenv = false;
const SYSTEM_PYTHON = '/usr/bin/python3';

beforeAll(async () => {
  tmp = await realpath(await mkdtemp(path.join(os.tmpdir(), 'pipgrub-loc-')));
  hasPipenv = (await run(SYSTEM_PYTHON, ['-c', 'import pipenv.project'])).code === 0;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function project(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'Pipfile'), '[packages]\n');
  return dir;
}

const baseEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { HOME: tmp, WORKON_HOME: path.join(tmp, 'workon'), ...extra };
  return env;
};

describe('naming', () => {
  it('sanitizes like pipenv', () => {
    expect(sanitizeProjectName('my project (v2) [x] & $y`!*@"\\')).toBe('my_project__v2___x_____y______');
    expect(sanitizeProjectName('a'.repeat(50))).toHaveLength(42);
  });

  it('hashes the Pipfile path: urlsafe base64 of sha256[:6]', () => {
    // python3 -c "import base64,hashlib;print(base64.urlsafe_b64encode(hashlib.sha256(b'/home/u/proj/Pipfile').digest()[:6]).decode())"
    expect(pipenvVenvName('/home/u/proj/Pipfile', {})).toMatch(/^proj-[A-Za-z0-9_-]{8}$/);
    expect(pipenvVenvName('/home/u/proj/Pipfile', { PIPENV_PYTHON: '/usr/bin/python3.11' })).toMatch(/-python3\.11$/);
    expect(pipenvVenvName('/x/Pipfile', { PIPENV_CUSTOM_VENV_NAME: 'custom' })).toBe('custom');
  });

  it('WORKON_HOME defaults and expansion', () => {
    expect(workonHome({ HOME: '/h' })).toBe('/h/.local/share/virtualenvs');
    expect(workonHome({ HOME: '/h', XDG_DATA_HOME: '/xdg' })).toBe('/xdg/virtualenvs');
    expect(workonHome({ HOME: '/h', WORKON_HOME: '~/.venvs' })).toBe('/h/.venvs');
    expect(workonHome({ HOME: '/h', BASE: '/b', WORKON_HOME: '$BASE/envs' })).toBe('/b/envs');
  });
});

describe('location rules', () => {
  it('WORKON_HOME by default, .venv when it exists or PIPENV_VENV_IN_PROJECT=1, .venv files', async () => {
    const dir = await project('plain');
    const loc = pipenvVenvLocation({ projectDir: dir, env: baseEnv() });
    expect(loc.kind).toBe('workon-home');
    expect(path.dirname(loc.path)).toBe(path.join(tmp, 'workon'));
    expect(pipenvVenvLocation({ projectDir: dir, env: baseEnv({ PIPENV_VENV_IN_PROJECT: '1' }) })).toEqual({ kind: 'in-project', path: path.join(dir, '.venv') });
    await mkdir(path.join(dir, '.venv'));
    expect(pipenvVenvLocation({ projectDir: dir, env: baseEnv() }).kind).toBe('in-project');
    await rm(path.join(dir, '.venv'), { recursive: true });
    await writeFile(path.join(dir, '.venv'), 'named-env\n');
    expect(pipenvVenvLocation({ projectDir: dir, env: baseEnv() })).toEqual({ kind: 'dot-venv-file', path: path.join(tmp, 'workon', 'named-env') });
    await writeFile(path.join(dir, '.venv'), '../elsewhere/env\n');
    expect(pipenvVenvLocation({ projectDir: dir, env: baseEnv() })).toEqual({ kind: 'dot-venv-file', path: path.join(tmp, 'elsewhere', 'env') });
    expect(pipenvVenvLocation({ projectDir: dir, env: baseEnv({ VIRTUAL_ENV: '/active' }) })).toEqual({ kind: 'active', path: '/active' });
    expect(pipenvVenvLocation({ projectDir: dir, env: baseEnv({ VIRTUAL_ENV: '/active', PIPENV_ACTIVE: '1' }) }).kind).toBe('dot-venv-file');
  });

  it('matches the installed pipenv for awkward project names', async () => {
    if (!hasPipenv) {
      console.log(`pipenv not importable by ${SYSTEM_PYTHON}; skipped`);
      return;
    }
    for (const name of ['simple', 'My Proj (v2)', 'dots.and-dashes_x', 'a'.repeat(48), 'ünïcode']) {
      const dir = await project(name);
      const env = baseEnv();
      const r = await run(SYSTEM_PYTHON, ['-c', 'from pipenv.project import Project\np = Project()\nprint(p.virtualenv_name)\nprint(p.virtualenv_location)'], {
        cwd: dir,
        env: { PATH: process.env.PATH, ...env },
      });
      expect(r.code, r.stderr).toBe(0);
      const [name2, location] = r.stdout.trim().split('\n');
      const ours = pipenvVenvLocation({ projectDir: dir, env });
      expect(ours.kind === 'workon-home' && ours.name).toBe(name2);
      expect(ours.path).toBe(location);
    }
  });
});
