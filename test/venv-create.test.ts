// Real-interpreter tests of Python discovery and virtualenv creation: the created environment runs,
// reports the right sys.prefix, activates in bash (and other shells present), and seeded pip works.
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createVenv, findPython, findPythons, isVenvError, listPythonCandidates, openVenv, parsePyvenvCfg, removeVenv, type InterpreterInfo,
} from '@pipgrub/venv';
import { pickPythons, pipEnv, run } from '../packages/venv/src/testing/support';

let tmp: string;
let cacheDir: string;
let pythons: InterpreterInfo[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-venv-create-'));
  cacheDir = path.join(tmp, 'cache');
  pythons = await pickPythons(2, cacheDir);
  if (pythons.length < 2) console.warn(`only ${pythons.length} Python >= 3.8 found; some cases are skipped`);
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function which(cmd: string): Promise<boolean> {
  return (await run('sh', ['-c', `command -v ${cmd}`])).code === 0;
}

describe('discovery', () => {
  it('finds interpreters and answers from the cache the second time', async () => {
    const candidates = await listPythonCandidates();
    expect(candidates.length).toBeGreaterThan(0);
    const all = await findPythons({ cacheDir });
    expect(all.length).toBeGreaterThan(0);
    for (const p of all) expect(p.markers.python_version).toBe(`${p.version[0]}.${p.version[1]}`);
    const t0 = performance.now();
    await findPythons({ cacheDir });
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('selects by version, specifier, implementation and path', async () => {
    const p = pythons[0];
    if (!p) return;
    const v = `${p.version[0]}.${p.version[1]}`;
    expect((await findPython(v, { cacheDir })).version.slice(0, 2)).toEqual(p.version.slice(0, 2));
    expect((await findPython(`cpython@${v}`, { cacheDir })).implementation).toBe('cpython');
    const ge = await findPython(`>=${v}`, { cacheDir });
    expect(ge.version[1]).toBeGreaterThanOrEqual(p.version[1]);
    expect((await findPython(p.path, { cacheDir })).path).toBe(p.path);
  });

  it('reports a typed error when nothing matches', async () => {
    await expect(findPython('9.99', { cacheDir })).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === 'PYTHON_NOT_FOUND');
    await expect(findPython('>>3', { cacheDir })).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === 'BAD_PYTHON_REQUEST');
  });
});

describe('createVenv', () => {
  it('creates environments that run, for at least two Python versions', async () => {
    if (pythons.length === 0) return console.log('no Python >= 3.8 found; skipped');
    for (const py of pythons) {
      const root = path.join(tmp, `env-${py.version.join('')}`);
      const env = await createVenv(root, { python: py, cacheDir });
      const r = await run(env.python, ['-c', 'import sys; print(sys.prefix); print(sys.base_prefix); print(sys.version_info[:2])']);
      expect(r.code, r.stderr).toBe(0);
      const [prefix, base, ver] = r.stdout.trim().split('\n');
      expect(prefix).toBe(root);
      expect(base).not.toBe(root);
      expect(ver).toBe(`(${py.version[0]}, ${py.version[1]})`);
      const cfg = parsePyvenvCfg(await readFile(path.join(root, 'pyvenv.cfg'), 'utf8'));
      expect(cfg['include-system-site-packages']).toBe('false');
      expect(cfg.version).toBe(py.version.join('.'));
      const site = await run(env.python, ['-c', 'import site, sys; print(site.getsitepackages()[0]); print(sys.flags.no_site)']);
      expect(site.stdout.split('\n')[0]).toBe(env.scheme.purelib);
      // openVenv reads it back
      const reopened = await openVenv(root, { cacheDir });
      expect(reopened.scheme.purelib).toBe(env.scheme.purelib);
    }
  });

  it('activate, sourced in a bash subshell, sets VIRTUAL_ENV and PATH; deactivate restores them', async (ctx) => {
    const py = pythons[0];
    if (!py) return (console.log('no Python >= 3.8 found; skipped'), ctx.skip());
    const root = path.join(tmp, 'env-activate');
    await createVenv(root, { python: py, cacheDir, prompt: 'demo' });
    const script = `source '${root}/bin/activate' && echo "VE=$VIRTUAL_ENV" && echo "P=$PATH" && echo "PY=$(command -v python)" && echo "PR=$VIRTUAL_ENV_PROMPT" && deactivate && echo "AFTER=\${VIRTUAL_ENV:-unset} $PATH"`;
    const r = await run('bash', ['-c', script], { env: { ...process.env, PATH: '/usr/bin:/bin' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`VE=${root}\n`);
    expect(r.stdout).toContain(`P=${root}/bin:/usr/bin:/bin\n`);
    expect(r.stdout).toContain(`PY=${root}/bin/python\n`);
    expect(r.stdout).toContain('PR=(demo) \n');
    expect(r.stdout).toContain('AFTER=unset /usr/bin:/bin');
  });

  it('other shells: activation scripts parse/run where the shell is installed', async (ctx) => {
    const py = pythons[0];
    if (!py) return (console.log('no Python >= 3.8 found; skipped'), ctx.skip());
    const root = path.join(tmp, 'env-shells');
    await createVenv(root, { python: py, cacheDir });
    const bin = `${root}/bin`;
    const cshScript = path.join(tmp, 'check.csh');
    await writeFile(cshScript, `source '${bin}/activate.csh'\necho $VIRTUAL_ENV\necho $PATH | cut -d: -f1\ndeactivate\nif (! $?VIRTUAL_ENV) echo gone\n`);
    // each prints: VIRTUAL_ENV, first PATH entry, then "gone" once deactivate removed VIRTUAL_ENV
    const shells: Array<[string, string[]]> = [
      ['zsh', ['-c', `source '${bin}/activate' && echo $VIRTUAL_ENV && echo \${PATH%%:*} && deactivate && echo \${VIRTUAL_ENV:-gone}`]],
      ['fish', ['-c', `source '${bin}/activate.fish'; echo $VIRTUAL_ENV; echo $PATH[1]; deactivate; set -q VIRTUAL_ENV; or echo gone`]],
      // csh expands aliases when it parses a line, so `deactivate` must be on a line of its own: a script file
      ['csh', [cshScript]],
      ['tcsh', [cshScript]],
      ['pwsh', ['-NoProfile', '-Command', `. '${bin}/Activate.ps1'; Write-Output $env:VIRTUAL_ENV; Write-Output ($env:PATH -split [IO.Path]::PathSeparator)[0]; deactivate; if (-not $env:VIRTUAL_ENV) { Write-Output gone }`]],
      ['nu', ['-c', `overlay use '${bin}/activate.nu'; print $env.VIRTUAL_ENV; print ($env.PATH | first); print gone`]],
    ];
    for (const [sh, args] of shells) {
      if (!(await which(sh))) {
        console.log(`activation: ${sh} not installed, skipped`);
        continue;
      }
      const r = await run(sh, args, { env: { ...process.env, PATH: '/usr/bin:/bin' } });
      expect(r.code, `${sh}: ${r.stderr}`).toBe(0);
      expect(r.stdout.trim().split('\n'), sh).toEqual([root, bin, 'gone']);
    }
    // bash at least checks the POSIX script's syntax
    expect((await run('bash', ['-n', `${root}/bin/activate`])).code).toBe(0);
  });

  it('seeds pip from the interpreter\'s bundled wheel, and that pip works', async () => {
    for (const py of pythons) {
      const root = path.join(tmp, `env-seed-${py.version.join('')}`);
      const env = await createVenv(root, { python: py, cacheDir, seed: true });
      const r = await run(env.python, ['-m', 'pip', '--version'], { env: pipEnv() });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(env.scheme.purelib);
      const launcher = await run(path.join(root, 'bin', 'pip'), ['list', '--format=freeze'], { env: pipEnv() });
      expect(launcher.code, launcher.stderr).toBe(0);
      expect(launcher.stdout).toMatch(/^pip==/m);
      const versioned = await run(path.join(root, 'bin', `pip${py.version[0]}.${py.version[1]}`), ['--version'], { env: pipEnv() });
      expect(versioned.code).toBe(0);
    }
  });

  it('refuses to overwrite, clears on request, and removes only virtualenvs', async (ctx) => {
    const py = pythons[0];
    if (!py) return (console.log('no Python >= 3.8 found; skipped'), ctx.skip());
    const root = path.join(tmp, 'env-exists');
    await createVenv(root, { python: py, cacheDir });
    await expect(createVenv(root, { python: py, cacheDir })).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === 'VENV_EXISTS');
    await createVenv(root, { python: py, cacheDir, clear: true });
    const plain = path.join(tmp, 'not-a-venv');
    await mkdir(plain);
    await expect(removeVenv(plain)).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === 'NOT_A_VENV');
    await removeVenv(root);
    expect(await readFile(path.join(root, 'pyvenv.cfg')).catch(() => null)).toBeNull();
  });

  it('refuses Python 2 with a typed error (pyvenv.cfg needs 3.3+)', async () => {
    const py2 = (await findPythons({ cacheDir })).find((p) => p.version[0] === 2);
    if (!py2) {
      console.log('no Python 2 interpreter found; skipped');
      return;
    }
    await expect(createVenv(path.join(tmp, 'env-py2'), { python: py2, cacheDir })).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === 'PYTHON_UNSUPPORTED');
  });
});

describe('wheel tags from the cached query', () => {
  it('agree with packaging.tags.sys_tags() of the same interpreter', async () => {
    const { supportedTags } = await import('@pipgrub/venv');
    let checked = 0;
    // borrow `packaging` from the python3 on PATH (pure Python) for interpreters that lack it
    const where = await run('python3', ['-c', 'import os, packaging; print(os.path.dirname(os.path.dirname(packaging.__file__)))']);
    const extra = where.code === 0 ? { PYTHONPATH: where.stdout.trim() } : {};
    for (const py of pythons) {
      const r = await run(py.path, ['-c', 'from packaging import tags; print("\\n".join(str(t) for t in tags.sys_tags()))'], { env: { ...process.env, ...extra } });
      if (r.code !== 0) {
        console.log(`packaging not importable by ${py.path}; skipped`);
        continue;
      }
      checked++;
      const theirs = r.stdout.trim().split('\n');
      const ours = await supportedTags(py);
      expect(ours[0]).toBe(theirs[0]);
      expect(new Set(ours)).toEqual(new Set(theirs));
    }
    if (checked === 0) console.log('no interpreter with packaging installed; tag comparison skipped');
  });
});
