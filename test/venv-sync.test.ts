// Sync: planning (install missing, replace changed, remove extraneous), downloads through the
// injected downloader, the hash-keyed cache (second env costs no download), and all-or-nothing staging.
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWheel } from '@pipgrub/test-kit';
import {
  WheelCache, createVenv, isVenvError, listInstalled, planSync, syncEnvironment, type Downloader, type InterpreterInfo, type WantedPackage,
} from '@pipgrub/venv';
import { pickPythons, run, snapshotTree } from '../packages/venv/src/testing/support';

let tmp: string;
let py: InterpreterInfo | undefined;
const files = new Map<string, { path: string; sha256: string }>();

function want(name: string, version: string): WantedPackage {
  const f = files.get(`${name}==${version}`)!;
  return { name, version, url: `https://example.invalid/${path.basename(f.path)}`, hashes: [`sha256:${f.sha256}`] };
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-sync-'));
  py = (await pickPythons(1, path.join(tmp, 'cache')))[0];
  const specs: Array<[string, string, Parameters<typeof buildWheel>[2]]> = [
    ['one', '1.0', {}],
    ['one', '2.0', { files: { 'one/extra.py': 'X = 2\n' } }],
    ['two', '1.0', { entryPoints: { console_scripts: { two: 'two:main' } } }],
    ['three', '1.0', {}],
  ];
  for (const [n, v, r] of specs) {
    const w = buildWheel(n, v, r);
    const p = path.join(tmp, 'index', w.filename);
    await writeFile(p, w.bytes).catch(async () => {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(path.dirname(p), { recursive: true });
      await writeFile(p, w.bytes);
    });
    files.set(`${n}==${v}`, { path: p, sha256: w.sha256 });
  }
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function countingDownloader(): { download: Downloader; calls: string[] } {
  const calls: string[] = [];
  const download: Downloader = async (pkg, dir) => {
    calls.push(pkg.name);
    const src = path.join(tmp, 'index', path.basename(pkg.url!));
    const dest = path.join(dir, path.basename(src));
    await copyFile(src, dest);
    return dest;
  };
  return { download, calls };
}

describe('planSync', () => {
  it('plans install, replace, keep and (only when asked) remove, protecting pip', () => {
    const installed = [
      { name: 'one', key: 'one', version: '1.0', distInfo: '', location: '', installer: null, directUrl: null },
      { name: 'stale', key: 'stale', version: '1.0', distInfo: '', location: '', installer: null, directUrl: null },
      { name: 'pip', key: 'pip', version: '24.0', distInfo: '', location: '', installer: null, directUrl: null },
      { name: 'Two', key: 'two', version: '1.0', distInfo: '', location: '', installer: null, directUrl: null },
    ];
    const wanted = [
      { name: 'One', version: '2.0' },
      { name: 'two', version: '1.0' },
      { name: 'new_pkg', version: '1.0' },
    ];
    const kinds = (opts = {}) => planSync(installed, wanted, opts).map((a) => `${a.kind}:${'want' in a ? a.want.name : a.installed.name}`);
    expect(kinds()).toEqual(['replace:One', 'keep:Two', 'install:new_pkg']);
    expect(kinds({ removeExtraneous: true })).toEqual(['replace:One', 'keep:Two', 'install:new_pkg', 'remove:stale']);
  });
});

describe('syncEnvironment', () => {
  it('installs, upgrades, removes extraneous; a second environment hits the cache', async (ctx) => {
    if (!py) return (console.log('no Python >= 3.8; skipped'), ctx.skip());
    const cache = new WheelCache(path.join(tmp, 'cache'));
    const env = await createVenv(path.join(tmp, 'a'), { python: py, cacheDir: cache.root });
    const d1 = countingDownloader();
    const r1 = await syncEnvironment(env, [want('one', '1.0'), want('two', '1.0'), want('three', '1.0')], { cache, download: d1.download, concurrency: 2 });
    expect(r1.installed.sort()).toEqual(['one==1.0', 'three==1.0', 'two==1.0']);
    expect(d1.calls.sort()).toEqual(['one', 'three', 'two']);
    expect((await run(path.join(env.root, 'bin', 'two'), [])).stdout.trim()).toBe('two 1.0');

    const r2 = await syncEnvironment(env, [want('one', '2.0'), want('two', '1.0')], { cache, download: d1.download, removeExtraneous: true, compile: true });
    expect(r2).toMatchObject({ installed: [], replaced: ['one==2.0'], removed: ['three==1.0'], kept: ['two==1.0'] });
    const names = (await listInstalled(env)).map((d) => `${d.name}==${d.version}`).sort();
    expect(names).toEqual(['one==2.0', 'two==1.0']);
    const imp = await run(env.python, ['-c', 'import one.extra; print(one.__version__)']);
    expect(imp.stdout.trim(), imp.stderr).toBe('2.0');
    await expect(stat(path.join(env.scheme.purelib, 'three'))).rejects.toThrow();
    await expect(stat(path.join(env.scheme.purelib, 'one', '__pycache__'))).resolves.toBeTruthy();

    // second environment: everything comes from the unpacked cache, no download, hardlinked
    const env2 = await createVenv(path.join(tmp, 'b'), { python: py, cacheDir: cache.root });
    const d2 = countingDownloader();
    const events: string[] = [];
    await syncEnvironment(env2, [want('one', '2.0'), want('two', '1.0')], { cache, download: d2.download, onEvent: (e) => events.push(`${e.kind} ${e.name}`) });
    expect(d2.calls).toEqual([]);
    expect(events.sort()).toEqual(['cached one', 'cached two', 'installed one', 'installed two']);
    const a = await stat(path.join(env.scheme.purelib, 'one', 'extra.py'));
    const b = await stat(path.join(env2.scheme.purelib, 'one', 'extra.py'));
    expect(b.ino).toBe(a.ino);
    const script = await readFile(path.join(env2.root, 'bin', 'two'), 'utf8');
    expect(script.split('\n')[0]).toBe(`#!${env2.python}`);
  });

  it('all-or-nothing: one bad hash means nothing is installed', async (ctx) => {
    if (!py) return ctx.skip();
    const cache = new WheelCache(path.join(tmp, 'cache2'));
    const env = await createVenv(path.join(tmp, 'c'), { python: py, cacheDir: cache.root });
    const before = await snapshotTree(env.root);
    const bad = { ...want('three', '1.0'), hashes: [`sha256:${'0'.repeat(64)}`] };
    const d = countingDownloader();
    await expect(syncEnvironment(env, [want('one', '1.0'), bad, want('two', '1.0')], { cache, download: d.download })).rejects.toSatisfy(
      (e: unknown) => isVenvError(e) && e.code === 'HASH_MISMATCH',
    );
    expect(await snapshotTree(env.root)).toEqual(before);
  });

  it('reports a missing downloader as a typed error', async (ctx) => {
    if (!py) return ctx.skip();
    const cache = new WheelCache(path.join(tmp, 'cache3'));
    const env = await createVenv(path.join(tmp, 'd'), { python: py, cacheDir: cache.root });
    await expect(syncEnvironment(env, [want('one', '1.0')], { cache })).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === 'DOWNLOAD_FAILED');
  });
});

describe('planSync with direct references', () => {
  it('replaces a direct install whose recorded archive hash the lock no longer allows', () => {
    const d = { name: 'x', key: 'x', version: '1.0', distInfo: '', location: '', installer: 'pipgrub', directUrl: { url: 'file:///x.whl', archive_info: { hashes: { sha256: 'aa' } } } };
    expect(planSync([d], [{ name: 'x', version: '1.0', hashes: ['sha256:aa'] }])[0]!.kind).toBe('keep');
    expect(planSync([d], [{ name: 'x', version: '1.0', hashes: ['sha256:bb'] }])[0]!.kind).toBe('replace');
    expect(planSync([d], [{ name: 'x', version: '1.0' }])[0]!.kind).toBe('keep');
  });
});

describe('cache on another filesystem', () => {
  it('falls back to copies when hardlinks are impossible', async (ctx) => {
    if (!py) return ctx.skip();
    let shm: string;
    try {
      shm = await mkdtemp('/dev/shm/pipgrub-cache-');
    } catch {
      return console.log('no /dev/shm; skipped');
    }
    try {
      if ((await stat(shm)).dev === (await stat(tmp)).dev) return console.log('/dev/shm is on the same filesystem; skipped');
      const cache = new WheelCache(shm);
      const env = await createVenv(path.join(tmp, 'xdev'), { python: py, cacheDir: path.join(tmp, 'cache') });
      await syncEnvironment(env, [want('one', '1.0'), want('two', '1.0')], { cache, download: countingDownloader().download });
      const st = await stat(path.join(env.scheme.purelib, 'one', '__init__.py'));
      expect(st.nlink).toBe(1);
      const r = await run(path.join(env.root, 'bin', 'two'), []);
      expect(r.stdout.trim(), r.stderr).toBe('two 1.0');
    } finally {
      await rm(shm, { recursive: true, force: true });
    }
  });
});

describe('installedGraph', () => {
  it('links installed distributions by Requires-Dist, markers evaluated, extras left out', async (ctx) => {
    if (!py) return ctx.skip();
    const { installedGraph, installWheel } = await import('@pipgrub/venv');
    const cache = new WheelCache(path.join(tmp, 'cache-graph'));
    const env = await createVenv(path.join(tmp, 'graph'), { python: py, cacheDir: cache.root });
    const specs: Array<[string, Parameters<typeof buildWheel>[2]]> = [
      ['app', { requiresDist: ['Lib_X>=1.0', 'winonly; sys_platform == "win32"', 'extra-dep; extra == "x"', 'missing-one'] }],
      ['lib-x', {}],
      ['winonly', {}],
      ['extra-dep', {}],
    ];
    for (const [n, r] of specs) {
      const w = buildWheel(n, '1.0', r);
      const p = path.join(tmp, w.filename);
      await writeFile(p, w.bytes);
      await installWheel(env, p, { cache });
    }
    const g = await installedGraph(env);
    expect(g.get('app')!.dependencies).toEqual(process.platform === 'win32' ? [{ key: 'lib-x', required: '>=1.0' }, { key: 'winonly', required: 'Any' }] : [{ key: 'lib-x', required: '>=1.0' }]);
    expect(g.get('lib-x')!.dependencies).toEqual([]);
  });
});

describe('concurrent syncs sharing a cold cache', () => {
  it('both succeed and agree (the unpack race keeps one verified tree)', async (ctx) => {
    if (!py) return ctx.skip();
    const cache = new WheelCache(path.join(tmp, 'cache-race'));
    const [e1, e2] = await Promise.all([
      createVenv(path.join(tmp, 'race1'), { python: py, cacheDir: path.join(tmp, 'cache') }),
      createVenv(path.join(tmp, 'race2'), { python: py, cacheDir: path.join(tmp, 'cache') }),
    ]);
    const wanted = [want('one', '1.0'), want('two', '1.0'), want('three', '1.0')];
    await Promise.all([
      syncEnvironment(e1, wanted, { cache, download: countingDownloader().download }),
      syncEnvironment(e2, wanted, { cache, download: countingDownloader().download }),
    ]);
    for (const e of [e1, e2]) expect((await listInstalled(e)).map((d) => d.name).sort()).toEqual(['one', 'three', 'two']);
  });
});

describe('overlapping files', () => {
  it('fall back to one-after-another commits: the later package wins, as with pip', async (ctx) => {
    if (!py) return ctx.skip();
    const cache = new WheelCache(path.join(tmp, 'cache-overlap'));
    const env = await createVenv(path.join(tmp, 'overlap'), { python: py, cacheDir: path.join(tmp, 'cache') });
    const wanted: WantedPackage[] = [];
    for (const n of ['ov-a', 'ov-b']) {
      const w = buildWheel(n, '1.0', { files: { 'shared_mod.py': `WHO = ${JSON.stringify(n)}\n` } });
      const p = path.join(tmp, w.filename);
      await writeFile(p, w.bytes);
      wanted.push({ name: n, version: '1.0', path: p, hashes: [`sha256:${w.sha256}`] });
    }
    await syncEnvironment(env, wanted, { cache, commitConcurrency: 8 });
    expect(await readFile(path.join(env.scheme.purelib, 'shared_mod.py'), 'utf8')).toBe('WHO = "ov-b"\n');
  });
});
