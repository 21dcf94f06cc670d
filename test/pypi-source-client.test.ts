// IndexClient against the test index kit over real HTTP: protocol variants (JSON/HTML, .metadata,
// Range), sdists (PEP 643), wheel tags, failures and retries, hashes, auth, and local sources.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startIndex, writeIndex, type StartedIndex, type IndexDescription } from '@pipgrub/test-kit';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { IndexClient, isPypiSourceError, type IndexClientOptions, type WheelTarget } from '@pipgrub/pypi-source';

const n = normalizeName;
const DESC: IndexDescription = {
  Demo_Pkg: {
    '1.0': { requiresDist: ['lib>=2'], requiresPython: '>=3.8' },
    '1.1': { requiresDist: ['lib>=2', 'extra-dep; extra == "x"'], providesExtra: ['x'], yanked: 'broken build' },
  },
  lib: {
    '2.0': { wheels: ['py3-none-any'], sdist: true },
    '2.1': { wheels: ['cp312-cp312-manylinux_2_17_x86_64', 'cp312-cp312-win_amd64', 'py3-none-any'] },
  },
  'static-sdist': { '1.0': { wheels: [], sdist: true, metadataVersion: '2.2', requiresDist: ['lib'] } },
  'dynamic-sdist': { '1.0': { wheels: [], sdist: true, dynamic: ['Requires-Dist'] } },
  'old-sdist': { '1.0': { wheels: [], sdist: true } },
  plat: { '1.0': { requiresDist: ['lib', 'win-only; sys_platform == "win32"', 'extra-dep; extra == "x"'] } },
  'py2-only': { '1.0': { requiresPython: '<3' }, '2.0': { requiresPython: '>=3.12.0' } },
};
const linux: WheelTarget = { implementation: 'cpython', pythonVersion: '3.12.1', platform: { os: 'linux', arch: 'x86_64', libc: { kind: 'glibc', version: [2, 35] } } };

const tmp = () => mkdtempSync(join(tmpdir(), 'pipgrub-cache-'));
const dirs: string[] = [];
function client(idx: StartedIndex, extra: Partial<IndexClientOptions> = {}): IndexClient {
  const cacheDir = tmp();
  dirs.push(cacheDir);
  return new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false, backoffMs: 5, ...extra });
}
async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string; hint?: string }> {
  try {
    await p;
  } catch (e) {
    if (isPypiSourceError(e)) return { code: e.code, message: e.message, hint: e.hint };
    throw e;
  }
  throw new Error('expected an error');
}

describe('IndexClient over the kit', () => {
  let idx: StartedIndex;
  beforeAll(async () => {
    idx = await startIndex(DESC);
  });
  afterAll(async () => {
    await idx.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('negotiates PEP 691 JSON and reads PEP 658 .metadata (hash checked)', async () => {
    const c = client(idx, { target: linux, speculativeMetadata: false });
    idx.resetLog();
    const p = await c.getProject(n('demo-pkg'));
    expect(p!.releases.map((r) => r.version)).toEqual(['1.0', '1.1']);
    expect(idx.requests[0]!.headers['accept']).toContain('application/vnd.pypi.simple.v1+json');
    const f11 = p!.releases[1]!.files[0]!;
    expect(f11).toMatchObject({ kind: 'wheel', yanked: 'broken build', index: 'kit', compatible: true });
    expect(p!.releases[0]!.files[0]!.requiresPython).toBe('>=3.8');
    const m = await c.getMetadata(n('demo-pkg'), '1.1');
    expect(m).toEqual({ kind: 'available', name: 'Demo_Pkg', version: '1.1', requiresDist: ['lib>=2', 'extra-dep; extra == "x"'], providesExtra: ['x'] });
    expect(idx.requests.map((r) => r.path)).toEqual(['/simple/demo-pkg/', '/files/demo_pkg-1.1-py3-none-any.whl.metadata']);
    expect(c.metadataStats.metadataFiles).toBe(1);
    await c.close();
  });

  it.each([
    ['HTML only', { allowJson: false }],
    ['JSON only', { allowHtml: false }],
  ])('%s index', async (_l, serve) => {
    idx.setOptions(serve);
    try {
      const c = client(idx);
      const p = await c.getProject(n('Demo.Pkg'));
      expect(p!.releases[1]!.files[0]!.yanked).toBe('broken build');
      expect(p!.releases[0]!.files[0]!.hashes['sha256']).toMatch(/^[0-9a-f]{64}$/);
      expect((await c.getMetadata(n('demo-pkg'), '1.0')).kind).toBe('available');
      await c.close();
    } finally {
      idx.setOptions({ allowJson: true, allowHtml: true });
    }
  });

  it('speculatively fetches the likely pick once, and the resolver\'s later ask reuses it', async () => {
    const c = client(idx);
    idx.resetLog();
    await c.getProject(n('lib'));
    expect((await c.getMetadata(n('lib'), '2.1')).kind).toBe('available');
    expect(idx.requests.map((r) => r.path)).toEqual(['/simple/lib/', '/files/lib-2.1-cp312-cp312-manylinux_2_17_x86_64.whl.metadata']);
    await c.close();
  });

  it('speculates only on pages it downloaded: a page reused from the fresh cache starts no fetch', async () => {
    const cacheDir = tmp();
    dirs.push(cacheDir);
    const make = (speculativeMetadata: boolean) =>
      new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false, pageFreshness: 'max-age', speculativeMetadata });
    const first = make(false);
    await first.getProject(n('lib'));
    await first.close();
    idx.resetLog();
    const second = make(true);
    await second.getProject(n('lib'));
    await new Promise((r) => setTimeout(r, 50));
    await second.close();
    // Before: the fresh page still triggered a fetch of lib 2.1's metadata nobody had asked for.
    expect(idx.requests.map((r) => r.path)).toEqual([]);
  });

  it('prefetches dependency pages the target needs, skipping marker-excluded and extras-only ones', async () => {
    const c = client(idx, { target: linux });
    idx.resetLog();
    expect((await c.getMetadata(n('plat'), '1.0')).kind).toBe('available');
    await c.getProject(n('lib')); // memoized: resolves when the prefetch finished
    await new Promise((r) => setTimeout(r, 50));
    const pages = idx.requests.map((r) => r.path).filter((p) => p.startsWith('/simple/'));
    expect(pages).toEqual(['/simple/plat/', '/simple/lib/']);
    await c.close();
  });

  it('judges wheel tags for the target and picks the best wheel', async () => {
    const c = client(idx, { target: linux });
    const p = await c.getProject(n('lib'));
    const r21 = p!.releases.find((r) => r.version === '2.1')!;
    expect(r21.files.map((f) => [f.filename, f.compatible])).toEqual([
      ['lib-2.1-cp312-cp312-manylinux_2_17_x86_64.whl', true],
      ['lib-2.1-cp312-cp312-win_amd64.whl', false],
      ['lib-2.1-py3-none-any.whl', true],
    ]);
    expect((await c.bestFile('lib', '2.1'))!.filename).toBe('lib-2.1-cp312-cp312-manylinux_2_17_x86_64.whl');
    const py2 = await c.getProject(n('py2-only'));
    expect(py2!.releases.map((r) => r.files[0]!.compatible)).toEqual([false, true]); // Requires-Python vs 3.12.1
    const win = client(idx, { target: { ...linux, platform: { os: 'windows', arch: 'amd64' } } });
    expect((await win.bestFile('lib', '2.1'))!.filename).toBe('lib-2.1-cp312-cp312-win_amd64.whl');
    await c.close();
    await win.close();
  });

  it('sdists: static PKG-INFO (PEP 643) is used, dynamic or old metadata needs a build', async () => {
    const c = client(idx);
    expect(await c.getMetadata(n('static-sdist'), '1.0')).toMatchObject({ kind: 'available', requiresDist: ['lib'] });
    const dyn = await c.getMetadata(n('dynamic-sdist'), '1.0');
    expect(dyn.kind).toBe('needs-build');
    expect(dyn.kind === 'needs-build' && dyn.reason).toContain('requires-dist');
    expect((await c.getMetadata(n('old-sdist'), '1.0')).kind).toBe('needs-build');
    expect(await c.getProject(n('nope'))).toBeUndefined();
    expect((await errorOf(c.requireProject('nope'))).code).toBe('PACKAGE_NOT_FOUND');
    await c.close();
  });

  it('downloads verified files into the cache; a wrong hash is a HashMismatch', async () => {
    const c = client(idx);
    const p = await c.getProject(n('lib'));
    const file = p!.releases[0]!.files[0]!;
    const d = await c.downloadFile(file);
    expect(d.sha256).toBe(file.hashes['sha256']);
    idx.resetLog();
    await c.downloadFile(file);
    expect(idx.requests).toHaveLength(0); // immutable: served by hash from the cache
    const bad = { ...file, hashes: { sha256: '0'.repeat(64) } };
    const e = await errorOf(c.downloadFile(bad));
    expect(e.code).toBe('HASH_MISMATCH');
    expect(e.message).toContain(file.filename);
    await c.close();
  });
});

describe('metadata without .metadata files', () => {
  let idx: StartedIndex;
  beforeAll(async () => {
    idx = await startIndex(DESC, { indexOptions: { metadataFiles: false } });
  });
  afterAll(() => idx.close());

  it('reads wheel METADATA by Range (no full download)', async () => {
    const c = client(idx, { speculativeMetadata: false });
    await c.getProject(n('demo-pkg'));
    idx.resetLog();
    expect(await c.getMetadata(n('demo-pkg'), '1.1')).toMatchObject({ kind: 'available', requiresDist: ['lib>=2', 'extra-dep; extra == "x"'] });
    expect(idx.requests.every((r) => r.status === 206 && r.headers['range'])).toBe(true);
    expect(c.metadataStats.rangeReads).toBe(1);
    await c.close();
  });

  it('falls back to one full download when Range is refused', async () => {
    idx.setOptions({ range: false });
    try {
      const c = client(idx);
      await c.getProject(n('demo-pkg'));
      idx.resetLog();
      expect((await c.getMetadata(n('demo-pkg'), '1.0')).kind).toBe('available');
      expect(idx.requests.map((r) => r.status)).toEqual([200]);
      await c.close();
    } finally {
      idx.setOptions({ range: true });
    }
  });
});

describe('failures', () => {
  let idx: StartedIndex;
  beforeAll(async () => {
    idx = await startIndex(DESC);
  });
  afterAll(() => idx.close());

  it.each(['500', 'reset', 'truncate'] as const)('retries a %s once and succeeds', async (mode) => {
    idx.setOptions({ failures: [{ match: '/simple/demo-pkg/', mode, count: 1 }] });
    const c = client(idx);
    idx.resetLog();
    const p = await c.getProject(n('demo-pkg'));
    expect(p!.releases).toHaveLength(2);
    expect(idx.requests.filter((r) => r.path === '/simple/demo-pkg/').length).toBe(2);
    expect(c.stats.retries).toBe(1);
    await c.close();
    idx.setOptions({ failures: [] });
  });

  it('detects a truncated wheel download and a truncated range body', async () => {
    idx.setOptions({ failures: [{ match: /\.whl$/, mode: 'truncate' }] });
    const c = client(idx, { retries: 1 });
    const p = await c.getProject(n('lib'));
    const e = await errorOf(c.downloadFile(p!.releases[0]!.files[0]!));
    expect(e.code).toBe('INDEX_UNREACHABLE');
    expect(e.message).toMatch(/truncated/);
    idx.setOptions({ failures: [] });
    await c.close();
  });

  it('gives up after retries with IndexUnreachable naming the URL', async () => {
    idx.setOptions({ failures: [{ match: '/simple/lib/', mode: '500' }] });
    const c = client(idx, { retries: 2 });
    const e = await errorOf(c.getProject(n('lib')));
    expect(e.code).toBe('INDEX_UNREACHABLE');
    expect(e.message).toContain(`${idx.simpleUrl}lib/`);
    expect(e.message).toContain('HTTP 500');
    idx.setOptions({ failures: [] });
    await c.close();
  });

  it('an unreachable host is IndexUnreachable', async () => {
    const c = new IndexClient({ indexes: [{ name: 'dead', url: 'http://127.0.0.1:9/simple' }], cacheDir: false, netrc: false, retries: 1, backoffMs: 1 });
    expect((await errorOf(c.getProject(n('x')))).code).toBe('INDEX_UNREACHABLE');
    await c.close();
  });
});

describe('auth', () => {
  let idx: StartedIndex;
  const secret = 's3cr3t-pw';
  beforeAll(async () => {
    idx = await startIndex(DESC, { serveOptions: { basicAuth: { username: 'alice', password: secret } } });
  });
  afterAll(() => idx.close());
  const withCreds = (creds: string) => idx.simpleUrl.replace('http://', `http://${creds}@`);

  it('credentials in the URL are sent (pages and files) and never printed', async () => {
    const c = new IndexClient({ indexes: [{ name: 'private', url: withCreds(`alice:${secret}`) }], cacheDir: false, netrc: false });
    expect(c.sources[0]!.url).not.toContain(secret);
    const p = await c.getProject(n('demo-pkg'));
    expect(p!.releases[0]!.files[0]!.url).not.toContain(secret);
    expect((await c.getMetadata(n('demo-pkg'), '1.0')).kind).toBe('available');
    await c.close();
  });

  it('${VAR} in the URL is expanded from the environment and redacted from errors', async () => {
    const env = { IDX_USER: 'alice', IDX_PW: secret };
    const c = new IndexClient({ indexes: [{ name: 'private', url: withCreds('${IDX_USER}:${IDX_PW}') }], env, cacheDir: false, netrc: false });
    expect((await c.getProject(n('lib')))!.releases.length).toBe(2);
    expect(c.sources[0]!.lockUrl).toContain('${IDX_PW}');
    await c.close();
    const wrong = new IndexClient({ indexes: [{ name: 'private', url: withCreds('alice:wrong-password') }], cacheDir: false, netrc: false });
    const e = await errorOf(wrong.getProject(n('lib')));
    expect(e.message).toContain('HTTP 401');
    expect(e.message).not.toContain('wrong-password');
    expect(e.hint).toContain('netrc');
    await wrong.close();
    expect((await errorOf(Promise.resolve().then(() => new IndexClient({ indexes: [{ name: 'p', url: 'https://${NOPE_VAR}@x/simple' }], env: {}, cacheDir: false })))).message).toContain('NOPE_VAR');
  });

  it('credentials from a netrc file', async () => {
    const dir = tmp();
    dirs.push(dir);
    const netrc = join(dir, 'netrc');
    writeFileSync(netrc, `machine 127.0.0.1\n  login alice\n  password ${secret}\n`);
    const c = new IndexClient({ indexes: [{ name: 'private', url: idx.simpleUrl }], cacheDir: false, netrc });
    expect((await c.getProject(n('lib')))!.releases.length).toBe(2);
    await c.close();
  });
});

describe('local sources without a server', () => {
  const root = mkdtempSync(join(tmpdir(), 'pipgrub-local-'));
  const written = writeIndex(root, DESC);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('find-links directory', async () => {
    const c = new IndexClient({ indexes: [], findLinks: [join(root, 'files')], cacheDir: false, netrc: false });
    const p = await c.getProject(n('lib'));
    expect(p!.releases.map((r) => r.version)).toEqual(['2.0', '2.1']);
    const f = p!.releases[0]!.files.find((x) => x.kind === 'wheel')!;
    expect(f.hashes['sha256']).toBe(written.byFilename.get(f.filename)!.sha256);
    expect(f.index).toBe('find-links');
    expect(await c.getMetadata(n('demo-pkg'), '1.1')).toMatchObject({ kind: 'available', providesExtra: ['x'] });
    expect((await c.downloadFile(f)).path).toBe(join(root, 'files', f.filename));
    expect(await c.getProject(n('not-in-the-folder'))).toBeUndefined();
    await c.close();
  });

  it('file:// index', async () => {
    const c = new IndexClient({ indexes: [{ name: 'local', url: pathToFileURL(join(root, 'simple')).toString() }], cacheDir: false, netrc: false });
    const p = await c.getProject(n('demo-pkg'));
    expect(p!.releases).toHaveLength(2);
    expect((await c.getMetadata(n('demo-pkg'), '1.0')).kind).toBe('available');
    expect(await c.getProject(n('missing'))).toBeUndefined();
    await c.close();
  });
});
