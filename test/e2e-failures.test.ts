// End-to-end: bad input and interruptions with the BUILT binary. Each case gives its documented
// message and exit code and leaves Pipfile, Pipfile.lock and the venv exactly as they were
// (hashed before and after): unknown package, impossible constraint, unreachable index, Ctrl-C.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndex, type StartedIndex } from '@pipgrub/test-kit';
import { BIN, binaryProblem, cleanEnv, hasPython, pipfileFor, pipgrub, projectState, removeProject, tempProject } from './e2e-harness';

const problem = binaryProblem() ?? (hasPython() ? undefined : 'python3 with the venv module is not on PATH');
if (problem) console.warn(`e2e-failures: skipped: ${problem}`);

describe.skipIf(problem !== undefined)('pipgrub binary: bad input leaves the project untouched', () => {
  let index: StartedIndex;
  let slow: StartedIndex;
  let cache: string;
  let env: Record<string, string>;
  let dir: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    const description = { lib: { '1.0.0': {}, '2.0.0': {} }, app: { '1.0.0': { requiresDist: ['lib<2'] } } };
    index = await startIndex(description);
    slow = await startIndex(description, { serveOptions: { latencyMs: 4000 } });
    cache = mkdtempSync(join(tmpdir(), 'pipgrub-e2e-cache-'));
    env = { PIPENV_VENV_IN_PROJECT: '1', PIPGRUB_CACHE_DIR: cache, XDG_CACHE_HOME: cache };
    // A project with a lock and a populated venv, so "unchanged" covers all three.
    dir = tempProject({ Pipfile: pipfileFor(index.simpleUrl, { lib: '*' }) });
    dirs.push(dir);
    const setup = await pipgrub(['install'], { cwd: dir, env });
    expect(setup.code, setup.stderr).toBe(0);
  });
  afterAll(async () => {
    await index?.close();
    await slow?.close();
    dirs.forEach(removeProject);
    if (cache) removeProject(cache);
  });

  it('an unknown package: one line naming it, exit 1, nothing changed', async () => {
    const before = projectState(dir);
    const r = await pipgrub(['install', 'no-such-package'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no-such-package');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(projectState(dir)).toEqual(before);
  });

  it('an impossible constraint: the PubGrub explanation, exit 1, nothing changed', async () => {
    const before = projectState(dir);
    const r = await pipgrub(['install', 'app', 'lib>=2'], { cwd: dir, env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/app/);
    expect(r.stderr).toMatch(/lib/);
    expect(r.stderr).toContain('error: Could not resolve the [packages] of the Pipfile');
    expect(projectState(dir)).toEqual(before);
  });

  it('an unreachable index: one line with a hint, exit 1, nothing changed', async () => {
    const other = tempProject({ Pipfile: pipfileFor('http://127.0.0.1:9/simple/', { lib: '*' }) });
    dirs.push(other);
    const before = projectState(other);
    const r = await pipgrub(['install'], { cwd: other, env: { ...env, PIPENV_TIMEOUT: '5' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*127\.0\.0\.1:9/m);
    expect(r.stderr).toMatch(/^hint: /m);
    expect(projectState(other)).toEqual(before);
  });

  it('Ctrl-C during install: exit 130, nothing changed', async () => {
    const other = tempProject({ Pipfile: pipfileFor(slow.simpleUrl, { lib: '*' }) });
    dirs.push(other);
    const before = projectState(other);
    const child = spawn(process.execPath, [BIN, 'install', 'app'], { cwd: other, env: cleanEnv(env) });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exit = new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
    // Interrupt once resolution is under way (the index answers after 4 s).
    for (let waited = 0; !stderr.includes('Resolving dependencies') && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(stderr).toContain('Interrupted; nothing was changed.');
    expect(projectState(other)).toEqual(before);
  });
});
