// End-to-end, BUILT binary: Pipenv's install flags behave as today's Pipenv does — --skip-lock installs
// from the Pipfile without touching Pipfile.lock (with Pipenv's warning), --keep-outdated and
// --selective-upgrade are refused as removed, and --extra-pip-args honours its subset, refusing the rest.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryProblem, e2eSuite, hasPython, pipfileFor, pipgrub, projectState } from './e2e-harness';

const problem = binaryProblem() ?? (hasPython() ? undefined : 'python3 with the venv module is not on PATH');
if (problem) console.warn(`e2e-system-flags: skipped: ${problem}`);

describe.skipIf(problem !== undefined)('pipgrub install flags from Pipenv', () => {
  const suite = e2eSuite({ lib: { '1.0.0': {}, '2.0.0': {} }, app: { '1.0.0': { requiresDist: ['lib'] } } });
  const project = (packages: Record<string, string>) => suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, packages) });
  const sitePackages = (dir: string) => {
    const lib = join(dir, '.venv', 'lib');
    return join(lib, readdirSync(lib)[0]!, 'site-packages');
  };

  it('install --skip-lock: Pipenv warning, packages installed, Pipfile edited, no Pipfile.lock; uninstall --skip-lock too', async () => {
    const dir = project({ lib: '*' });
    const r = await pipgrub(['install', '--skip-lock', 'app'], { cwd: dir, env: suite.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('The flag --skip-lock has been reintroduced (but is not recommended).');
    expect(existsSync(join(dir, 'Pipfile.lock'))).toBe(false);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).toMatch(/^app = "\*"$/m);
    expect(existsSync(join(sitePackages(dir), 'app'))).toBe(true);
    expect(existsSync(join(sitePackages(dir), 'lib-2.0.0.dist-info'))).toBe(true);

    const u = await pipgrub(['uninstall', '--skip-lock', 'app'], { cwd: dir, env: suite.env });
    expect(u.code, u.stderr).toBe(0);
    expect(existsSync(join(sitePackages(dir), 'app'))).toBe(false);
    expect(readFileSync(join(dir, 'Pipfile'), 'utf8')).not.toMatch(/^app =/m);
    expect(existsSync(join(dir, 'Pipfile.lock'))).toBe(false);
  });

  it('--skip-lock ignores an existing Pipfile.lock (neither read nor rewritten)', async () => {
    const dir = project({ lib: '*' });
    expect((await pipgrub(['lock'], { cwd: dir, env: suite.env })).code).toBe(0);
    const lockText = readFileSync(join(dir, 'Pipfile.lock'), 'utf8').replace(/"==2\.0\.0"/, '"==1.0.0"');
    writeFileSync(join(dir, 'Pipfile.lock'), lockText); // a lock pinning 1.0.0: --skip-lock must not use it
    const r = await pipgrub(['install', '--skip-lock'], { cwd: dir, env: suite.env });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(sitePackages(dir), 'lib-2.0.0.dist-info'))).toBe(true);
    expect(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).toBe(lockText);
  });

  it.each([
    [['install', '--keep-outdated', 'app'], /--keep-outdated has been removed/],
    [['update', '--keep-outdated'], /--keep-outdated has been removed/],
    [['install', '--selective-upgrade', 'app'], /--selective-upgrade has been removed/],
    [['install', '--extra-pip-args=--user', 'app'], /--extra-pip-args: pip argument '--user' is not supported/],
  ])('%j is refused with one line, nothing changed', async (args, message) => {
    const dir = project({ lib: '*' });
    const before = projectState(dir);
    const r = await pipgrub(args, { cwd: dir, env: suite.env });
    expect(r.code).toBeGreaterThan(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('error:'))).toHaveLength(1);
    expect(r.stderr).toMatch(/^hint: /m);
    expect(projectState(dir)).toEqual(before);
  });

  it('lock --keep-outdated keeps the previous pins (pipgrub keeps this on lock)', async () => {
    const dir = project({ lib: '*' });
    expect((await pipgrub(['lock'], { cwd: dir, env: suite.env })).code).toBe(0);
    writeFileSync(join(dir, 'Pipfile.lock'), readFileSync(join(dir, 'Pipfile.lock'), 'utf8').replace(/"==2\.0\.0"/, '"==1.0.0"'));
    const kept = await pipgrub(['lock', '--keep-outdated'], { cwd: dir, env: suite.env });
    expect(kept.code, kept.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).toContain('"==1.0.0"');
    expect((await pipgrub(['lock'], { cwd: dir, env: suite.env })).code).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).toContain('"==2.0.0"');
  });

  it("--extra-pip-args '--compile --no-deps' installs with bytecode", async () => {
    const dir = project({ lib: '*' });
    const r = await pipgrub(['install', '--extra-pip-args', '--compile --no-deps'], { cwd: dir, env: suite.env });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(sitePackages(dir), 'lib', '__pycache__')).some((f) => f.endsWith('.pyc'))).toBe(true);
  });
});
