// Several OS processes share one cache directory at once (atomic temp+rename writes): each fills and
// reads the cache concurrently, then an offline client finds every entry whole.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startIndex, type StartedIndex, type IndexDescription } from '@pipgrub/test-kit';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { IndexClient } from '@pipgrub/pypi-source';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const PROJECTS = 15;
const desc: IndexDescription = {};
for (let i = 0; i < PROJECTS; i++) desc[`mp${i}`] = { '1.0': {}, '1.1': { sdist: true } };

describe('cache shared by concurrent processes', () => {
  let idx: StartedIndex;
  let dir: string;
  beforeAll(async () => {
    idx = await startIndex(desc);
    dir = mkdtempSync(join(tmpdir(), 'pipgrub-mp-'));
  });
  afterAll(async () => {
    await idx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('three processes fill one cache at the same time; offline reads find every entry whole', async () => {
    const cacheDir = join(dir, 'cache');
    const script = join(dir, 'worker.mts');
    writeFileSync(script, `
import { IndexClient } from ${JSON.stringify(join(repoRoot, 'packages/pypi-source/src/index.ts'))};
const c = new IndexClient({ indexes: [{ name: 'kit', url: process.argv[2] }], cacheDir: process.argv[3], netrc: false });
const names = Array.from({ length: ${PROJECTS} }, (_, i) => 'mp' + i);
await Promise.all(names.map(async (n) => {
  const p = await c.getProject(n);
  for (const r of p.releases) { await c.getMetadata(n, r.version); for (const f of r.files) await c.downloadFile(f); }
}));
await c.close();
console.log('done');
`);
    const outs = await Promise.all([1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', script, idx.simpleUrl, cacheDir], { cwd: repoRoot })));
    expect(outs.map((o) => o.stdout.trim())).toEqual(['done', 'done', 'done']);
    const off = new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false, offline: true });
    for (let i = 0; i < PROJECTS; i++) {
      const p = await off.getProject(normalizeName(`mp${i}`));
      for (const r of p!.releases) {
        expect((await off.getMetadata(normalizeName(`mp${i}`), r.version)).kind).toBe('available');
        for (const f of r.files) expect((await off.downloadFile(f)).sha256).toBe(f.hashes['sha256']);
      }
    }
    await off.close();
  });
});
