// The test index kit over real HTTP with undici: hashes of every served link, PEP 691 negotiation,
// redirects, Range, injected failures, basic auth, 304 revalidation and the old-index switches.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { HTML_TYPE, JSON_TYPE, negotiate, startIndex, type IndexDescription, type StartedIndex } from '@pipgrub/test-kit';

const DESCRIPTION: IndexDescription = {
  'Demo.App': {
    '1.0.0': { requiresDist: ['lib>=2'], entryPoints: { console_scripts: { demo: 'demo_app:main' } }, sdist: true },
    '1.1.0': { requiresDist: ['lib>=2.1', 'extra-dep; extra == "fast"'], providesExtra: ['fast'], requiresPython: '>=3.8,<4' },
  },
  lib: {
    '2.0': { wheels: ['py2.py3-none-any', 'cp312-cp312-manylinux_2_17_x86_64'] },
    '2.1': { yanked: 'broken <build> & "quotes"' },
    '2.2': { yanked: true, requiresPython: '>=3.9' },
  },
  'extra-dep': { '0.1': { sdist: true, wheels: [] } },
};

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await request(url, { headers });
  const body = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body, text: body.toString('utf8') };
}

function links(html: string): { href: string; attrs: Record<string, string>; text: string }[] {
  const out: { href: string; attrs: Record<string, string>; text: string }[] = [];
  for (const m of html.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    out.push({ href: attrs['href']!, attrs, text: m[2]! });
  }
  return out;
}

describe('test index kit over HTTP', () => {
  let idx: StartedIndex;
  beforeAll(async () => {
    idx = await startIndex(DESCRIPTION);
  });
  afterAll(async () => {
    await idx.close();
  });

  it('lists every project on the root page, HTML and JSON', async () => {
    const html = await get(idx.simpleUrl);
    expect(html.status).toBe(200);
    expect(links(html.text).map((l) => l.href)).toEqual(['demo-app/', 'extra-dep/', 'lib/']);
    const json = await get(idx.simpleUrl, { accept: JSON_TYPE });
    expect(json.headers['content-type']).toBe(JSON_TYPE);
    expect(JSON.parse(json.text)).toEqual({ meta: { 'api-version': '1.1' }, projects: [{ name: 'Demo.App' }, { name: 'extra-dep' }, { name: 'lib' }] });
  });

  it('serves bytes matching every #sha256 fragment and every core-metadata hash', async () => {
    let checked = 0;
    for (const project of idx.index.projects) {
      const page = await get(`${idx.simpleUrl}${project}/`);
      expect(page.status).toBe(200);
      for (const link of links(page.text)) {
        const url = new URL(link.href, `${idx.simpleUrl}${project}/`);
        const [, hash] = /#sha256=([0-9a-f]{64})$/.exec(link.href)!;
        const file = await get(url.href.replace(/#.*/, ''));
        expect(file.status).toBe(200);
        expect(sha(file.body)).toBe(hash);
        expect(file.body.length).toBe(idx.index.byFilename.get(link.text)!.size);
        const meta = link.attrs['data-core-metadata'];
        expect(link.attrs['data-dist-info-metadata']).toBe(meta);
        if (link.text.endsWith('.whl')) {
          const m = await get(url.href.replace(/#.*/, '') + '.metadata');
          expect(m.status).toBe(200);
          expect(`sha256=${sha(m.body)}`).toBe(meta);
          expect(m.text).toMatch(/^Metadata-Version: 2\.1\nName: /);
        } else {
          expect(meta).toBeUndefined();
        }
        checked++;
      }
    }
    expect(checked).toBe(idx.index.files.length);
  });

  it('writes data-requires-python and data-yanked HTML-escaped', async () => {
    const page = links((await get(`${idx.simpleUrl}lib/`)).text);
    const raw = (await get(`${idx.simpleUrl}lib/`)).text;
    expect(raw).toContain('data-yanked="broken &lt;build&gt; &amp; &quot;quotes&quot;"');
    expect(raw).toContain('data-requires-python="&gt;=3.9"');
    expect(page.find((l) => l.text === 'lib-2.1-py3-none-any.whl')!.attrs['data-yanked']).toBe('broken <build> & "quotes"');
    expect(page.find((l) => l.text === 'lib-2.2-py3-none-any.whl')!.attrs['data-yanked']).toBe('');
    expect(page.find((l) => l.text === 'lib-2.0-py2.py3-none-any.whl')!.attrs['data-yanked']).toBeUndefined();
  });

  it('negotiates PEP 691 JSON vs HTML by Accept and ?format=', async () => {
    const html = await get(`${idx.simpleUrl}lib/`, { accept: 'text/html' });
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('<h1>Links for lib</h1>');
    const pipAccept = `${JSON_TYPE}, ${HTML_TYPE}; q=0.1, text/html; q=0.01`;
    const json = await get(`${idx.simpleUrl}lib/`, { accept: pipAccept });
    expect(json.headers['content-type']).toBe(JSON_TYPE);
    expect(json.headers['vary']).toBe('Accept');
    const doc = JSON.parse(json.text);
    expect(doc.name).toBe('lib');
    expect(doc.versions).toEqual(['2.0', '2.1', '2.2']);
    const f = doc.files.find((x: any) => x.filename === 'lib-2.2-py3-none-any.whl');
    expect(f).toMatchObject({ yanked: true, 'requires-python': '>=3.9', size: idx.index.byFilename.get(f.filename)!.size });
    expect(f['core-metadata']).toEqual({ sha256: idx.index.byFilename.get(f.filename)!.metadataSha256 });
    expect(f['upload-time']).toMatch(/^\d{4}-\d\d-\d\dT00:00:00\.000000Z$/);
    const prefersHtml = await get(`${idx.simpleUrl}lib/`, { accept: `${JSON_TYPE}; q=0.5, ${HTML_TYPE}` });
    expect(prefersHtml.headers['content-type']).toBe(HTML_TYPE);
    const byQuery = await get(`${idx.simpleUrl}lib/?format=${encodeURIComponent(JSON_TYPE)}`);
    expect(byQuery.headers['content-type']).toBe(JSON_TYPE);
    expect((await get(`${idx.simpleUrl}lib/`, { accept: 'image/png' })).status).toBe(406);
    // the JSON hashes equal the HTML fragments
    const sdist = doc.files.find((x: any) => x.filename.endsWith('.whl'));
    expect(html.text).toContain(`${sdist.url}#sha256=${sdist.hashes.sha256}`);
  });

  it('negotiate() follows q-values and falls back to HTML without an Accept header', () => {
    expect(negotiate('', true, true)?.kind).toBe('html');
    expect(negotiate('*/*', true, true)?.kind).toBe('html');
    expect(negotiate('*/*', false, true)?.kind).toBe('json');
    expect(negotiate(`text/html;q=0.2, ${JSON_TYPE};q=0.9`, true, true)?.kind).toBe('json');
    expect(negotiate(JSON_TYPE, true, false)).toBeUndefined();
  });

  it('redirects un-normalized and slash-less project URLs like PyPI', async () => {
    for (const path of ['Demo.App/', 'demo-app', 'DEMO_APP']) {
      const res = await request(`${idx.simpleUrl}${path}`);
      await res.body.dump();
      expect(res.statusCode).toBe(301);
      expect(res.headers['location']).toBe('/simple/demo-app/');
    }
    expect((await get(`${idx.url}/simple`)).status).toBe(301);
    expect((await get(`${idx.simpleUrl}nope/`)).status).toBe(404);
    expect((await get(`${idx.url}/files/nope.whl`)).status).toBe(404);
    expect((await get(`${idx.url}/files/..%2Fsimple%2Findex.html`)).status).toBe(404);
  });

  it('answers Range requests with 206 slices, suffix ranges and 416', async () => {
    const wheel = idx.index.files.find((f) => f.filename === 'demo_app-1.0.0-py3-none-any.whl')!;
    const full = (await get(`${idx.url}${wheel.urlPath}`)).body;
    expect(sha(full)).toBe(wheel.sha256);
    const mid = await get(`${idx.url}${wheel.urlPath}`, { range: 'bytes=10-99' });
    expect(mid.status).toBe(206);
    expect(mid.headers['content-range']).toBe(`bytes 10-99/${full.length}`);
    expect(mid.body.equals(full.subarray(10, 100))).toBe(true);
    const tail = await get(`${idx.url}${wheel.urlPath}`, { range: 'bytes=-22' });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(full.subarray(full.length - 22))).toBe(true);
    expect(tail.body.readUInt32LE(0)).toBe(0x06054b50); // the zip's end-of-central-directory record
    const open = await get(`${idx.url}${wheel.urlPath}`, { range: `bytes=${full.length - 5}-` });
    expect(open.body.equals(full.subarray(full.length - 5))).toBe(true);
    const past = await get(`${idx.url}${wheel.urlPath}`, { range: `bytes=${full.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${full.length}`);
    const head = await request(`${idx.url}${wheel.urlPath}`, { method: 'HEAD' });
    await head.body.dump();
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(head.headers['content-length']).toBe(String(full.length));

    idx.setOptions({ range: false });
    try {
      const off = await get(`${idx.url}${wheel.urlPath}`, { range: 'bytes=-22' });
      expect(off.status).toBe(200);
      expect(off.headers['accept-ranges']).toBeUndefined();
      expect(off.body.equals(full)).toBe(true);
    } finally {
      idx.setOptions({ range: true });
    }
  });

  it('revalidates with ETag and Last-Modified (304) and sends Cache-Control', async () => {
    const page = await get(`${idx.simpleUrl}lib/`);
    expect(page.headers['cache-control']).toBe('max-age=600, public');
    const etag = page.headers['etag'] as string;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const again = await get(`${idx.simpleUrl}lib/`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const json = await get(`${idx.simpleUrl}lib/`, { 'if-none-match': etag, accept: JSON_TYPE });
    expect(json.status).toBe(200); // a different representation has a different ETag
    const ims = await get(`${idx.simpleUrl}lib/`, { 'if-modified-since': page.headers['last-modified'] as string });
    expect(ims.status).toBe(304);
    const file = await get(`${idx.url}${idx.index.files[0]!.urlPath}`);
    expect(file.headers['cache-control']).toContain('immutable');
    expect((await get(`${idx.url}${idx.index.files[0]!.urlPath}`, { 'if-none-match': file.headers['etag'] as string })).status).toBe(304);
  });

  it('logs each request with its headers, status and byte count', async () => {
    idx.resetLog();
    await get(`${idx.simpleUrl}lib/`, { accept: JSON_TYPE, 'if-none-match': '"x"' });
    await get(`${idx.url}${idx.index.files[0]!.urlPath}`, { range: 'bytes=0-9' });
    expect(idx.requests.map((r) => [r.method, r.path, r.status, r.bytes])).toEqual([
      ['GET', '/simple/lib/', 200, expect.any(Number)],
      ['GET', idx.index.files[0]!.urlPath, 206, 10],
    ]);
    expect(idx.requests[0]!.headers['accept']).toBe(JSON_TYPE);
    expect(idx.requests[0]!.headers['if-none-match']).toBe('"x"');
    expect(idx.requests[1]!.headers['range']).toBe('bytes=0-9');
  });
});
