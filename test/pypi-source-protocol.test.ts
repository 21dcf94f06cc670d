// Protocol details against the kit: redirects, relative/root/absolute links, a tampered PEP 658 file
// (HashMismatch), timeouts, and PEP 691 vs HTML with hash fragments switched off.
import { describe, it, expect, afterAll } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIndex, writeIndex, type StartedIndex, type IndexDescription } from '@pipgrub/test-kit';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { HttpTransport, IndexClient, isPypiSourceError } from '@pipgrub/pypi-source';
import { codeOf } from '../packages/pypi-source/src/error-code.test-helper';

const n = normalizeName;
const DESC: IndexDescription = { Demo_Pkg: { '1.0': { requiresDist: ['lib'] } }, lib: { '2.0': { sdist: true } } };
const started: StartedIndex[] = [];
afterAll(async () => {
  for (const s of started) await s.close();
});
async function index(options: Parameters<typeof startIndex>[1] = {}): Promise<StartedIndex> {
  const s = await startIndex(DESC, options);
  started.push(s);
  return s;
}
const make = (idx: StartedIndex, extra = {}) => new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir: false, netrc: false, backoffMs: 1, ...extra });
describe('protocol details', () => {
  it('follows redirects and resolves links against the final URL', async () => {
    const idx = await index();
    const http = new HttpTransport();
    const res = await http.get(`${idx.url}/simple/Demo_Pkg`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${idx.url}/simple/demo-pkg/`);
    await http.close();
    const c = make(idx);
    const p = await c.getProject(n('demo-pkg'));
    expect(p!.releases[0]!.files[0]!.url).toBe(`${idx.url}/files/demo_pkg-1.0-py3-none-any.whl`);
    await c.close();
  });

  it.each(['root', 'absolute'] as const)('%s links', async (links) => {
    const idx = await index({ indexOptions: { links } });
    const c = make(idx);
    const p = await c.getProject(n('lib'));
    expect(p!.releases[0]!.files.map((f) => f.url)).toEqual([`${idx.url}/files/lib-2.0-py3-none-any.whl`, `${idx.url}/files/lib-2.0.tar.gz`]);
    expect((await c.getMetadata(n('lib'), '2.0')).kind).toBe('available');
    await c.close();
  });

  it('a tampered .metadata file is a HashMismatch', async () => {
    const idx = await index();
    writeFileSync(join(idx.dir, 'files', 'demo_pkg-1.0-py3-none-any.whl.metadata'), 'Metadata-Version: 2.1\nName: Demo_Pkg\nVersion: 1.0\nRequires-Dist: evil\n');
    const c = make(idx);
    expect(await codeOf(c.getMetadata(n('demo-pkg'), '1.0'))).toBe('HASH_MISMATCH');
    await c.close();
  });

  it('times out a slow index', async () => {
    const idx = await index({ serveOptions: { latencyMs: 400 } });
    const c = make(idx, { timeoutMs: 100, retries: 0 });
    expect(await codeOf(c.getProject(n('lib')))).toBe('INDEX_UNREACHABLE');
    await c.close();
  });

  it('HTML without hash fragments and without data-requires-python still works', async () => {
    const idx = await index({ indexOptions: { json: false, hashFragments: false, requiresPythonAttr: false, metadataKeys: 'dist-info-metadata' } });
    const c = make(idx);
    const p = await c.getProject(n('demo-pkg'));
    expect(p!.releases[0]!.files[0]!.hashes).toEqual({});
    expect((await c.getMetadata(n('demo-pkg'), '1.0')).kind).toBe('available');
    expect(c.metadataStats.metadataFiles).toBe(1); // found through the older data-dist-info-metadata key
    await c.close();
  });
});

describe('inconsistent metadata', () => {
  it('a wheel whose METADATA names another project is InvalidMetadata naming the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'pipgrub-badmeta-'));
    try {
      writeIndex(root, DESC, { metadataFiles: false });
      const links = join(root, 'links');
      mkdirSync(links);
      copyFileSync(join(root, 'files', 'lib-2.0-py3-none-any.whl'), join(links, 'other-2.0-py3-none-any.whl'));
      const c = new IndexClient({ indexes: [], findLinks: [links], cacheDir: false, netrc: false });
      try {
        await c.getMetadata(n('other'), '2.0');
        throw new Error('expected an error');
      } catch (e) {
        expect(isPypiSourceError(e) && e.code).toBe('INVALID_METADATA');
        expect((e as Error).message).toContain('other-2.0-py3-none-any.whl');
        expect((e as Error).message).toContain('describes lib 2.0');
      }
      await c.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
