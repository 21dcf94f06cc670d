// Cache and multi-index behaviour against the kit: a warm second run makes only conditional requests
// (none for immutable files), offline mode uses the cache only, concurrent writers stay consistent,
// and several indexes follow the first-index / best-match strategies and per-package pins.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIndex, type StartedIndex, type IndexDescription } from '@pipgrub/test-kit';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { IndexClient, isPypiSourceError, type IndexClientOptions } from '@pipgrub/pypi-source';

const n = normalizeName;
const DESC: IndexDescription = {
  app: { '1.0': { requiresDist: ['lib>=2'] }, '1.1': { requiresDist: ['lib>=2.1'] } },
  lib: { '2.0': {}, '2.1': {} },
};
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'pipgrub-cache-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function touchAll(c: IndexClient): Promise<void> {
  for (const name of ['app', 'lib']) {
    const p = await c.getProject(n(name));
    for (const r of p!.releases) expect((await c.getMetadata(n(name), r.version)).kind).toBe('available');
  }
}

describe.each([
  ['with .metadata files', { metadataFiles: true }],
  ['metadata by Range', { metadataFiles: false }],
])('warm cache (%s)', (_label, indexOptions) => {
  let idx: StartedIndex;
  beforeAll(async () => {
    idx = await startIndex(DESC, { indexOptions });
  });
  afterAll(() => idx.close());
  const opts = (cacheDir: string, extra: Partial<IndexClientOptions> = {}): IndexClientOptions => ({
    indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false, ...extra,
  });

  it('second run: only conditional page requests (304), nothing for immutable files; offline: no requests', async () => {
    const cacheDir = tmp();
    const cold = new IndexClient(opts(cacheDir));
    idx.resetLog();
    await touchAll(cold);
    const coldCount = idx.requests.length;
    await cold.close();

    const warm = new IndexClient(opts(cacheDir));
    idx.resetLog();
    await touchAll(warm);
    const log = idx.requests;
    expect(log.length).toBe(2);
    expect(log.every((r) => r.path.startsWith('/simple/') && r.headers['if-none-match'] !== undefined && r.status === 304)).toBe(true);
    console.log(`${_label}: cold ${coldCount} requests, warm ${log.length} (all 304)`);
    await warm.close();

    const off = new IndexClient(opts(cacheDir, { offline: true }));
    idx.resetLog();
    await touchAll(off);
    expect(idx.requests).toHaveLength(0);
    const e = await off.getProject(n('not-cached')).then(() => undefined, (err: unknown) => err);
    expect(isPypiSourceError(e) && e.code).toBe('OFFLINE_MISSING');
    expect((e as Error).message).toContain(`${idx.simpleUrl}not-cached/`);
    expect(off.missing).toEqual([`${idx.simpleUrl}not-cached/`]);
    await off.close();
  });

  it('max-age freshness: a warm run within max-age makes no requests at all', async () => {
    const cacheDir = tmp();
    const a = new IndexClient(opts(cacheDir, { pageFreshness: 'max-age' }));
    await touchAll(a);
    await a.close();
    const b = new IndexClient(opts(cacheDir, { pageFreshness: 'max-age' }));
    idx.resetLog();
    await touchAll(b);
    expect(idx.requests).toHaveLength(0);
    await b.close();
  });

  it('a changed page is fetched again (200), then served', async () => {
    const cacheDir = tmp();
    const a = new IndexClient(opts(cacheDir));
    await touchAll(a);
    await a.close();
    idx.rewrite({ ...DESC, lib: { ...DESC['lib'], '2.2': {} } }, indexOptions);
    const b = new IndexClient(opts(cacheDir));
    idx.resetLog();
    expect((await b.getProject(n('lib')))!.releases.map((r) => r.version)).toEqual(['2.0', '2.1', '2.2']);
    expect(idx.requests.map((r) => r.status)).toEqual([200]);
    await b.close();
    idx.rewrite(DESC, indexOptions);
  });

  it('concurrent clients writing one cache stay consistent (atomic writes)', async () => {
    const cacheDir = tmp();
    const clients = Array.from({ length: 6 }, () => new IndexClient(opts(cacheDir)));
    await Promise.all(clients.map((c) => touchAll(c)));
    await Promise.all(clients.map((c) => c.close()));
    const leftovers: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(d, e.name));
        else if (e.name.endsWith('.tmp')) leftovers.push(e.name);
      }
    };
    walk(cacheDir);
    expect(leftovers).toEqual([]);
    const off = new IndexClient(opts(cacheDir, { offline: true }));
    await touchAll(off);
    await off.close();
  });
});

describe('several indexes', () => {
  let a: StartedIndex;
  let b: StartedIndex;
  beforeAll(async () => {
    a = await startIndex({ shared: { '1.0': {} }, 'only-a': { '1.0': {} } });
    b = await startIndex({ shared: { '2.0': {} }, 'only-b': { '1.0': {} } });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });
  const make = (extra: Partial<IndexClientOptions> = {}) =>
    new IndexClient({ indexes: [{ name: 'a', url: a.simpleUrl }, { name: 'b', url: b.simpleUrl }], cacheDir: false, netrc: false, ...extra });
  const versions = async (c: IndexClient, name: string) => (await c.getProject(n(name)))?.releases.map((r) => `${r.version}@${r.files[0]!.index}`);

  it('first-index (default): the first index that has the project wins; later ones are not asked', async () => {
    const c = make();
    b.resetLog();
    expect(await versions(c, 'shared')).toEqual(['1.0@a']);
    expect(b.requests).toHaveLength(0);
    expect(await versions(c, 'only-b')).toEqual(['1.0@b']);
    await c.close();
  });

  it('offline, first-index still skips an index known (from the cache) not to have the project', async () => {
    const cacheDir = tmp();
    const online = make({ cacheDir });
    expect(await versions(online, 'only-b')).toEqual(['1.0@b']);
    await online.close();
    const off = make({ cacheDir, offline: true });
    expect(await versions(off, 'only-b')).toEqual(['1.0@b']);
    await off.close();
  });

  it('best-match merges every index', async () => {
    const c = make({ indexStrategy: 'best-match' });
    expect(await versions(c, 'shared')).toEqual(['1.0@a', '2.0@b']);
    await c.close();
  });

  it('per-package pinning asks only the pinned index', async () => {
    const c = make({ pins: { Shared: 'b', 'only-a': 'b' } });
    a.resetLog();
    expect(await versions(c, 'shared')).toEqual(['2.0@b']);
    expect(await c.getProject(n('only-a'))).toBeUndefined();
    expect(a.requests).toHaveLength(0);
    const e = await Promise.resolve().then(() => make({ pins: { x: 'nope' } })).catch((err: unknown) => err);
    expect(isPypiSourceError(e) && e.code).toBe('INVALID_SOURCE');
    await c.close();
  });
});

describe('close() and fetches still in flight', () => {
  let idx: StartedIndex;
  beforeAll(async () => {
    idx = await startIndex(DESC, { serveOptions: { latencyMs: 150 } });
  });
  afterAll(() => idx.close());

  it('lets a speculative fetch finish, so the next (offline) run finds it in the cache', async () => {
    const cacheDir = tmp();
    const c = new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false });
    c.prefetch([{ name: n('lib') }]); // nobody awaits it, as after a resolution that failed early
    await c.close();
    const off = new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false, offline: true });
    expect((await off.getProject(n('lib')))?.releases.map((r) => r.version)).toEqual(['2.0', '2.1']);
    await off.close();
  });

  it('gives up after drainMs: what had not arrived is not cached', async () => {
    const cacheDir = tmp();
    const c = new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false });
    c.prefetch([{ name: n('app') }]);
    await c.close({ drainMs: 1 }); // the server answers after 150 ms
    const off = new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false, offline: true });
    expect(isPypiSourceError(await off.getProject(n('app')).catch((e: unknown) => e))).toBe(true);
    await off.close();
  });
});
