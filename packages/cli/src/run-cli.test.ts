// Tests for one invocation end to end, in-process: help, version, usage errors, .env and env options.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE, runCli } from './run-cli';
import { MemorySink } from './testing';

async function cli(argv: string[], opts: { env?: Record<string, string>; cwd?: string } = {}) {
  const stdout = new MemorySink();
  const stderr = new MemorySink();
  const code = await runCli(argv, { stdout, stderr, env: opts.env ?? {}, cwd: opts.cwd ?? tmpdir() });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function project(pipfile = '[packages]\n', files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipgrub-cli-'));
  writeFileSync(join(dir, 'Pipfile'), pipfile);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('runCli', () => {
  it('prints the version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: 'pipgrub, version 0.1.0\n', stderr: '' });
  });

  it('prints global and command help', async () => {
    expect((await cli(['--help'])).stdout).toContain('Usage: pipgrub [OPTIONS] COMMAND');
    expect((await cli([])).stdout).toContain('Commands:');
    expect((await cli(['lock', '-h'])).stdout).toContain('Usage: pipgrub lock');
  });

  it('exits 2 with a suggestion on a typo', async () => {
    const r = await cli(['lokc']);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toBe("error: No such command 'lokc'. Did you mean lock?\nhint: Run `pipgrub --help` to list the commands.\n");
  });

  it('finds the project upward for --where', async () => {
    const dir = project();
    mkdirSync(join(dir, 'src', 'pkg'), { recursive: true });
    expect(await cli(['--where'], { cwd: join(dir, 'src', 'pkg') })).toMatchObject({ code: 0, stdout: `${dir}\n` });
  });

  it('honours PIPENV_PIPFILE', async () => {
    const dir = project();
    expect((await cli(['--where'], { env: { PIPENV_PIPFILE: join(dir, 'Pipfile') } })).stdout).toBe(`${dir}\n`);
  });

  it('explains a missing Pipfile in one line with a hint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipgrub-empty-'));
    const r = await cli(['--where'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: No Pipfile found in .*\nhint: .*\n$/);
  });

  it('loads .env over the environment, so it can set PIPENV_ options', async () => {
    const dir = project('[packages]\n', { '.env': 'PIPENV_PIPFILE=Pipfile.other\n' });
    writeFileSync(join(dir, 'Pipfile.other'), '[packages]\n');
    // The .env points PIPENV_PIPFILE at a file relative to cwd: it must be read after loading .env.
    const r = await cli(['--where'], { cwd: dir, env: { PIPENV_PIPFILE: '/nonexistent/Pipfile' } });
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('/nonexistent/Pipfile') });
    const r2 = await cli(['--where'], { cwd: dir });
    expect(r2).toMatchObject({ code: 0, stdout: `${dir}\n` });
  });

  it('rejects a non-boolean PIPENV_ flag with a hint', async () => {
    const r = await cli(['--where'], { cwd: project(), env: { PIPENV_VENV_IN_PROJECT: 'perhaps' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PIPENV_VENV_IN_PROJECT="perhaps" is not a boolean.');
  });

  it('lists the environment variables', async () => {
    const r = await cli(['--envs']);
    expect(r.stdout).toContain('PIPENV_VENV_IN_PROJECT');
    expect(r.stdout).toContain('PIPGRUB_X');
  });
});
