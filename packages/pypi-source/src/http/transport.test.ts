// HttpTransport against a bare node:http server: compressed bodies (gzip/br) are decoded, Retry-After
// is honoured on 503, and the request log shows Accept-Encoding and keep-alive connection reuse.
import { describe, it, expect, afterAll, beforeAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { HttpTransport } from './transport';

describe('HttpTransport', () => {
  let server: Server;
  let base: string;
  const seen: Array<{ path: string; encoding: string | undefined; port: number }> = [];
  let busy = 1;
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ path: req.url!, encoding: req.headers['accept-encoding'], port: req.socket.remotePort! });
      const text = Buffer.from('{"hello":"world"}'.repeat(50));
      if (req.url === '/gzip') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(text));
      if (req.url === '/br') return res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(text));
      if (req.url === '/busy' && busy-- > 0) return res.writeHead(503, { 'retry-after': '0' }).end('busy');
      res.writeHead(200).end(text);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('decodes gzip and brotli bodies, counts wire bytes', async () => {
    const http = new HttpTransport();
    for (const p of ['/gzip', '/br', '/plain']) {
      const res = await http.get(base + p);
      expect(new TextDecoder().decode(res.body)).toBe('{"hello":"world"}'.repeat(50));
      expect(res.headers['content-encoding']).toBeUndefined();
    }
    expect(http.stats.bytes).toBeLessThan(850 + 200);
    expect(seen.every((s) => s.encoding === 'gzip, br')).toBe(true);
    // keep-alive: sequential requests share one connection
    expect(new Set(seen.map((s) => s.port)).size).toBe(1);
    await http.close();
  });

  it('honours Retry-After on 503', async () => {
    const http = new HttpTransport({ backoffMs: 60_000 });
    const t = performance.now();
    expect((await http.get(base + '/busy')).status).toBe(200);
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(http.stats.retries).toBe(1);
    await http.close();
  });
});
