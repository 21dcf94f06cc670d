// Cache directory defaults per platform, Cache-Control parsing, and the disk cache's atomic, torn-file
// tolerant storage.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultCacheDir } from './cache-dir';
import { DiskCache, parseCacheControl } from './disk-cache';

describe('defaultCacheDir', () => {
  it.each([
    [{ PIPGRUB_CACHE_DIR: '/c' }, 'linux', '/c'],
    [{}, 'linux', '/home/u/.cache/pipgrub'],
    [{ XDG_CACHE_HOME: '/x' }, 'linux', '/x/pipgrub'],
    [{}, 'darwin', '/home/u/Library/Caches/pipgrub'],
    [{ LOCALAPPDATA: 'C:\\L' }, 'win32', join('C:\\L', 'pipgrub', 'Cache')],
  ] as const)('%j on %s', (env, platform, want) => {
    expect(defaultCacheDir(env, platform, '/home/u')).toBe(want);
  });
});

describe('DiskCache', () => {
  it('round-trips responses and blobs; ignores torn files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipgrub-dc-'));
    try {
      const c = new DiskCache(dir);
      await c.writeHttp('k', { url: 'https://h/', status: 200, headers: { etag: '"1"', 'x-other': 'dropped' }, body: new Uint8Array([1, 2, 3]) });
      const got = await c.readHttp('k');
      expect(got?.headers).toEqual({ etag: '"1"' });
      expect([...got!.body]).toEqual([1, 2, 3]);
      expect(await c.readHttp('other')).toBeUndefined();
      await c.writeBlob('sha256', 'ab'.repeat(32), new Uint8Array([9]));
      expect([...(await c.readBlob('sha256', 'ab'.repeat(32)))!]).toEqual([9]);
      // a torn HTTP entry (body shorter than declared) is a miss, not garbage
      const httpDir = join(dir, 'http-v1');
      const sub = readdirSync(httpDir)[0]!;
      const file = join(httpDir, sub, readdirSync(join(httpDir, sub))[0]!);
      writeFileSync(file, '{"key":"k","size":99}\nabc');
      expect(await c.readHttp('k')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('parses Cache-Control', () => {
    expect(parseCacheControl('max-age=600, public')).toEqual({ maxAge: 600, noStore: false, noCache: false, immutable: false });
    expect(parseCacheControl('max-age=365000000, immutable').immutable).toBe(true);
    expect(parseCacheControl('no-store').noStore).toBe(true);
  });
});
