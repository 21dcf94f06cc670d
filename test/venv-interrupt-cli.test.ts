// Ctrl-C / SIGTERM sent to the BUILT binary while it is moving packages into the venv (held there by
// the test-only PIPGRUB_TEST_COMMIT_PAUSE hook after the first commit step): the commit is rolled
// back, and Pipfile, Pipfile.lock and the venv hash exactly as before; after SIGKILL, the next command
// undoes the half-done commit from its on-disk journal.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, binaryProblem, cleanEnv, e2eSuite, hasPython, pipfileFor, pipgrub, projectState, removeProject } from './e2e-harness';

const problem = binaryProblem() ?? (hasPython() ? undefined : 'python3 with the venv module is not on PATH');
if (problem) console.warn(`venv-interrupt-cli: skipped: ${problem}`);

describe.skipIf(problem !== undefined)('pipgrub binary: a signal during the venv commit rolls it back', () => {
  const suite = e2eSuite({
    lib: { '1.0.0': {}, '2.0.0': { files: { 'lib/new_in_two.py': 'X = 2\n' } } },
    other: { '1.0.0': { entryPoints: { console_scripts: { other: 'other:main' } } } },
  });

  /** A project with lib 1.0.0 locked and installed; then `install lib==2.0.0 other` is interrupted mid-commit. */
  async function interrupted(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; step: string; same: boolean; dir: string; before: Record<string, string> }> {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { lib: '==1.0.0' }) });
    const setup = await pipgrub(['install'], { cwd: dir, env: suite.env });
    expect(setup.code, setup.stderr).toBe(0);
    const before = projectState(dir);
    const marker = join(dir, '..', `${dir.split('/').pop()}-commit-paused`);
    const child = spawn(process.execPath, [BIN, 'install', 'lib==2.0.0', 'other'], { cwd: dir, env: cleanEnv({ ...suite.env, PIPGRUB_TEST_COMMIT_PAUSE: marker }) });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
    for (let waited = 0; !existsSync(marker) && waited < 30_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(marker), `the commit never reached its first step:\n${stderr}`).toBe(true);
    const step = readFileSync(marker, 'utf8').trim();
    child.kill(signal);
    const result = await exit;
    removeProject(marker);
    return { ...result, stderr, step, same: JSON.stringify(projectState(dir)) === JSON.stringify(before), dir, before };
  }

  it('SIGINT (Ctrl-C) after the first package moved in: exit 130, venv, Pipfile and lock unchanged', async () => {
    const r = await interrupted('SIGINT');
    expect(r.step).toMatch(/^(replaced lib|installed other)$/);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('Interrupted; nothing was changed.');
    expect(r.same).toBe(true);
  });

  it('SIGTERM mid-commit: rolled back first, then the process ends by the signal', async () => {
    const r = await interrupted('SIGTERM');
    expect(r.signal ?? r.code, r.stderr).toBe('SIGTERM');
    expect(r.same).toBe(true);
  });

  it('SIGTERM mid-commit into a virtualenv this install created: no .venv, no Pipfile.lock is left', async () => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { lib: '*', other: '*' }) });
    const before = projectState(dir);
    expect(before['.venv']).toBe('absent');
    const marker = `${dir}-commit-paused`;
    const child = spawn(process.execPath, [BIN, 'install'], { cwd: dir, env: cleanEnv({ ...suite.env, PIPGRUB_TEST_COMMIT_PAUSE: marker }) });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('close', (code, sig) => resolve(sig ?? code)));
    for (let waited = 0; !existsSync(marker) && waited < 30_000; waited += 25) await new Promise((r) => setTimeout(r, 25));
    expect(existsSync(marker), stderr).toBe(true);
    child.kill('SIGTERM');
    expect(await exit, stderr).toBe('SIGTERM');
    removeProject(marker);
    expect(projectState(dir)).toEqual(before);
  });

  it('SIGKILL mid-commit (nothing can run): the next command undoes the half-done commit from its journal', async () => {
    const r = await interrupted('SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    expect(r.same).toBe(false); // killed with lib 2.0.0 or other half moved in
    const again = await pipgrub(['sync'], { cwd: r.dir, env: suite.env });
    expect(again.code, again.stderr).toBe(0);
    expect(projectState(r.dir)).toEqual(r.before);
  });
});
