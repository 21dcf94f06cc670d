// Serves a written test index on 127.0.0.1 (free port) with node:http, like PyPI: content negotiation,
// slash redirects, Range, ETag/304, Cache-Control, plus switches for latency, injected failures and auth.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { normalizeProjectName } from './description';

/**
 * How an injected failure breaks a response: `'500'` error status, `'reset'` socket destroyed before any
 * response, `'truncate'` half the body under a full Content-Length, `'corrupt'` full-length body with one
 * byte flipped (hashes no longer match).
 */
export type FailureMode = '500' | 'reset' | 'truncate' | 'corrupt';

/** What a failure rule or log entry sees of a request. */
export interface RequestInfo {
  method: string;
  /** URL path with query, e.g. `/simple/flask/`. */
  path: string;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
}

/**
 * Fail matching requests: `match` is an exact path, a path suffix (e.g. a filename), a RegExp tested
 * against the path, or a predicate. After `count` failures (default: forever) the rule stops matching.
 */
export interface FailureRule {
  match: string | RegExp | ((req: RequestInfo) => boolean);
  mode: FailureMode;
  count?: number;
  /** For mode `'500'`: the error status to send instead (e.g. 503, 429, 404). Default 500. */
  status?: number;
  /** For mode `'500'`: extra response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
}

/** Server switches; every one can be changed while running with `setOptions`. */
export interface ServeOptions {
  /** Honour `Range` (206/416, `Accept-Ranges: bytes`). Default true. Off: always 200 with the full body. */
  range?: boolean;
  /** Delay before each response, in milliseconds. Default 0. */
  latencyMs?: number;
  /** Injected failures, checked in order; the first live match applies. */
  failures?: FailureRule[];
  /** Require HTTP basic auth: 401 with `WWW-Authenticate` otherwise. */
  basicAuth?: { username: string; password: string };
  /** Send ETag / Last-Modified and answer 304 to If-None-Match / If-Modified-Since. Default true. */
  conditional?: boolean;
  /** Send Cache-Control (`max-age=600` on pages, `immutable` on files). Default true. */
  cacheControl?: boolean;
  /** Gzip pages (not files) for clients sending `Accept-Encoding: gzip`, as PyPI's CDN does. Default false. */
  gzip?: boolean;
  /** Offer PEP 691 JSON pages. Default true (if `index.json` exists). */
  allowJson?: boolean;
  /** Offer HTML pages. Default true (if `index.html` exists). */
  allowHtml?: boolean;
}

/** One served request, logged when its response ended (or was broken). */
export interface LoggedRequest extends RequestInfo {
  /** Response status; 0 when the connection was reset before any response. */
  status: number;
  /** Body bytes actually written. */
  bytes: number;
  /** The injected failure applied, if any. */
  failure?: FailureMode;
}

/** A running test index server. */
export interface IndexServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `http://127.0.0.1:PORT/simple/` */
  readonly simpleUrl: string;
  readonly port: number;
  /** The folder being served. */
  readonly root: string;
  /** Every request so far (since the last `resetLog`). */
  readonly requests: readonly LoggedRequest[];
  resetLog(): void;
  /** Merge new switches; passing `failures` resets their counters. */
  setOptions(options: Partial<ServeOptions>): void;
  /** Stops listening and destroys open sockets at once. */
  close(): Promise<void>;
}

/** The PEP 691 JSON media type. */
export const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
/** The PEP 691 HTML media type (plain `text/html` is also served). */
export const HTML_TYPE = 'application/vnd.pypi.simple.v1+html';

interface Resolved {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

interface LiveRule extends FailureRule {
  remaining: number;
}

class TestIndexServer implements IndexServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private log: LoggedRequest[] = [];
  private options: ServeOptions = {};
  private rules: LiveRule[] = [];
  port = 0;

  constructor(readonly root: string, options: ServeOptions) {
    this.setOptions(options);
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get simpleUrl(): string {
    return `${this.url}/simple/`;
  }
  get requests(): readonly LoggedRequest[] {
    return this.log;
  }
  resetLog(): void {
    this.log = [];
  }
  setOptions(options: Partial<ServeOptions>): void {
    this.options = { ...this.options, ...options };
    if (options.failures !== undefined) this.rules = options.failures.map((r) => ({ ...r, remaining: r.count ?? Infinity }));
  }

  listen(): Promise<void> {
    return new Promise((ok, fail) => {
      this.server.once('error', fail);
      this.server.listen(0, '127.0.0.1', () => {
        this.port = (this.server.address() as AddressInfo).port;
        ok();
      });
    });
  }

  close(): Promise<void> {
    return new Promise((ok) => {
      this.server.close(() => ok());
      for (const s of this.sockets) s.destroy();
      this.server.closeAllConnections?.();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const info: RequestInfo = { method: req.method ?? 'GET', path: req.url ?? '/', headers: flatHeaders(req) };
    const latency = this.options.latencyMs ?? 0;
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const entry: LoggedRequest = { ...info, status: 0, bytes: 0 };
    this.log.push(entry);
    try {
      const rule = this.rules.find((r) => r.remaining > 0 && ruleMatches(r, info));
      if (rule) {
        rule.remaining--;
        entry.failure = rule.mode;
        if (rule.mode === 'reset') {
          req.socket.destroy();
          return;
        }
        if (rule.mode === '500') {
          return this.send(res, entry, { status: rule.status ?? 500, headers: { 'content-type': 'text/plain', ...rule.headers }, body: Buffer.from('injected failure\n') });
        }
      }
      const out = this.resolve(info);
      if (rule?.mode === 'truncate' && out.body.length > 0) {
        const part = out.body.subarray(0, Math.floor(out.body.length / 2));
        entry.status = out.status;
        entry.bytes = part.length;
        res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
        res.flushHeaders();
        res.write(part, () => res.socket?.destroy());
        return;
      }
      if (rule?.mode === 'corrupt' && out.body.length > 0) {
        const bad = Buffer.from(out.body);
        const at = Math.floor(bad.length / 2);
        bad[at] = bad[at]! ^ 0xff;
        out.body = bad;
      }
      this.send(res, entry, out);
    } catch (e) {
      this.send(res, entry, { status: 500, headers: { 'content-type': 'text/plain' }, body: Buffer.from(`test index server error: ${String(e)}\n`) });
    }
  }

  private send(res: ServerResponse, entry: LoggedRequest, out: Resolved): void {
    const head = entry.method === 'HEAD' || out.status === 304;
    entry.status = out.status;
    entry.bytes = head ? 0 : out.body.length;
    res.writeHead(out.status, { ...out.headers, 'content-length': String(out.body.length) });
    res.end(head ? undefined : out.body);
  }

  private resolve(req: RequestInfo): Resolved {
    const o = this.options;
    if (o.basicAuth) {
      const want = 'Basic ' + Buffer.from(`${o.basicAuth.username}:${o.basicAuth.password}`).toString('base64');
      if (req.headers['authorization'] !== want) return text(401, 'authentication required\n', { 'www-authenticate': 'Basic realm="pipgrub-test-index"' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'method not allowed\n', { allow: 'GET, HEAD' });
    const url = new URL(req.path, 'http://127.0.0.1');
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return text(400, 'bad path\n');
    }
    if (path === '/simple') return redirect('/simple/');
    const project = /^\/simple\/([^/]+)(\/?)$/.exec(path);
    if (project) {
      const want = normalizeProjectName(project[1]!);
      if (want !== project[1] || project[2] !== '/') return redirect(`/simple/${encodeURIComponent(want)}/`);
      return this.page(req, url, join(this.root, 'simple', want));
    }
    if (path === '/simple/') return this.page(req, url, join(this.root, 'simple'));
    // Everything else is a static file under the root (artifacts live in files/ unless filesDir moved them).
    const full = resolve(this.root, '.' + path);
    if (!full.startsWith(this.root + sep) || full.startsWith(resolve(this.root, 'simple') + sep) || !existsSync(full) || !statSync(full).isFile()) {
      return text(404, 'not found\n');
    }
    const name = path.slice(path.lastIndexOf('/') + 1);
    return this.conditionalAndRange(req, full, readFileSync(full), {
      'content-type': name.endsWith('.metadata') ? 'text/plain; charset=utf-8' : 'application/octet-stream',
      ...(o.cacheControl !== false ? { 'cache-control': 'max-age=365000000, immutable, public' } : {}),
    });
  }

  private page(req: RequestInfo, url: URL, dir: string): Resolved {
    const hasHtml = this.options.allowHtml !== false && existsSync(join(dir, 'index.html'));
    const hasJson = this.options.allowJson !== false && existsSync(join(dir, 'index.json'));
    if (!existsSync(dir) || (!hasHtml && !hasJson)) return text(404, 'not found\n');
    const accept = url.searchParams.get('format') ?? req.headers['accept'] ?? '';
    const chosen = negotiate(accept, hasHtml, hasJson);
    if (!chosen) return text(406, `not acceptable; this index offers ${[hasJson && JSON_TYPE, hasHtml && HTML_TYPE].filter(Boolean).join(', ')}\n`);
    const full = join(dir, chosen.kind === 'json' ? 'index.json' : 'index.html');
    const gzip = this.options.gzip === true && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    return this.conditionalAndRange(req, full, gzip ? gzipSync(readFileSync(full)) : readFileSync(full), {
      'content-type': chosen.contentType,
      vary: this.options.gzip ? 'Accept, Accept-Encoding' : 'Accept',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      ...(this.options.cacheControl !== false ? { 'cache-control': 'max-age=600, public' } : {}),
    });
  }

  private conditionalAndRange(req: RequestInfo, file: string, body: Buffer, headers: Record<string, string>): Resolved {
    const o = this.options;
    const h: Record<string, string> = { ...headers };
    if (o.conditional !== false) {
      const etag = `"${createHash('sha256').update(body).update(headers['content-type'] ?? '').digest('hex').slice(0, 32)}"`;
      const mtime = new Date(Math.floor(statSync(file).mtimeMs / 1000) * 1000);
      h['etag'] = etag;
      h['last-modified'] = mtime.toUTCString();
      const inm = req.headers['if-none-match'];
      const ims = req.headers['if-modified-since'];
      const notModified = inm !== undefined
        ? inm.split(',').map((t) => t.trim().replace(/^W\//, '')).some((t) => t === etag || t === '*')
        : ims !== undefined && !Number.isNaN(Date.parse(ims)) && Date.parse(ims) >= mtime.getTime();
      if (notModified) return { status: 304, headers: h, body: Buffer.alloc(0) };
    }
    if (o.range === false) return { status: 200, headers: h, body };
    h['accept-ranges'] = 'bytes';
    const range = req.headers['range'];
    if (range === undefined || req.method !== 'GET') return { status: 200, headers: h, body };
    const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
    if (!m || (m[1] === '' && m[2] === '')) return { status: 200, headers: h, body }; // multi or malformed: ignore, as RFC 9110 allows
    const size = body.length;
    let start: number;
    let end: number;
    if (m[1] === '') {
      const n = Number(m[2]);
      if (n === 0 || size === 0) return unsatisfiable(h, size);
      start = Math.max(0, size - n);
      end = size - 1;
    } else {
      start = Number(m[1]);
      end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
      if (start >= size || start > end) return unsatisfiable(h, size);
    }
    return { status: 206, headers: { ...h, 'content-range': `bytes ${start}-${end}/${size}` }, body: body.subarray(start, end + 1) };
  }
}

function unsatisfiable(h: Record<string, string>, size: number): Resolved {
  return { status: 416, headers: { ...h, 'content-range': `bytes */${size}`, 'content-type': 'text/plain' }, body: Buffer.from('range not satisfiable\n') };
}

function text(status: number, body: string, headers: Record<string, string> = {}): Resolved {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body: Buffer.from(body) };
}

function redirect(location: string): Resolved {
  return { status: 301, headers: { location, 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(`moved to ${location}\n`) };
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function ruleMatches(rule: FailureRule, req: RequestInfo): boolean {
  const m = rule.match;
  if (typeof m === 'function') return m(req);
  const path = req.path.split('?')[0]!;
  if (m instanceof RegExp) return m.test(path);
  return path === m || path.endsWith(m);
}

/**
 * PEP 691 content negotiation over an Accept header (q-values honoured, ties keep header order).
 * No Accept header means HTML when offered.
 *
 * @example
 * ```ts
 * negotiate('application/vnd.pypi.simple.v1+json, text/html;q=0.1', true, true); // { kind: 'json', contentType: JSON_TYPE }
 * ```
 */
export function negotiate(accept: string, hasHtml: boolean, hasJson: boolean): { kind: 'html' | 'json'; contentType: string } | undefined {
  const items = accept.split(',').map((part, i) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => /^q=/i.test(p));
    return { type: type.toLowerCase(), q: q ? Number(q.slice(2)) : 1, i };
  }).filter((x) => x.type !== '' && !(x.q <= 0) && !Number.isNaN(x.q));
  if (items.length === 0) return hasHtml ? { kind: 'html', contentType: 'text/html; charset=utf-8' } : hasJson ? { kind: 'json', contentType: JSON_TYPE } : undefined;
  items.sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { type } of items) {
    if (hasJson && (type === JSON_TYPE || type === 'application/vnd.pypi.simple.latest+json')) return { kind: 'json', contentType: JSON_TYPE };
    if (hasHtml && (type === HTML_TYPE || type === 'application/vnd.pypi.simple.latest+html')) return { kind: 'html', contentType: HTML_TYPE };
    if (hasHtml && (type === 'text/html' || type === 'text/*')) return { kind: 'html', contentType: 'text/html; charset=utf-8' };
    if (type === '*/*' || type === 'application/*') {
      if (hasHtml && type === '*/*') return { kind: 'html', contentType: 'text/html; charset=utf-8' };
      if (hasJson) return { kind: 'json', contentType: JSON_TYPE };
    }
  }
  return undefined;
}

/**
 * Serves a folder written by `writeIndex` on 127.0.0.1 at a free port.
 *
 * @example
 * ```ts
 * const server = await serveIndex(dir, { range: false, failures: [{ match: '/simple/flask/', mode: '500', count: 1 }] });
 * const res = await request(server.simpleUrl + 'flask/');
 * await server.close();
 * ```
 */
export async function serveIndex(dir: string, options: ServeOptions = {}): Promise<IndexServer> {
  const server = new TestIndexServer(resolve(dir), options);
  await server.listen();
  return server;
}
