// The test index kit's switches as an undici client sees them: injected 500 / reset / truncate failures
// that stop after their count, latency, basic auth, and indexes imitating older servers.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { JSON_TYPE, startIndex, type IndexDescription, type StartedIndex } from '@pipgrub/test-kit';

const DESCRIPTION: IndexDescription = {
  app: { '1.0': { requiresDist: ['lib>=1'], requiresPython: '>=3.8', sdist: true } },
  lib: { '1.0': { yanked: 'old' }, '1.1': {} },
};

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await request(url, { headers });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body, text: body.toString('utf8') };
}

describe('injected failures', () => {
  let idx: StartedIndex;
  beforeAll(async () => {
    idx = await startIndex(DESCRIPTION);
  });
  afterAll(async () => {
    await idx.close();
  });

  it('500 fails N times, then the page is served', async () => {
    idx.setOptions({ failures: [{ match: '/simple/app/', mode: '500', count: 2 }] });
    idx.resetLog();
    expect((await get(`${idx.simpleUrl}app/`)).status).toBe(500);
    expect((await get(`${idx.simpleUrl}app/`)).status).toBe(500);
    expect((await get(`${idx.simpleUrl}lib/`)).status).toBe(200); // other paths are untouched
    expect((await get(`${idx.simpleUrl}app/`)).status).toBe(200);
    expect(idx.requests.map((r) => r.failure ?? 'ok')).toEqual(['500', '500', 'ok', 'ok']);
  });

  it('reset destroys the connection: the undici request throws, then succeeds', async () => {
    const wheel = idx.index.files[0]!;
    idx.setOptions({ failures: [{ match: wheel.filename, mode: 'reset', count: 1 }] });
    await expect(get(`${idx.url}${wheel.urlPath}`)).rejects.toThrow();
    const ok = await get(`${idx.url}${wheel.urlPath}`);
    expect(ok.status).toBe(200);
    expect(ok.body.length).toBe(wheel.size);
  });

  it('truncate sends a short body under a full Content-Length: undici errors, then succeeds', async () => {
    const wheel = idx.index.files[0]!;
    idx.setOptions({ failures: [{ match: /\.whl$/, mode: 'truncate', count: 1 }] });
    let observed: string;
    try {
      const res = await get(`${idx.url}${wheel.urlPath}`);
      observed = res.body.length < Number(res.headers['content-length']) ? 'short body' : 'full body';
    } catch (e) {
      observed = `error: ${(e as Error).name}`;
    }
    expect(observed).toMatch(/^(error|short body)/);
    const last = idx.requests[idx.requests.length - 1]!;
    expect(last.failure).toBe('truncate');
    expect(last.bytes).toBeLessThan(wheel.size);
    const ok = await get(`${idx.url}${wheel.urlPath}`);
    expect(ok.body.length).toBe(wheel.size);
  });

  it('corrupt serves a full-length body whose hash no longer matches, then the real bytes', async () => {
    const wheel = idx.index.files[0]!;
    idx.setOptions({ failures: [{ match: wheel.filename, mode: 'corrupt', count: 1 }] });
    const bad = await get(`${idx.url}${wheel.urlPath}`);
    expect(bad.status).toBe(200);
    expect(bad.body.length).toBe(wheel.size);
    expect(createHash('sha256').update(bad.body).digest('hex')).not.toBe(wheel.sha256);
    const good = await get(`${idx.url}${wheel.urlPath}`);
    expect(createHash('sha256').update(good.body).digest('hex')).toBe(wheel.sha256);
  });

  it('a predicate rule can target requests by header, and rules apply in order', async () => {
    idx.setOptions({
      failures: [
        { match: (r) => r.headers['accept'] === JSON_TYPE, mode: '500', count: 1 },
        { match: '/simple/lib/', mode: 'reset' },
      ],
    });
    expect((await get(`${idx.simpleUrl}app/`, { accept: JSON_TYPE })).status).toBe(500);
    expect((await get(`${idx.simpleUrl}app/`, { accept: JSON_TYPE })).status).toBe(200);
    await expect(get(`${idx.simpleUrl}lib/`)).rejects.toThrow();
    idx.setOptions({ failures: [] });
    expect((await get(`${idx.simpleUrl}lib/`)).status).toBe(200);
  });

  it('a 500-mode rule can send another status with headers (503 + Retry-After)', async () => {
    idx.setOptions({ failures: [{ match: '/simple/app/', mode: '500', status: 503, headers: { 'retry-after': '1' }, count: 1 }] });
    const busy = await get(`${idx.simpleUrl}app/`);
    expect(busy.status).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    expect((await get(`${idx.simpleUrl}app/`)).status).toBe(200);
  });

  it('gzip compresses pages for clients that accept it', async () => {
    idx.setOptions({ gzip: true });
    try {
      const plain = await get(`${idx.simpleUrl}app/`);
      const zipped = await get(`${idx.simpleUrl}app/`, { 'accept-encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.body).toString()).toBe(plain.text);
      expect(plain.headers['content-encoding']).toBeUndefined();
    } finally {
      idx.setOptions({ gzip: false });
    }
  });

  it('latency delays every response', async () => {
    idx.setOptions({ latencyMs: 150 });
    const t0 = performance.now();
    await get(`${idx.simpleUrl}app/`);
    const elapsed = performance.now() - t0;
    idx.setOptions({ latencyMs: 0 });
    expect(elapsed).toBeGreaterThanOrEqual(140);
  });
});

describe('basic auth', () => {
  it('answers 401 with WWW-Authenticate without credentials and 200 with them', async () => {
    const idx = await startIndex(DESCRIPTION, { serveOptions: { basicAuth: { username: 'alice', password: 's3cr3t' } } });
    try {
      const denied = await get(`${idx.simpleUrl}app/`);
      expect(denied.status).toBe(401);
      expect(denied.headers['www-authenticate']).toMatch(/^Basic realm=/);
      const bad = await get(`${idx.simpleUrl}app/`, { authorization: 'Basic ' + Buffer.from('alice:nope').toString('base64') });
      expect(bad.status).toBe(401);
      const auth = { authorization: 'Basic ' + Buffer.from('alice:s3cr3t').toString('base64') };
      expect((await get(`${idx.simpleUrl}app/`, auth)).status).toBe(200);
      expect((await get(`${idx.url}${idx.index.files[0]!.urlPath}`, auth)).status).toBe(200);
      expect((await get(`${idx.url}${idx.index.files[0]!.urlPath}`)).status).toBe(401);
    } finally {
      await idx.close();
    }
  });
});

describe('old-index imitation', () => {
  it('an HTML-only index without hashes, metadata, requires-python or yanked attributes', async () => {
    const idx = await startIndex(DESCRIPTION, {
      indexOptions: { json: false, metadataFiles: false, hashFragments: false, requiresPythonAttr: false, yankedAttr: false },
    });
    try {
      const page = await get(`${idx.simpleUrl}app/`, { accept: `${JSON_TYPE}, text/html; q=0.01` });
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.text).not.toMatch(/sha256|data-requires-python|data-yanked|metadata/);
      expect((await get(`${idx.simpleUrl}lib/`)).text).not.toContain('data-yanked');
      expect((await get(`${idx.simpleUrl}app/`, { accept: JSON_TYPE })).status).toBe(406);
      expect((await get(`${idx.url}/files/app-1.0-py3-none-any.whl.metadata`)).status).toBe(404);
    } finally {
      await idx.close();
    }
  });

  it('allowJson / allowHtml switch representations off at serve time', async () => {
    const idx = await startIndex(DESCRIPTION, { serveOptions: { allowJson: false } });
    try {
      expect((await get(`${idx.simpleUrl}app/`, { accept: JSON_TYPE })).status).toBe(406);
      idx.setOptions({ allowJson: true, allowHtml: false });
      const j = await get(`${idx.simpleUrl}app/`);
      expect(j.headers['content-type']).toBe(JSON_TYPE);
      expect((await get(`${idx.simpleUrl}app/`, { accept: 'text/html' })).status).toBe(406);
    } finally {
      await idx.close();
    }
  });

  it('PEP 691 api 1.0 has no versions/size/upload-time; metadataKeys picks the attribute names', async () => {
    const idx = await startIndex(DESCRIPTION, { indexOptions: { apiVersion: '1.0', metadataKeys: 'dist-info-metadata' } });
    try {
      const doc = JSON.parse((await get(`${idx.simpleUrl}lib/`, { accept: JSON_TYPE })).text);
      expect(doc.meta['api-version']).toBe('1.0');
      expect(doc.versions).toBeUndefined();
      expect(doc.files[0].size).toBeUndefined();
      expect(doc.files[0]['core-metadata']).toBeUndefined();
      expect(doc.files[0]['dist-info-metadata']).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(doc.files[0].yanked).toBe('old');
      const html = (await get(`${idx.simpleUrl}lib/`)).text;
      expect(html).toContain('data-dist-info-metadata=');
      expect(html).not.toContain('data-core-metadata=');
    } finally {
      await idx.close();
    }
  });

  it('root-relative and absolute links resolve to the same files', async () => {
    for (const links of ['root', 'absolute'] as const) {
      const idx = await startIndex(DESCRIPTION, { indexOptions: { links } });
      try {
        const html = (await get(`${idx.simpleUrl}app/`)).text;
        const href = /href="([^"#]+)/.exec(html)![1]!;
        expect(href.startsWith(links === 'root' ? '/files/' : `${idx.url}/files/`)).toBe(true);
        expect((await get(new URL(href, `${idx.simpleUrl}app/`).href)).status).toBe(200);
      } finally {
        await idx.close();
      }
    }
  });

  it('rewrite publishes a new release in place (changing the ETag) and removes what is gone', async () => {
    const idx = await startIndex(DESCRIPTION);
    try {
      const before = await get(`${idx.simpleUrl}lib/`);
      idx.rewrite({ ...DESCRIPTION, lib: { ...DESCRIPTION.lib, '1.2': {} } });
      const after = await get(`${idx.simpleUrl}lib/`, { 'if-none-match': before.headers['etag'] as string });
      expect(after.status).toBe(200);
      expect(after.text).toContain('lib-1.2-py3-none-any.whl');
      idx.rewrite({ lib: { '1.2': {} } });
      expect((await get(`${idx.simpleUrl}app/`)).status).toBe(404);
      expect((await get(`${idx.url}/files/app-1.0-py3-none-any.whl`)).status).toBe(404);
    } finally {
      await idx.close();
    }
  });
});
