// End-to-end `--system` with the BUILT binary: installs land in the interpreter found on PATH (or
// $VIRTUAL_ENV, or --python) and no project virtualenv is made; a PEP 668 externally managed base
// interpreter (a copied layout marked EXTERNALLY-MANAGED) is refused unless PIP_BREAK_SYSTEM_PACKAGES=1.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { binaryProblem, e2eSuite, hasPython, pipfileFor, pipgrub, projectState, treeHash } from './e2e-harness';

const problem = binaryProblem() ?? (hasPython() ? undefined : 'python3 with the venv module is not on PATH');
if (problem) console.warn(`e2e-system: skipped: ${problem}`);

function py(python: string, code: string): string {
  const r = spawnSync(python, ['-c', code], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${python} -c failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** `python3 -m venv --without-pip <dir>`; returns its bin directory. */
function makeVenv(dir: string): string {
  const r = spawnSync('python3', ['-m', 'venv', '--without-pip', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 -m venv failed: ${r.stderr}`);
  return join(dir, 'bin');
}

/**
 * A non-venv interpreter of our own: the base interpreter's binary copied to `<dir>/bin/python3`
 * and its stdlib linked entry by entry into `<dir>/lib/pythonX.Y`, so sys.prefix is `<dir>`; the
 * stdlib is marked EXTERNALLY-MANAGED. Returns the interpreter path, or a reason it cannot be made.
 */
function externallyManagedLayout(dir: string): { python: string } | { skip: string } {
  const info = JSON.parse(py('python3', 'import json, sys, sysconfig; print(json.dumps([sys._base_executable, sysconfig.get_path("stdlib")]))')) as [string, string];
  const [exe, stdlib] = [realpathSync(info[0]), info[1]];
  const lib = join(dir, 'lib', basename(stdlib));
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(lib, { recursive: true });
  const python = join(dir, 'bin', 'python3');
  copyFileSync(exe, python);
  spawnSync('chmod', ['+x', python]);
  for (const name of readdirSync(stdlib)) if (name !== 'site-packages' && name !== 'dist-packages') symlinkSync(join(stdlib, name), join(lib, name));
  writeFileSync(join(lib, 'EXTERNALLY-MANAGED'), '[externally-managed]\nError = This Python belongs to the e2e test.\n');
  const r = spawnSync(python, ['-c', 'import sys; print(sys.prefix)'], { encoding: 'utf8' });
  if (r.status !== 0 || r.stdout.trim() !== dir) return { skip: `a copied interpreter does not run from ${dir} (${r.stderr.trim().split('\n').pop() ?? r.stdout})` };
  return { python };
}

describe.skipIf(problem !== undefined)('pipgrub --system', () => {
  // The suite's scratch folder also holds WORKON_HOME (which must stay empty) and the test interpreters.
  const suite = e2eSuite(
    {
      sysdemo: { '1.0.0': { entryPoints: { console_scripts: { sysdemo: 'sysdemo:main' } } } },
      sysnext: { '1.0.0': {}, '2.0.0': {} },
    },
    {},
    (tmp) => {
      mkdirSync(join(tmp, 'workon'));
      return { WORKON_HOME: join(tmp, 'workon') };
    },
  );

  it('install --system / sync --system put the packages into the python on PATH; no virtualenv is made', async () => {
    const bin = makeVenv(join(suite.tmp, 'sys'));
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { sysdemo: '*' }) });
    const r = await pipgrub(['install', '--system'], { cwd: dir, env: { ...suite.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` } });
    expect(r.code, r.stderr).toBe(0);
    const python = join(bin, 'python');
    expect(py(python, 'import sysdemo, os; print(os.path.dirname(sysdemo.__file__))')).toBe(join(py(python, 'import sysconfig; print(sysconfig.get_paths()["purelib"])'), 'sysdemo'));
    expect(existsSync(join(bin, 'sysdemo'))).toBe(true);
    expect(existsSync(join(dir, '.venv'))).toBe(false);
    expect(readdirSync(join(suite.tmp, 'workon'))).toEqual([]);
    expect(existsSync(join(dir, 'Pipfile.lock'))).toBe(true); // as Pipenv: --system still locks

    // `sync --system` installs that lock into another interpreter found on PATH.
    const bin2 = makeVenv(join(suite.tmp, 'sys2'));
    const s = await pipgrub(['sync', '--system'], { cwd: dir, env: { ...suite.env, PATH: `${bin2}${delimiter}${process.env.PATH ?? ''}` } });
    expect(s.code, s.stderr).toBe(0);
    expect(py(join(bin2, 'python'), 'import sysdemo; print("ok")')).toBe('ok');
    expect(existsSync(join(dir, '.venv'))).toBe(false);
  });

  it('install --deploy --system with the wrong Python names the system interpreter, not a virtualenv', async () => {
    const bin = makeVenv(join(suite.tmp, 'deploy'));
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { sysdemo: '*' }) });
    const path = { ...suite.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    const first = await pipgrub(['install', '--system'], { cwd: dir, env: path });
    expect(first.code, first.stderr).toBe(0);
    appendFileSync(join(dir, 'Pipfile'), '\n[requires]\npython_version = "2.7"\n');
    const before = projectState(dir);
    const r = await pipgrub(['install', '--deploy', '--system'], { cwd: dir, env: path });
    expect(r.code).toBe(1);
    const version = py(join(bin, 'python'), 'import sys; print("%d.%d" % sys.version_info[:2])');
    expect(r.stderr).toContain(`The Pipfile requires Python 2.7, but the system interpreter (${join(bin, 'python')}) is Python ${version}; aborting deploy.`);
    expect(r.stderr).not.toContain('virtualenv');
    expect(projectState(dir)).toEqual(before);
  });

  it('run --system: the interpreter\'s scripts first on PATH, [scripts] and .env honoured, no virtualenv', async () => {
    const bin = makeVenv(join(suite.tmp, 'runsys'));
    const scripts = '\n[scripts]\nwhere = "python -c \\"import os, sys; print(sys.prefix, os.environ[\'FROM_DOTENV\'], os.environ.get(\'VIRTUAL_ENV\', \'-\'))\\""\n';
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { sysdemo: '*' }, scripts), '.env': 'FROM_DOTENV=yes\n' });
    const path = { ...suite.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    expect((await pipgrub(['install', '--system'], { cwd: dir, env: path })).code).toBe(0);
    const entry = await pipgrub(['run', '--system', 'sysdemo'], { cwd: dir, env: path });
    expect(entry.code, entry.stderr).toBe(0);
    expect(entry.stdout.trim()).toBe('sysdemo 1.0.0');
    const script = await pipgrub(['run', '--system', 'where'], { cwd: dir, env: path });
    expect(script.code, script.stderr).toBe(0);
    expect(script.stdout.trim()).toBe(`${join(suite.tmp, 'runsys')} yes -`);
    // --python names the interpreter; PIPENV_SYSTEM=1 is --system, as for install.
    const named = await pipgrub(['run', '--system', '--python', join(bin, 'python'), 'sysdemo'], { cwd: dir, env: suite.env });
    expect(named.stdout.trim(), named.stderr).toBe('sysdemo 1.0.0');
    const fromEnv = await pipgrub(['run', 'sysdemo'], { cwd: dir, env: { ...path, PIPENV_SYSTEM: '1' } });
    expect(fromEnv.stdout.trim(), fromEnv.stderr).toBe('sysdemo 1.0.0');
    // Without --system the project virtualenv is required, and none was made.
    const venv = await pipgrub(['run', 'sysdemo'], { cwd: dir, env: path });
    expect(venv.code).toBe(1);
    expect(venv.stderr).toContain('No virtualenv has been created for this project yet');
    expect(existsSync(join(dir, '.venv'))).toBe(false);
    // No Pipfile is needed to run with --system (there are just no [scripts]).
    const bare = suite.project();
    const plain = await pipgrub(['run', '--system', 'python', '-c', 'import sys; print(sys.prefix)'], { cwd: bare, env: path });
    expect(plain.stdout.trim(), plain.stderr).toBe(join(suite.tmp, 'runsys'));
  });

  it('update --system / upgrade --system re-lock and (update) install into the system interpreter', async () => {
    const bin = makeVenv(join(suite.tmp, 'upd'));
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { sysnext: '==1.0.0' }) });
    const path = { ...suite.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
    expect((await pipgrub(['install', '--system'], { cwd: dir, env: path })).code).toBe(0);
    writeFileSync(join(dir, 'Pipfile'), pipfileFor(suite.index.simpleUrl, { sysnext: '*' }));
    const upgraded = await pipgrub(['upgrade', '--system', 'sysnext'], { cwd: dir, env: path });
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(readFileSync(join(dir, 'Pipfile.lock'), 'utf8')).toContain('"==2.0.0"');
    expect(py(join(bin, 'python'), 'import sysnext; print(sysnext.__version__)')).toBe('1.0.0'); // upgrade does not install
    const updated = await pipgrub(['update', '--system', 'sysnext'], { cwd: dir, env: path });
    expect(updated.code, updated.stderr).toBe(0);
    expect(py(join(bin, 'python'), 'import sysnext; print(sysnext.__version__)')).toBe('2.0.0');
    expect(existsSync(join(dir, '.venv'))).toBe(false);
    expect(readdirSync(join(suite.tmp, 'workon'))).toEqual([]);
  });

  it.each(['graph', 'clean', 'uninstall', 'requirements', 'lock', 'shell', 'verify'])('%s --system is not accepted (as in Pipenv): usage error, exit 2', async (command) => {
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, {}) });
    const r = await pipgrub([command, '--system'], { cwd: dir, env: suite.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`No such option: --system for \`pipgrub ${command}\``);
  });

  it('install --system without a Pipfile is refused as Pipenv does, and creates nothing', async () => {
    const dir = suite.project();
    const r = await pipgrub(['install', '--system', 'sysdemo'], { cwd: dir, env: suite.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--system is intended to be used for pre-existing Pipfile installation, not installation of specific packages. Aborting.');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('inside an active virtualenv ($VIRTUAL_ENV), --system targets that virtualenv', async () => {
    const active = join(suite.tmp, 'active');
    makeVenv(active);
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { sysdemo: '*' }) });
    const r = await pipgrub(['install', '--system'], { cwd: dir, env: { ...suite.env, VIRTUAL_ENV: active } });
    expect(r.code, r.stderr).toBe(0);
    expect(py(join(active, 'bin', 'python'), 'import sysdemo; print("ok")')).toBe('ok');
    expect(existsSync(join(dir, '.venv'))).toBe(false);
  });

  it.skipIf(process.getuid?.() === 0)('a target whose site-packages is not writable is refused with one line', async () => {
    const target = join(suite.tmp, 'readonly');
    const bin = makeVenv(target);
    const purelib = py(join(bin, 'python'), 'import sysconfig; print(sysconfig.get_paths()["purelib"])');
    chmodSync(purelib, 0o555);
    try {
      const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { sysdemo: '*' }) });
      const before = { ...projectState(dir), target: treeHash(target) };
      const r = await pipgrub(['install', '--system', '--python', join(bin, 'python')], { cwd: dir, env: suite.env });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: .*site-packages is not writable/m);
      expect({ ...projectState(dir), target: treeHash(target) }).toEqual(before);
    } finally {
      chmodSync(purelib, 0o755);
    }
  });
  if (process.getuid?.() === 0) console.warn('e2e-system: not-writable case skipped: running as root, which may write anywhere');

  it('an externally managed interpreter (PEP 668) is refused, unchanged; PIP_BREAK_SYSTEM_PACKAGES=1 overrides', async (t) => {
    const base = join(suite.tmp, 'base');
    const layout = externallyManagedLayout(base);
    if ('skip' in layout) {
      console.warn(`e2e-system: externally-managed case skipped: ${layout.skip}`);
      t.skip();
      return;
    }
    const dir = suite.project({ Pipfile: pipfileFor(suite.index.simpleUrl, { sysdemo: '*' }) });
    const before = { ...projectState(dir), base: treeHash(base) };
    const refused = await pipgrub(['install', '--system', '--python', layout.python], { cwd: dir, env: suite.env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: .*externally managed \(PEP 668: .*EXTERNALLY-MANAGED\): This Python belongs to the e2e test\.$/m);
    expect(refused.stderr).toMatch(/^hint: .*PIP_BREAK_SYSTEM_PACKAGES=1/m);
    expect({ ...projectState(dir), base: treeHash(base) }).toEqual(before);

    const forced = await pipgrub(['install', '--system', '--python', layout.python], { cwd: dir, env: { ...suite.env, PIP_BREAK_SYSTEM_PACKAGES: '1' } });
    expect(forced.code, forced.stderr).toBe(0);
    expect(py(layout.python, 'import sysdemo, sys; print(sysdemo.__file__.startswith(sys.prefix))')).toBe('True');
    expect(existsSync(join(dir, '.venv'))).toBe(false);
  });
});
