// Proof that the kit's artifacts and indexes are real: the machine's own pip installs from a kit index
// (with a dependency, a console script, Requires-Python and yanked filtering), also from an old-style index.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startIndex, wheelDataDir, type IndexDescription } from '@pipgrub/test-kit';

const pipVersion = spawnSync('python3', ['-m', 'pip', '--version'], { encoding: 'utf8', env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' } });
const hasPip = pipVersion.status === 0;
if (!hasPip) console.log('skipping pip install checks against the kit index: `python3 -m pip` is not available');

const DESCRIPTION: IndexDescription = {
  app: {
    '1.0': {
      requiresDist: ['lib>=1', 'unused-extra-dep; extra == "never"'],
      providesExtra: ['never'],
      requiresPython: '>=3.6',
      entryPoints: { console_scripts: { app: 'app.cli:main' } },
      files: {
        'ns/sub/mod.py': 'VALUE = 42\n',
        [`${wheelDataDir('app', '1.0')}/scripts/app-sh`]: '#!/bin/sh\necho app-sh\n',
      },
      sdist: true,
    },
  },
  lib: {
    '1.0': {},
    '1.1': { sdist: true },
    '1.2': { yanked: 'do not use' },
    '2.0': { requiresPython: '>=4' },
  },
};

// Building an sdist without network needs pip plus setuptools >= 61 and bdist_wheel (the `wheel`
// package, or setuptools >= 70.1) in the same Python; take the first Python on this machine that has them.
const BUILD_CHECK = `import setuptools, pip, sys
v = tuple(int(x) for x in setuptools.__version__.split('.')[:2])
try:
    import wheel
    has_wheel = True
except ImportError:
    has_wheel = v >= (70, 1)
sys.exit(0 if v >= (61, 0) and has_wheel else 1)`;
const sdistPython = ['python3', '/usr/bin/python3'].find((py) => spawnSync(py, ['-c', BUILD_CHECK], { encoding: 'utf8' }).status === 0);
if (!sdistPython) console.log('skipping the pip sdist build check: no python3 with pip, setuptools >= 61 and wheel');

// pip rejects an unknown --use-feature value (exit 2) even with --help.
const hasFastDeps = hasPip && spawnSync('python3', ['-m', 'pip', 'install', '--use-feature=fast-deps', '--help'], { encoding: 'utf8', env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' } }).status === 0;
if (hasPip && !hasFastDeps) console.log("skipping the pip Range check: this pip has no --use-feature=fast-deps");

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

// pip must run asynchronously: the index server lives in this process's event loop.
function run(cmd: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

async function pipInstall(indexUrl: string, name: string, extraArgs: string[] = [], python = 'python3') {
  const target = mkdtempSync(join(tmpdir(), 'pipgrub-pip-target-'));
  tmp.push(target);
  // The machine's pip is configured (file and PIP_* variables) with other indexes: drop all of that.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('PIP_')) env[k] = v;
  env['PIP_CONFIG_FILE'] = '/dev/null';
  env['NO_PROXY'] = '127.0.0.1';
  const r = await run(python, [
    '-m', 'pip', 'install', '--isolated', '--no-cache-dir', '--disable-pip-version-check', '--no-input',
    '--timeout', '20', '--retries', '0', '--target', target, '--index-url', indexUrl, ...extraArgs, name,
  ], env, 120_000);
  return { ...r, target };
}

describe.skipIf(!hasPip)(`pip (${pipVersion.stdout?.split(' from ')[0] ?? 'absent'}) installs from a kit index`, () => {
  it('installs app with its dependency, console script and data script; skips yanked and Requires-Python-excluded lib', async () => {
    const idx = await startIndex(DESCRIPTION);
    try {
      const r = await pipInstall(idx.simpleUrl, 'app');
      expect(r.status, r.stderr + r.stdout).toBe(0);
      const t = r.target;
      for (const p of ['app/__init__.py', 'app/cli.py', 'ns/sub/mod.py', 'app-1.0.dist-info/METADATA', 'app-1.0.dist-info/RECORD', 'app-1.0.dist-info/entry_points.txt', 'lib/__init__.py', 'bin/app', 'bin/app-sh']) {
        expect(existsSync(join(t, p)), p).toBe(true);
      }
      expect(readdirSync(t).filter((d) => d.startsWith('lib-'))).toEqual(['lib-1.1.dist-info']);
      expect(readFileSync(join(t, 'app-1.0.dist-info/METADATA'), 'utf8')).toContain('Requires-Dist: lib>=1');
      const run = spawnSync('python3', [join(t, 'bin/app')], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: t } });
      expect(run.stdout).toBe('app 1.0\n');
      const ns = spawnSync('python3', ['-c', 'import ns.sub.mod as m, lib; print(m.VALUE, lib.__version__)'], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: t } });
      expect(ns.stdout).toBe('42 1.1\n');

      const paths = idx.requests.map((q) => q.path);
      expect(paths).toContain('/simple/app/');
      expect(paths).toContain('/simple/lib/');
      expect(paths).toContain('/files/app-1.0-py3-none-any.whl');
      expect(paths).toContain('/files/lib-1.1-py3-none-any.whl');
      expect(paths).not.toContain('/files/lib-1.2-py3-none-any.whl');
      expect(paths).not.toContain('/files/lib-2.0-py3-none-any.whl');
      // pip >= 22.3 reads PEP 658 metadata and checks its hash before downloading a wheel.
      const pipMajor = Number(/pip (\d+)/.exec(pipVersion.stdout)?.[1] ?? 0);
      if (pipMajor >= 23) expect(paths).toContain('/files/app-1.0-py3-none-any.whl.metadata');
      const page = idx.requests.find((q) => q.path === '/simple/app/')!;
      console.log(`pip asked for: ${page.headers['accept']}; paths: ${paths.join(' ')}`);
    } finally {
      await idx.close();
    }
  });

  it('installs from an old-style HTML-only index (no hashes, no metadata files) behind basic auth', async () => {
    const idx = await startIndex(DESCRIPTION, {
      indexOptions: { json: false, metadataFiles: false, hashFragments: false, requiresPythonAttr: false, yankedAttr: false },
      serveOptions: { basicAuth: { username: 'ci', password: 'pw' }, range: false },
    });
    try {
      const r = await pipInstall(`http://ci:pw@127.0.0.1:${idx.port}/simple/`, 'app');
      expect(r.status, r.stderr + r.stdout).toBe(0);
      // Without data-requires-python pip learns from the wheel METADATA instead; without data-yanked, 1.2 is fair game.
      expect(readdirSync(r.target).filter((d) => d.startsWith('lib-'))).toEqual(['lib-1.2.dist-info']);
      expect(idx.requests.some((q) => q.status === 401 || q.headers['authorization'])).toBe(true);
    } finally {
      await idx.close();
    }
  });

  it.skipIf(!hasFastDeps)('reads wheel METADATA through HTTP Range requests (pip --use-feature=fast-deps, no PEP 658 files)', async () => {
    // ~200 KB of incompressible bytes make the wheel bigger than pip's 10 KB lazy-wheel chunk.
    const noise = new Uint8Array(200_000);
    let x = 12345;
    for (let i = 0; i < noise.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      noise[i] = x >>> 24;
    }
    const idx = await startIndex(
      { app: { '1.0': { requiresDist: ['lib>=1'], files: { 'app/noise.bin': noise } } }, lib: { '1.0': {} } },
      { indexOptions: { metadataFiles: false } },
    );
    try {
      const r = await pipInstall(idx.simpleUrl, 'app', ['--use-feature=fast-deps']);
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(existsSync(join(r.target, 'app-1.0.dist-info/METADATA'))).toBe(true);
      const wheel = idx.index.byFilename.get('app-1.0-py3-none-any.whl')!;
      expect(wheel.size).toBeGreaterThan(150_000);
      const ranged = idx.requests.filter((q) => q.path === wheel.urlPath && q.status === 206);
      expect(ranged.length).toBeGreaterThan(0);
      expect(ranged.every((q) => q.bytes < wheel.size)).toBe(true);
      console.log(`pip fast-deps ranges on ${wheel.filename} (${wheel.size} bytes): ${ranged.map((q) => q.headers['range']).join(', ')}`);
    } finally {
      await idx.close();
    }
  });

  it.skipIf(!sdistPython)('builds and installs an sdist-only release (PKG-INFO + pyproject.toml) with setuptools', async () => {
    const idx = await startIndex({
      srcpkg: { '1.0': { wheels: [], sdist: true, requiresDist: ['lib>=1', 'nothere; extra == "opt"'], providesExtra: ['opt'], entryPoints: { console_scripts: { srcpkg: 'srcpkg.cli:main' } }, files: { 'ns/sub/mod.py': 'VALUE = 7\n' } } },
      lib: { '1.0': {} },
    }, { indexOptions: { json: false } }); // the system pip may be 23.0, whose PEP 691 + PEP 658 JSON handling crashes
    try {
      const r = await pipInstall(idx.simpleUrl, 'srcpkg', ['--no-build-isolation'], sdistPython);
      expect(r.status, r.stderr + r.stdout).toBe(0);
      expect(existsSync(join(r.target, 'srcpkg/cli.py'))).toBe(true);
      expect(existsSync(join(r.target, 'ns/sub/mod.py'))).toBe(true);
      expect(existsSync(join(r.target, 'lib/__init__.py'))).toBe(true);
      const run = spawnSync(sdistPython!, [join(r.target, 'bin/srcpkg')], { encoding: 'utf8', env: { ...process.env, PYTHONPATH: r.target } });
      expect(run.stdout).toBe('srcpkg 1.0\n');
      expect(idx.requests.map((q) => q.path)).toContain('/files/srcpkg-1.0.tar.gz');
    } finally {
      await idx.close();
    }
  });
});
