// Differential check (optional peer): Pipenv accepts the lock pipgrub writes for an editable path
// entry — `pipenv verify` agrees the hash is current and `pipenv sync` installs it editable.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSimpleProject } from '../packages/venv/src/build/testing-backend';
import { run } from '../packages/venv/src/testing/support';
import { binaryProblem, cleanEnv, e2eSuite, hasPython, pipfileFor, pipgrub } from './e2e-harness';

const hasPipenv = spawnSync('pipenv', ['--version'], { stdio: 'ignore', env: cleanEnv() }).status === 0;
const problem = binaryProblem() ?? (hasPython() ? undefined : 'python3 with the venv module is not on PATH') ?? (hasPipenv ? undefined : 'pipenv is not installed');
if (problem) console.warn(`e2e-local-pipenv: skipped: ${problem}`);

describe.skipIf(problem !== undefined)('pipenv accepts pipgrub locks with local entries', () => {
  const suite = e2eSuite({ lib: { '1.0.0': {}, '2.0.0': {} } });

  it('pipenv verify and pipenv sync on an editable path lock written by pipgrub', async () => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl) });
    await writeSimpleProject(join(dir, 'mylib'), { name: 'hello-local', version: '0.1.0', requires: ['lib<2'], files: { 'hello_local/__init__.py': 'GREETING = "hi"\n' } });
    const { env, cache } = suite;
    const r = await pipgrub(['install', '-e', './mylib'], { cwd: dir, env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    // As the peer benchmarks run it: the system Python (its virtualenv seeds pip from /usr/share/python-wheels,
    // no network), a private HOME, no pip configuration.
    const pipenvEnv = {
      ...cleanEnv(env), HOME: join(cache, 'home'), XDG_DATA_HOME: join(cache, 'data'), PIPENV_VENV_IN_PROJECT: '1', PIPENV_YES: '1', PIPENV_NOSPIN: '1',
      PIPENV_IGNORE_VIRTUALENVS: '1', PIPENV_PYTHON: '/usr/bin/python3', PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1',
    };
    // Asynchronous runs: the index is served from this process.
    const verify = await run('pipenv', ['verify'], { cwd: dir, env: pipenvEnv, timeoutMs: 120_000 });
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    // pipenv installs into a fresh venv of its own, from our lock, without re-locking.
    execFileSync('rm', ['-rf', join(dir, '.venv')]);
    const sync = await run('pipenv', ['sync', '--python', '/usr/bin/python3'], { cwd: dir, env: pipenvEnv, timeoutMs: 300_000 });
    expect(sync.code, sync.stdout + sync.stderr).toBe(0);
    const py = join(dir, '.venv/bin/python');
    writeFileSync(join(dir, 'mylib/src/hello_local/__init__.py'), 'GREETING = "edited"\n');
    expect(execFileSync(py, ['-c', 'import hello_local, lib; print(hello_local.GREETING)'], { encoding: 'utf8' }).trim()).toBe('edited');
    expect(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).toContain('"path": "./mylib"');
  }, 400_000);
});
