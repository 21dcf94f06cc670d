// SIGTERM / SIGHUP sent to the BUILT binary outside a venv commit: the command aborts like Ctrl-C
// (Pipfile, Pipfile.lock and the venv hash as before), then the process ends by the signal itself.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, binaryProblem, cleanEnv, e2eSuite, hasPython, pipfileFor, pipgrub, projectState } from './e2e-harness';

const problem = binaryProblem() ?? (hasPython() ? undefined : 'python3 with the venv module is not on PATH');
if (problem) console.warn(`e2e-signals: skipped: ${problem}`);

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start the binary, wait until `ready(stdout, stderr)` holds, send `signal`, and wait for the end. */
async function signalWhen(args: string[], cwd: string, env: Record<string, string>, ready: (out: string, err: string) => boolean, signal: NodeJS.Signals): Promise<Ended> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const ended = new Promise<Ended>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr })));
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  for (let waited = 0; !ready(stdout, stderr) && child.exitCode === null && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
  expect(ready(stdout, stderr), `never got ready:\n${stdout}\n${stderr}`).toBe(true);
  child.kill(signal);
  const result = await ended;
  clearTimeout(killer);
  return { ...result, stdout, stderr };
}

const resolving = (_out: string, err: string) => err.includes('Resolving dependencies');

describe.skipIf(problem !== undefined)('pipgrub binary: SIGTERM / SIGHUP outside the venv commit', () => {
  const suite = e2eSuite({ alpha: { '1.0.0': {} }, beta: { '1.0.0': {} }, gamma: { '1.0.0': {} } });
  let setups = 0;
  /** A fresh cache per command, so every resolution really waits on the slow index. */
  const envFor = (name: string) => ({ PIPENV_VENV_IN_PROJECT: '1', PIPGRUB_CACHE_DIR: join(suite.tmp, name), XDG_CACHE_HOME: join(suite.tmp, name) });

  /** A project with alpha locked and installed (the index is fast while it is set up). */
  async function installedProject(): Promise<string> {
    suite.index.setOptions({ latencyMs: 0 });
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { alpha: '*' }) });
    const r = await pipgrub(['install'], { cwd: dir, env: envFor(`setup-${++setups}`) });
    expect(r.code, r.stderr).toBe(0);
    suite.index.setOptions({ latencyMs: 3000 });
    return dir;
  }

  it('SIGTERM while `lock` resolves: Pipfile.lock untouched, "Interrupted", the process ends by SIGTERM', async () => {
    const dir = await installedProject();
    writeFileSync(join(dir, 'Pipfile'), pipfileFor(suite.index.simpleUrl, { alpha: '*', beta: '*' }));
    const before = projectState(dir);
    const r = await signalWhen(['lock'], dir, envFor('lock'), resolving, 'SIGTERM');
    expect(r.signal, `code ${r.code}\n${r.stderr}`).toBe('SIGTERM');
    expect(r.stderr).toContain('Interrupted; nothing was changed.');
    expect(projectState(dir)).toEqual(before);
  });

  it('SIGHUP while `install PKG` resolves: Pipfile, Pipfile.lock and the venv untouched, ends by SIGHUP', async () => {
    const dir = await installedProject();
    const before = projectState(dir);
    const r = await signalWhen(['install', 'gamma'], dir, envFor('install'), resolving, 'SIGHUP');
    expect(r.signal, `code ${r.code}\n${r.stderr}`).toBe('SIGHUP');
    expect(projectState(dir)).toEqual(before);
  });

  it('SIGTERM while a first `install` resolves: no Pipfile.lock and no virtualenv are left', async () => {
    suite.index.setOptions({ latencyMs: 3000 });
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { alpha: '*' }) });
    const before = projectState(dir);
    const r = await signalWhen(['install'], dir, envFor('first'), resolving, 'SIGTERM');
    expect(r.signal, `code ${r.code}\n${r.stderr}`).toBe('SIGTERM');
    expect(projectState(dir)).toEqual(before);
    expect(existsSync(join(dir, '.venv'))).toBe(false);
  });

  it('`run`: SIGTERM is passed on to the command, and pipgrub exits with the command\'s status', async () => {
    const dir = suite.project();
    const marker = join(dir, 'got-signal');
    const handles = `import signal, sys, time
def stop(n, f):
    open(${JSON.stringify(marker)}, 'w').write(str(n))
    sys.exit(3)
signal.signal(signal.SIGTERM, stop)
print('ready', flush=True)
time.sleep(30)`;
    const ready = (out: string) => out.includes('ready');
    const handled = await signalWhen(['run', '--system', 'python3', '-c', handles], dir, {}, ready, 'SIGTERM');
    expect(handled.code, handled.stderr).toBe(3);
    expect(readFileSync(marker, 'utf8')).toBe('15');

    const killed = await signalWhen(['run', '--system', 'python3', '-c', "import time; print('ready', flush=True); time.sleep(30)"], dir, {}, ready, 'SIGTERM');
    expect(killed.code, killed.stderr).toBe(143);
  });
});
