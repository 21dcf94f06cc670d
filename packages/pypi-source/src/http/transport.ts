// HTTP transport for index requests: one keep-alive undici Agent per origin (no pipelining), bounded
// concurrency with p-limit, redirects, auth headers, timeouts, and retries with backoff on 5xx/reset.
import type { Agent } from 'undici';
import pLimit from 'p-limit';
import { IndexUnreachable } from '../errors';
import { CredentialStore } from './credentials';
import { redactText } from './redact';
import { lazyDecoder } from '../zip/zlib';

/** Options of {@link HttpTransport}. */
export interface TransportOptions {
  /** Maximum requests in flight across all origins (default 16). */
  concurrency?: number;
  /** Per-request timeout for headers and for body inactivity, in ms (default 30 000). */
  timeoutMs?: number;
  /** Retries after a 5xx/429, reset or timeout (default 3). */
  retries?: number;
  /** First backoff delay in ms, doubled per retry with jitter (default 200). */
  backoffMs?: number;
  /** Origins whose TLS certificates are not verified (Pipfile `verify_ssl = false`). */
  insecureOrigins?: Iterable<string>;
  credentials?: CredentialStore;
  userAgent?: string;
}

/** A completed HTTP exchange (after redirects). */
export interface HttpResponse {
  status: number;
  /** Lower-cased response headers. */
  headers: Record<string, string>;
  body: Uint8Array;
  /** The final URL after redirects (links on a page resolve against it). */
  url: string;
}

/** Counters for benchmarks and tests. */
export interface TransportStats {
  requests: number;
  bytes: number;
  retries: number;
  rangeRequests: number;
  conditionalRequests: number;
  notModified: number;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const DECODERS: Record<string, (b: Uint8Array) => Promise<Uint8Array>> = {
  gzip: lazyDecoder('gunzip'),
  'x-gzip': lazyDecoder('gunzip'),
  deflate: lazyDecoder('inflate'),
  br: lazyDecoder('brotliDecompress'),
};
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

// undici is loaded on the first request: it costs ~80 ms of module loading, which commands that never
// touch the network (a lock from a folder of wheels, an up-to-date sync) should not pay.
type Undici = typeof import('undici');
let undiciModule: Promise<Undici> | undefined;
function loadUndici(): Promise<Undici> {
  // A bundler may expose the CommonJS module only as `default`.
  undiciModule ??= import('undici').then((m) => (typeof m.Agent === 'function' ? m : ((m as unknown as { default?: Undici }).default ?? m)));
  return undiciModule;
}

/**
 * Sends GET requests to indexes. Never throws for 4xx (the caller decides what a 404 means); throws
 * `IndexUnreachable` (URL redacted) once retries are exhausted.
 * @example
 * const http = new HttpTransport({ concurrency: 8 });
 * const res = await http.get('https://pypi.org/simple/six/', { accept: 'application/vnd.pypi.simple.v1+json' });
 */
export class HttpTransport {
  readonly stats: TransportStats = { requests: 0, bytes: 0, retries: 0, rangeRequests: 0, conditionalRequests: 0, notModified: 0 };
  readonly credentials: CredentialStore;
  private readonly agents = new Map<string, Agent>();
  private closed = false;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly insecure: Set<string>;
  private readonly o: Required<Omit<TransportOptions, 'insecureOrigins' | 'credentials'>>;

  constructor(options: TransportOptions = {}) {
    this.o = {
      concurrency: options.concurrency ?? 16,
      timeoutMs: options.timeoutMs ?? 30_000,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 200,
      userAgent: options.userAgent ?? 'pipgrub (+https://github.com/pipgrub)',
    };
    this.limit = pLimit(this.o.concurrency);
    this.insecure = new Set(options.insecureOrigins ?? []);
    this.credentials = options.credentials ?? new CredentialStore();
  }

  private agentFor(undici: Undici, origin: string): Agent {
    let agent = this.agents.get(origin);
    if (!agent) {
      agent = new undici.Agent({
        connections: this.o.concurrency,
        pipelining: 1, // keep-alive, one request at a time per connection
        keepAliveTimeout: 30_000,
        headersTimeout: this.o.timeoutMs,
        bodyTimeout: this.o.timeoutMs,
        connect: this.insecure.has(origin) ? { rejectUnauthorized: false } : {},
      });
      this.agents.set(origin, agent);
    }
    return agent;
  }

  /** GET `url` following redirects, with retries. `headers` are added to every hop. */
  get(url: string, options: { accept?: string; headers?: Record<string, string> } = {}): Promise<HttpResponse> {
    if (this.closed) return Promise.reject(new IndexUnreachable(this.redact(url), `cannot fetch ${this.redact(url)}: the client is closed`));
    return this.limit(() => {
      if (this.closed) throw new IndexUnreachable(this.redact(url), `cannot fetch ${this.redact(url)}: the client is closed`);
      return this.getNow(url, options);
    });
  }

  private async getNow(url: string, options: { accept?: string; headers?: Record<string, string> }): Promise<HttpResponse> {
    let current = url;
    for (let hop = 0; hop <= 10; hop++) {
      const res = await this.once(current, options);
      if (REDIRECT_STATUS.has(res.status) && res.headers['location']) {
        current = new URL(res.headers['location'], current).toString();
        continue;
      }
      return { ...res, url: current };
    }
    throw new IndexUnreachable(this.redact(url), `too many redirects from ${this.redact(url)}`);
  }

  private async once(url: string, options: { accept?: string; headers?: Record<string, string> }): Promise<Omit<HttpResponse, 'url'>> {
    // Index pages compress very well (PyPI's larger JSON pages shrink ~10x); ranges ask for identity.
    const headers: Record<string, string> = { 'user-agent': this.o.userAgent, 'accept-encoding': 'gzip, br', ...options.headers };
    if (options.accept) headers['accept'] = options.accept;
    const auth = this.credentials.authorization(url);
    if (auth) headers['authorization'] = auth;
    if (headers['range']) this.stats.rangeRequests++;
    if (headers['if-none-match'] || headers['if-modified-since']) this.stats.conditionalRequests++;
    const origin = new URL(url).origin;
    const undici = await loadUndici();
    if (this.closed) throw new IndexUnreachable(this.redact(url), `cannot fetch ${this.redact(url)}: the client is closed`);
    let lastError: unknown;
    let lastStatus: number | undefined;
    let retryAfterMs: number | undefined;
    for (let attempt = 0; attempt <= this.o.retries; attempt++) {
      if (attempt > 0) {
        this.stats.retries++;
        const delay = this.o.backoffMs * 2 ** (attempt - 1);
        await new Promise((r) => setTimeout(r, retryAfterMs ?? delay / 2 + Math.random() * delay));
        retryAfterMs = undefined;
      }
      this.stats.requests++;
      try {
        // Our own timer for the wait until headers (undici's timers are coarse below a second);
        // body inactivity is bounded by the agent's bodyTimeout.
        const abort = new AbortController();
        const timer = setTimeout(() => abort.abort(new Error(`no response within ${this.o.timeoutMs} ms (timeout)`)), this.o.timeoutMs);
        let res: Awaited<ReturnType<Undici['request']>>;
        try {
          res = await undici.request(url, { method: 'GET', headers, dispatcher: this.agentFor(undici, origin), signal: abort.signal });
        } finally {
          clearTimeout(timer);
        }
        let body: Uint8Array;
        try {
          body = new Uint8Array(await res.body.arrayBuffer());
        } catch (e) {
          lastError = new Error(`response body truncated (connection closed mid-body: ${(e as Error).message})`, { cause: e });
          continue;
        }
        this.stats.bytes += body.length;
        const h = flatten(res.headers);
        const declared = h['content-length'];
        if (declared !== undefined && res.statusCode !== 304 && Number(declared) !== body.length) {
          lastError = new Error(`response body truncated: ${body.length} of ${declared} bytes`);
          continue;
        }
        if (RETRY_STATUS.has(res.statusCode)) {
          lastStatus = res.statusCode;
          lastError = undefined;
          const after = Number(h['retry-after']);
          if (Number.isFinite(after) && after >= 0 && after <= 30) retryAfterMs = after * 1000;
          continue;
        }
        const encoding = h['content-encoding']?.trim().toLowerCase();
        if (encoding && encoding !== 'identity' && body.length > 0) {
          const decode = DECODERS[encoding];
          if (!decode) throw new IndexUnreachable(this.redact(url), `unsupported Content-Encoding '${encoding}' from ${this.redact(url)}`);
          try {
            body = await decode(body);
          } catch (e) {
            lastError = new Error(`corrupt ${encoding} response body: ${(e as Error).message}`, { cause: e });
            continue;
          }
          delete h['content-encoding'];
          delete h['content-length'];
        }
        if (res.statusCode === 304) this.stats.notModified++;
        return { status: res.statusCode, headers: h, body };
      } catch (e) {
        if (e instanceof IndexUnreachable) throw e;
        lastError = e;
      }
    }
    const safe = this.redact(url);
    const why = lastStatus !== undefined && lastError === undefined
      ? `HTTP ${lastStatus}`
      : this.redact(String((lastError as { message?: string })?.message ?? lastError));
    throw new IndexUnreachable(safe, `cannot fetch ${safe}: ${why} (after ${this.o.retries + 1} attempts)`, {
      cause: lastError,
      status: lastStatus,
    });
  }

  /** Redact credentials and secret values from a text. */
  redact(text: string): string {
    return redactText(text, this.credentials.secretValues);
  }

  /** Close every keep-alive connection. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.agents.values()].map((a) => a.close()));
    this.agents.clear();
  }
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}
