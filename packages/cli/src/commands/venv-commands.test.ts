// In-process tests of the commands that use an existing virtualenv: run, scripts via run, --venv,
// --py, activate, --rm. The venv is created with @pipgrub/venv in the project (.venv).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVenv } from '@pipgrub/venv';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import { MemorySink } from '../testing';

const PIPFILE = `[packages]

[scripts]
prefix-is-venv = "python -c 'import sys, os; sys.exit(0 if sys.prefix == os.environ[\\"VIRTUAL_ENV\\"] else 3)'"
exit-with = "python -c 'import sys; sys.exit(int(sys.argv[1]))'"
dotenv = "python -c 'import os, sys; sys.exit(0 if os.environ.get(\\"FROM_DOTENV\\") == \\"yes\\" else 4)'"
`;

async function cli(argv: string[], cwd: string, env: Record<string, string> = {}) {
  const stdout = new MemorySink();
  const stderr = new MemorySink();
  const code = await runCli(argv, { stdout, stderr, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pipgrub-venvcmd-'));
  writeFileSync(join(dir, 'Pipfile'), PIPFILE);
  writeFileSync(join(dir, '.env'), 'FROM_DOTENV=yes\n');
  await createVenv(join(dir, '.venv'));
});

describe('commands inside the virtualenv', () => {
  it('--venv and --py print the in-project venv', async () => {
    expect(await cli(['--venv'], dir)).toMatchObject({ code: 0, stdout: `${join(dir, '.venv')}\n` });
    expect(await cli(['--py'], dir)).toMatchObject({ code: 0, stdout: `${join(dir, '.venv', 'bin', 'python')}\n` });
  });

  it('run executes inside the venv and returns the exit code', async () => {
    expect((await cli(['run', 'prefix-is-venv'], dir)).code).toBe(0);
    expect((await cli(['run', 'exit-with', '7'], dir)).code).toBe(7);
    expect((await cli(['run', 'python', '-c', 'import sys; sys.exit(5)'], dir)).code).toBe(5);
  });

  it('run loads .env unless PIPENV_DONT_LOAD_ENV', async () => {
    expect((await cli(['run', 'dotenv'], dir)).code).toBe(0);
    expect((await cli(['run', 'dotenv'], dir, { PIPENV_DONT_LOAD_ENV: '1' })).code).toBe(4);
  });

  it('run reports a missing command in one line', async () => {
    const r = await cli(['run', 'no-such-binary-xyz'], dir);
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('Command not found: no-such-binary-xyz') });
  });

  it('activate prints the source line for the shell', async () => {
    expect((await cli(['activate'], dir, { SHELL: '/bin/bash' })).stdout).toBe(`source '${join(dir, '.venv', 'bin', 'activate')}'\n`);
  });

  it('--rm removes the venv, then --venv explains there is none', async () => {
    const other = mkdtempSync(join(tmpdir(), 'pipgrub-venvrm-'));
    writeFileSync(join(other, 'Pipfile'), '[packages]\n');
    await createVenv(join(other, '.venv'));
    expect((await cli(['--rm'], other)).code).toBe(0);
    expect(existsSync(join(other, '.venv'))).toBe(false);
    const r = await cli(['--venv'], other, { PIPENV_VENV_IN_PROJECT: '1' });
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('No virtualenv has been created') });
  });
});
