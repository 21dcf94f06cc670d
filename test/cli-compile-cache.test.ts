// The CLI's V8 code cache (packages/cli/bin/compile-cache.js): bytecode is stored after a run, reused by
// the next, and never served for a file whose content changed (V8 alone only checks the length).
import { spawnSync } from 'node:child_process';
import Module from 'node:module';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, binaryProblem, cleanEnv, REPO_ROOT } from './e2e-harness';

const COMPILE_CACHE = resolve(REPO_ROOT, 'packages/cli/bin/compile-cache.js');
// Node >= 22.1 has its own cache, which the executable uses instead (not in @types/node 20).
const builtIn = typeof (Module as unknown as { enableCompileCache?: unknown }).enableCompileCache === 'function';
const temp: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'pipgrub-ccache-'));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Files stored under a NODE_COMPILE_CACHE root (one folder per Node version). */
const cached = (root: string): string[] => readdirSync(root).flatMap((v) => readdirSync(join(root, v)));

describe.skipIf(builtIn)('compile cache on Node without module.enableCompileCache', () => {
  it('stores bytecode on the first run and never reuses it for changed content of equal length', () => {
    const dist = tempDir();
    const root = tempDir();
    const main = join(tempDir(), 'main.cjs');
    writeFileSync(main, `require(${JSON.stringify(COMPILE_CACHE)}).enable(${JSON.stringify(dist)});\nconsole.log(require(${JSON.stringify(join(dist, 'a.cjs'))})());\n`);
    const run = () => spawnSync(process.execPath, [main], { encoding: 'utf8', env: { ...cleanEnv(), NODE_COMPILE_CACHE: root } });
    writeFileSync(join(dist, 'a.cjs'), 'module.exports = () => "one";\n');
    expect(run().stdout).toBe('one\n');
    expect(cached(root)).toHaveLength(1);
    expect(run().stdout).toBe('one\n');
    writeFileSync(join(dist, 'a.cjs'), 'module.exports = () => "two";\n');
    expect(run().stdout).toBe('two\n');
    expect(cached(root)).toHaveLength(2);
  });

  it('is skipped when PIPGRUB_NO_COMPILE_CACHE is set, and a read-only location is no error', () => {
    const root = tempDir();
    const off = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { ...cleanEnv(), NODE_COMPILE_CACHE: root, PIPGRUB_NO_COMPILE_CACHE: '1' } });
    expect(off.status).toBe(0);
    expect(readdirSync(root)).toEqual([]);
    const notADir = join(tempDir(), 'file');
    writeFileSync(notADir, '');
    const ro = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', env: { ...cleanEnv(), NODE_COMPILE_CACHE: notADir } });
    expect(ro.status).toBe(0);
    expect(ro.stdout).toBe(off.stdout);
  });
});

describe.skipIf(binaryProblem() !== undefined)('the pipgrub binary with its compile cache', () => {
  it('gives the same output from a cold and a warm cache', () => {
    const root = tempDir();
    const run = () => spawnSync(process.execPath, [BIN, 'lock', '--help'], { encoding: 'utf8', env: { ...cleanEnv(), NODE_COMPILE_CACHE: root } });
    const cold = run();
    const warm = run();
    expect(cold.status).toBe(0);
    expect(warm).toMatchObject({ status: 0, stdout: cold.stdout, stderr: cold.stderr });
    if (!builtIn) expect(cached(root).length).toBeGreaterThan(0);
  });
});
