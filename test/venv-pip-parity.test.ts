// File-for-file parity with pip: the same kit-built wheels (data dirs, entry points, namespace
// packages, a platlib wheel) installed by pip and by pipgrub into the same venv path give the same tree.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWheel } from '@pipgrub/test-kit';
import {
  WheelCache, createVenv, installWheel, listInstalled, removeVenv, uninstallDistribution, type InterpreterInfo,
} from '@pipgrub/venv';
import { diffSnapshots, pickPythons, pipEnv, run, snapshotTree } from '../packages/venv/src/testing/support';

let tmp: string;
let py: InterpreterInfo | undefined;
let wheels: string[] = [];
let root: string;
let cache: WheelCache;
const cacheDir = () => path.join(tmp, 'cache');

const noPycache = (rel: string) => rel.split('/').includes('__pycache__');

async function kitWheels(dir: string, info: InterpreterInfo): Promise<string[]> {
  const plat = info.platform.replace(/[-.]/g, '_');
  const built = [
    buildWheel('alpha', '1.0', {
      entryPoints: {
        console_scripts: { alpha: 'alpha:main', 'alpha-cli': 'alpha.cli:run' },
        gui_scripts: { 'alpha-gui': 'alpha:main' },
      },
      files: {
        'alpha-1.0.data/scripts/alpha-tool': '#!python\nimport alpha\nprint(alpha.__version__)\n',
        'alpha-1.0.data/scripts/plain.sh': '#!/bin/sh\necho plain\n',
        'alpha-1.0.data/scripts/alpha': '#!python\n# a setuptools wrapper pip skips: an entry point of the same name exists\n',
        'alpha-1.0.data/data/share/alpha/readme.txt': 'data file\n',
        'alpha-1.0.data/headers/alpha.h': '#define ALPHA 1\n',
        'alpha-1.0.data/purelib/alpha_extra.py': 'EXTRA = True\n',
      },
    }),
    buildWheel('ns-one', '1.0', { files: { 'nsroot/one/__init__.py': 'ONE = 1\n' } }),
    buildWheel('ns-two', '2.0', { files: { 'nsroot/two/__init__.py': 'TWO = 2\n' } }),
    buildWheel('Gamma_Plat', '3.0', { files: { 'gamma_plat/native.py': 'NATIVE = 1\n', 'gamma_plat-3.0.data/headers/gamma.h': '#define G 1\n' } }, `py3-none-${plat}`),
  ];
  const out: string[] = [];
  for (const w of built) {
    const p = path.join(dir, w.filename);
    await writeFile(p, w.bytes);
    out.push(p);
  }
  return out;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-parity-'));
  py = (await pickPythons(1, cacheDir()))[0];
  if (!py) return;
  wheels = await kitWheels(tmp, py);
  root = path.join(tmp, 'venv');
  cache = new WheelCache(cacheDir());
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function freshVenv(): Promise<void> {
  await removeVenv(root);
  await createVenv(root, { python: py!, cacheDir: cacheDir(), seed: async (env) => {
    const { bundledPipWheel } = await import('@pipgrub/venv');
    const pip = await bundledPipWheel(env.interpreter);
    await installWheel(env, pip!, { cache });
  } });
}

async function pipInstall(): Promise<void> {
  const r = await run(path.join(root, 'bin', 'python'), ['-m', 'pip', 'install', '--isolated', '--no-deps', '--no-index', ...wheels], { env: pipEnv() });
  expect(r.code, r.stderr).toBe(0);
}

async function pipgrubInstall(): Promise<void> {
  const { openVenv } = await import('@pipgrub/venv');
  const env = await openVenv(root, { cacheDir: cacheDir() });
  for (const w of wheels) {
    await installWheel(env, w, { cache, compile: true, directUrl: { url: pathToFileURL(w).href } });
  }
}

function recordLines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l && !l.includes('__pycache__') && !l.includes('.dist-info/INSTALLER,')).sort();
}

describe('pip parity', () => {
  it('pipgrub installs the same tree as pip (apart from INSTALLER, RECORD order, __pycache__)', async () => {
    if (!py) {
      console.log('no Python >= 3.8 found; skipped');
      return;
    }
    await freshVenv();
    const before = await snapshotTree(root, noPycache);
    await pipInstall();
    const viaPip = await snapshotTree(root, noPycache);
    const pipRecords = new Map<string, string[]>();
    const pipPycs = [...(await snapshotTree(root)).keys()].filter((k) => k.endsWith('.pyc') && !k.includes('/pip/')).sort();
    for (const k of viaPip.keys()) if (k.endsWith('.dist-info/RECORD')) pipRecords.set(k, recordLines(await readFile(path.join(root, k), 'utf8')));

    // pipgrub uninstalls everything pip installed, leaving the tree exactly as before
    {
      const { openVenv } = await import('@pipgrub/venv');
      const env = await openVenv(root, { cacheDir: cacheDir() });
      for (const d of await listInstalled(env)) if (d.key !== 'pip') await uninstallDistribution(env, d);
      expect(diffSnapshots(before, await snapshotTree(root))).toEqual([]);
    }

    await freshVenv();
    await pipgrubInstall();
    const viaUs = await snapshotTree(root, noPycache);
    const isInstaller = (k: string) => /\.dist-info\/(INSTALLER|RECORD)$/.test(k) && !k.includes('pip-');
    const diff = diffSnapshots(
      new Map([...viaPip].filter(([k]) => !isInstaller(k))),
      new Map([...viaUs].filter(([k]) => !isInstaller(k))),
    );
    expect(diff).toEqual([]);
    for (const [k, lines] of pipRecords) {
      if (k.includes('pip-')) continue;
      expect(recordLines(await readFile(path.join(root, k), 'utf8')), k).toEqual(lines);
      expect((await readFile(path.join(root, k.replace(/RECORD$/, 'INSTALLER')), 'utf8'))).toBe('pipgrub\n');
    }
    // bytecode lands where pip puts it
    const ourPycs = [...(await snapshotTree(root)).keys()].filter((k) => k.endsWith('.pyc') && !k.includes('/pip/')).sort();
    expect(ourPycs).toEqual(pipPycs);

    // what pipgrub installed works and pip understands it
    const bin = path.join(root, 'bin');
    expect((await run(path.join(bin, 'alpha'), [])).stdout.trim()).toBe('alpha 1.0');
    expect((await run(path.join(bin, 'alpha-tool'), [])).stdout.trim()).toBe('1.0');
    const imp = await run(path.join(bin, 'python'), ['-c', 'import nsroot.one, nsroot.two, alpha_extra, gamma_plat.native; print("ok")']);
    expect(imp.stdout.trim(), imp.stderr).toBe('ok');
    const list = await run(path.join(bin, 'python'), ['-m', 'pip', 'list', '--format=freeze'], { env: pipEnv() });
    expect(list.stdout).toContain('alpha==1.0');
    expect(list.stdout).toContain('ns-one==1.0');
    expect(list.stdout).toMatch(/Gamma[_-]Plat==3\.0/i);
    const show = await run(path.join(bin, 'python'), ['-m', 'pip', 'show', '-f', 'alpha'], { env: pipEnv() });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('alpha/__init__.py');
    expect(show.stdout).toContain('../../../bin/alpha-tool');
    const check = await run(path.join(bin, 'python'), ['-m', 'pip', 'check'], { env: pipEnv() });
    expect(check.code, check.stdout + check.stderr).toBe(0);

    // pip uninstalls what pipgrub installed, leaving the tree as before the install
    const un = await run(path.join(bin, 'python'), ['-m', 'pip', 'uninstall', '-y', 'alpha', 'ns-one', 'ns-two', 'gamma-plat'], { env: pipEnv() });
    expect(un.code, un.stderr).toBe(0);
    // pip leaves emptied parent directories (share/, include/site/..., the namespace dir) behind
    const after = await snapshotTree(root, noPycache);
    const leftovers = diffSnapshots(before, after).filter((d) => !(d.startsWith('only in second: ') && after.get(d.slice(16))?.startsWith('dir ')));
    expect(leftovers).toEqual([]);
  });
});

describe('seeded pip parity', () => {
  it('pip seeded by pipgrub matches what `python -m venv` (ensurepip) installs', async (ctx) => {
    if (!py) return ctx.skip();
    const onlyPip = (rel: string) =>
      noPycache(rel) || !(rel.startsWith('bin/pip') || /site-packages\/pip(-[^/]*\.dist-info)?(\/|$)/.test(rel)) || /\.dist-info\/(INSTALLER|RECORD)$/.test(rel);
    await removeVenv(root);
    const r = await run(py.path, ['-m', 'venv', root], { env: pipEnv() });
    expect(r.code, r.stderr).toBe(0);
    const pick = async () => new Map([...(await snapshotTree(root, noPycache))].filter(([k]) => !onlyPip(k)));
    const launcherBodies = async () => {
      const out: Record<string, string> = {};
      for (const n of ['pip', 'pip3', `pip${py!.version[0]}.${py!.version[1]}`]) out[n] = (await readFile(path.join(root, 'bin', n), 'utf8')).split('\n').slice(1).join('\n');
      return out;
    };
    const viaEnsurepip = await pick();
    await removeVenv(root);
    await createVenv(root, { python: py, cacheDir: cacheDir(), seed: true });
    const ensurepipLaunchers = await launcherBodies();
    const viaUs = await pick();
    expect(viaUs.size).toBeGreaterThan(100);
    // launchers differ only in which venv interpreter name the shebang uses (venv runs ensurepip with bin/python3)
    const diff = diffSnapshots(viaEnsurepip, viaUs);
    expect(diff.filter((d) => !/^differs: bin\/pip[\d.]*:/.test(d))).toEqual([]);
    const ours = await launcherBodies();
    expect(ours).toEqual(ensurepipLaunchers);
    expect((await readFile(path.join(root, 'bin', 'pip'), 'utf8')).split('\n')[0]).toBe(`#!${root}/bin/python`);
  });
});
