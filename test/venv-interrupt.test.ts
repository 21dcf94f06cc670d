// The commit phase of a sync is all-or-nothing: a failure injected after any step (install, replace,
// remove), a failing move inside a package, or an abort mid-commit leaves the venv's tree unchanged.
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWheel } from '@pipgrub/test-kit';
import {
  CommitJournal, WheelCache, createVenv, isVenvError, listInstalled, recoverInterruptedChanges, stageWheel, syncEnvironment, uninstallDistribution,
  uninstallDistributions, type Downloader, type InterpreterInfo, type VirtualEnv, type WantedPackage,
} from '@pipgrub/venv';
import { pickPythons, snapshotTree } from '../packages/venv/src/testing/support';

let tmp: string;
let py: InterpreterInfo | undefined;
let cache: WheelCache;
const files = new Map<string, { path: string; sha256: string }>();

function want(name: string, version: string): WantedPackage {
  const f = files.get(`${name}==${version}`)!;
  return { name, version, url: `https://example.invalid/${path.basename(f.path)}`, hashes: [`sha256:${f.sha256}`] };
}

const download: Downloader = async (pkg, dir) => {
  const dest = path.join(dir, path.basename(pkg.url!));
  await copyFile(path.join(tmp, 'index', path.basename(pkg.url!)), dest);
  return dest;
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-interrupt-'));
  await mkdir(path.join(tmp, 'index'));
  py = (await pickPythons(1, path.join(tmp, 'cache')))[0];
  cache = new WheelCache(path.join(tmp, 'cache'));
  const specs: Array<[string, string, Parameters<typeof buildWheel>[2]]> = [
    ['one', '1.0', { files: { 'one/old.py': 'OLD = 1\n' } }],
    ['one', '2.0', { files: { 'one/extra.py': 'X = 2\n' } }],
    ['two', '1.0', { entryPoints: { console_scripts: { two: 'two:main' } } }],
    ['three', '1.0', { files: { 'three/sub/deep.py': 'D = 3\n' } }],
    ['four', '1.0', {}],
  ];
  for (const [n, v, r] of specs) {
    const w = buildWheel(n, v, r);
    const p = path.join(tmp, 'index', w.filename);
    await writeFile(p, w.bytes);
    files.set(`${n}==${v}`, { path: p, sha256: w.sha256 });
  }
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

let n = 0;
/** A venv holding one 1.0 and two 1.0 (the "before" state every case starts from). */
async function populated(): Promise<VirtualEnv> {
  const env = await createVenv(path.join(tmp, `env${n++}`), { python: py!, cacheDir: cache.root });
  await syncEnvironment(env, [want('one', '1.0'), want('two', '1.0')], { cache, download });
  return env;
}

/** The change under test: replace one, install three and four, remove two. */
const target = () => [want('one', '2.0'), want('three', '1.0'), want('four', '1.0')];

describe('sync commit rollback', () => {
  it('a failure after each commit step (replace, installs, removal) restores the tree', async (ctx) => {
    if (!py) return (console.log('venv-interrupt: skipped: no CPython >= 3.8 found'), ctx.skip());
    for (const failAt of [1, 2, 3, 4]) {
      const env = await populated();
      const before = await snapshotTree(env.root);
      const steps: string[] = [];
      const err = await syncEnvironment(env, target(), {
        cache,
        download,
        removeExtraneous: true,
        compile: failAt === 2,
        onCommitStep: (s) => {
          steps.push(`${s.kind}:${s.name}`);
          if (s.index === failAt) throw new Error(`injected failure at step ${failAt}`);
        },
      }).catch((e: unknown) => e);
      expect(isVenvError(err), String(err)).toBe(true);
      expect(steps).toHaveLength(failAt);
      expect(await snapshotTree(env.root), `failure at step ${failAt} (${steps.join(', ')})`).toEqual(before);
      expect((await listInstalled(env)).map((d) => `${d.name}==${d.version}`).sort()).toEqual(['one==1.0', 'two==1.0']);
    }
  });

  it('a move that fails inside a later package rolls back the packages committed before it', async (ctx) => {
    if (!py) return ctx.skip();
    const env = await populated();
    // A plain file where `three/` must become a directory: three's commit cannot create it.
    await writeFile(path.join(env.scheme.purelib, 'three'), 'in the way\n');
    const before = await snapshotTree(env.root);
    const steps: string[] = [];
    const err = await syncEnvironment(env, target(), { cache, download, removeExtraneous: true, commitConcurrency: 1, onCommitStep: (s) => void steps.push(s.name) }).catch((e: unknown) => e);
    expect(isVenvError(err) && err.code).toBe('INSTALL_FAILED');
    expect(steps).toContain('one'); // one 2.0 had been moved into place before three failed
    expect(await snapshotTree(env.root)).toEqual(before);
  });

  it('an abort signal during the commit rolls back and reports SYNC_INTERRUPTED', async (ctx) => {
    if (!py) return ctx.skip();
    const env = await populated();
    const before = await snapshotTree(env.root);
    const controller = new AbortController();
    const err = await syncEnvironment(env, target(), {
      cache,
      download,
      removeExtraneous: true,
      signal: controller.signal,
      onCommitStep: (s) => {
        if (s.index === 2) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(isVenvError(err) && err.code).toBe('SYNC_INTERRUPTED');
    expect(await snapshotTree(env.root)).toEqual(before);
  });

  it('uninstalling several distributions is all-or-nothing too (abort after the first removal)', async (ctx) => {
    if (!py) return ctx.skip();
    const env = await populated();
    const before = await snapshotTree(env.root);
    const controller = new AbortController();
    const dists = (await listInstalled(env)).filter((d) => d.key === 'one' || d.key === 'two');
    const err = await uninstallDistributions(env, dists, { signal: controller.signal, onRemoved: () => controller.abort() }).catch((e: unknown) => e);
    expect(isVenvError(err) && err.code).toBe('SYNC_INTERRUPTED');
    expect(await snapshotTree(env.root)).toEqual(before);
    expect(await uninstallDistributions(env, dists)).toEqual(['one==1.0', 'two==1.0']);
    expect(await listInstalled(env)).toEqual([]);
  });

  it('a process killed mid-commit: its on-disk journal is undone by the next sync (or recoverInterruptedChanges)', async (ctx) => {
    if (!py) return ctx.skip();
    const env = await populated();
    const before = await snapshotTree(env.root);
    // Do what a sync does up to the middle of its commit, then "die": no rollback, no finish.
    const journal = await CommitJournal.open(env);
    const installed = await listInstalled(env);
    const f = files.get('one==2.0')!;
    const staged = await stageWheel(env, f.path, f.sha256, { cache });
    await staged.commit([], journal);
    await uninstallDistribution(env, installed.find((d) => d.key === 'two')!, journal);
    const f3 = files.get('three==1.0')!;
    await (await stageWheel(env, f3.path, f3.sha256, { cache })).commit([], journal);
    // The journal now looks like one left by a dead process (pids above pid_max never run).
    const dead = 4194303 + Math.floor(Math.random() * 1000);
    const orphan = path.join(env.root, `.pipgrub-journal-${dead}-0-x`);
    await rename(journal.dir, orphan);
    await mkdir(path.join(env.root, `.pipgrub-staging-${dead}-1-y`));
    await writeFile(path.join(env.root, `.pipgrub-staging-${dead}-1-y`, 'f0'), 'half staged');
    expect(await snapshotTree(env.root)).not.toEqual(before);

    expect(await recoverInterruptedChanges(env)).toBe(1);
    expect(await snapshotTree(env.root)).toEqual(before);
    expect((await readdir(env.root)).filter((n) => n.startsWith('.pipgrub-'))).toEqual([]);
  });

  it('without failures the same change completes and leaves no journal or staging directories', async (ctx) => {
    if (!py) return ctx.skip();
    const env = await populated();
    const report = await syncEnvironment(env, target(), { cache, download, removeExtraneous: true });
    expect(report).toMatchObject({ replaced: ['one==2.0'], removed: ['two==1.0'] });
    expect(report.installed.sort()).toEqual(['four==1.0', 'three==1.0']);
    const tree = await snapshotTree(env.root);
    expect([...tree.keys()].filter((k) => /\.pipgrub-(journal|staging)/.test(k))).toEqual([]);
    expect([...tree.keys()].some((k) => k.endsWith('one/old.py'))).toBe(false);
    expect([...tree.keys()].some((k) => k.endsWith('bin/two'))).toBe(false);
  });
});
