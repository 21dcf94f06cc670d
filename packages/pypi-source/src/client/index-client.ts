// The index client: projects and metadata from several indexes and find-links folders, through the
// cache, as the resolver's PackageSource; plus verified downloads for installers.
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeName, type MarkerEnvironment, type NormalizedName } from '@pipgrub/core-resolver/pep508';
import { SpecifierSet, Version } from '@pipgrub/core-resolver/pep440';
import { parseRequirement, type DistributionFile, type PackageSource, type ProjectInfo, type ReleaseInfo, type ReleaseMetadata } from '@pipgrub/core-resolver/python';
import { DiskCache, writeAtomic } from '../cache/disk-cache';
import { defaultCacheDir } from '../cache/cache-dir';
import { IndexUnreachable, InvalidMetadata, PackageNotFound, PypiSourceError } from '../errors';
import { canonicalVersion, parseDistFilename, type DistFilename } from '../filename';
import { CredentialStore, loadNetrc } from '../http/credentials';
import { HttpTransport, type TransportStats } from '../http/transport';
import { parseHtmlPage } from '../index/html';
import { parseJsonPage } from '../index/json';
import type { IndexFile, ProjectPage } from '../index/page';
import { isStaticSdistMetadata, parseCoreMetadata, type CoreMetadata } from '../metadata/core-metadata';
import { readSdistPkgInfo } from '../metadata/sdist-metadata';
import { readWheelMetadata } from '../metadata/wheel-metadata';
import { TagSet } from '../tags/tags';
import { markerEnvironment, type WheelTarget } from '../tags/target';
import { Fetcher, type Fetched, type PageFreshness } from './fetcher';
import { isLocalPath, listFindLinksDir, toPath } from './local';
import { PYPI, resolveSources, type IndexSource, type ResolvedSource } from './sources';

/** `Accept` for project pages: PEP 691 JSON v1 preferred, then PEP 503 HTML (PEP 691 §content negotiation). */
export const SIMPLE_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

/** Options of {@link IndexClient} / {@link createPackageSource}. */
export interface IndexClientOptions {
  /** Pipfile `[[source]]` entries, in order. Default: PyPI. */
  indexes?: IndexSource[];
  /** Find-links: local directories (or `file://`) of wheels/sdists, or URLs of HTML pages listing files. */
  findLinks?: string[];
  /**
   * Target for `compatible` on files: wheel tags, and (unless `checkRequiresPython: false`) the file's
   * Requires-Python against `target.pythonVersion`. Without it every file is compatible.
   */
  target?: WheelTarget;
  /** Judge `data-requires-python` against the target's Python (default true when a target is given). */
  checkRequiresPython?: boolean;
  /**
   * When a project page arrives, start fetching the metadata of its most likely pick (highest final,
   * non-yanked, compatible version) before the resolver asks, hiding one round-trip per package.
   * Default true; costs a wasted request when the resolver picks another version.
   */
  speculativeMetadata?: boolean;
  /** Cache folder; default `$PIPGRUB_CACHE_DIR` or the platform cache dir; `false` for no disk cache. */
  cacheDir?: string | false;
  /** Use only the cache; anything missing fails with `OfflineMissing` naming it. */
  offline?: boolean;
  /** `first-index` (default; blocks dependency confusion) or `best-match` (merge all indexes). */
  indexStrategy?: 'first-index' | 'best-match';
  /** Per-package index pinning (Pipfile `index = "name"`): normalized or raw project name -> source name. */
  pins?: Record<string, string>;
  /** Requests in flight (default 16). */
  concurrency?: number;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** netrc path, or `false` to ignore ~/.netrc. */
  netrc?: string | false;
  /** Environment for `${VAR}` expansion (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** `revalidate` (default: every page revalidated with ETag/Last-Modified) or `max-age`. */
  pageFreshness?: PageFreshness;
  userAgent?: string;
}

/** A distribution file with what the client knows beyond the contract. */
interface FileRecord {
  dist: DistributionFile;
  index: IndexFile;
  parsed: DistFilename;
  /** Tag priority for the target (lower is better); `undefined` when incompatible or no target. */
  priority: number | undefined;
}

interface ProjectRecord {
  info: ProjectInfo;
  byVersion: Map<string, FileRecord[]>;
  /** A page of it came over the network in this run (not from the fresh cache, not a 304). */
  downloaded: boolean;
}

/** Counters of how metadata was obtained. */
export interface MetadataStats {
  metadataFiles: number;
  rangeReads: number;
  sdistReads: number;
  derivedCacheHits: number;
}

/** A verified download. */
export interface DownloadedFile {
  /** Path of the verified file (in the cache, or the local file itself for `file://`). */
  path: string;
  sha256: string;
  size: number;
}

/**
 * Reads PyPI-style indexes and local folders; implements the resolver's `PackageSource`.
 * @example
 * const client = new IndexClient({ indexes: [{ name: 'pypi', url: 'https://pypi.org/simple' }] });
 * const six = await client.getProject(normalizeName('six'));
 * const meta = await client.getMetadata(normalizeName('six'), '1.16.0');
 * await client.close();
 */
export class IndexClient implements PackageSource {
  readonly http: HttpTransport;
  readonly sources: readonly ResolvedSource[];
  readonly cache: DiskCache | undefined;
  readonly metadataStats: MetadataStats = { metadataFiles: 0, rangeReads: 0, sdistReads: 0, derivedCacheHits: 0 };
  private readonly fetcher: Fetcher;
  private readonly tags: TagSet | undefined;
  private readonly python: string | undefined;
  private speculative: boolean;
  private readonly markers: MarkerEnvironment | undefined;
  private readonly requiresPythonMemo = new Map<string, boolean>();
  private readonly strategy: 'first-index' | 'best-match';
  private readonly pins = new Map<string, string>();
  private readonly projects = new Map<string, Promise<ProjectRecord | undefined>>();
  private readonly metadata = new Map<string, Promise<ReleaseMetadata>>();
  /** Page and metadata fetches not settled yet (awaited, within a bound, by `close`). */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** A fetch failed because an index could not be reached (then `close` does not wait). */
  private unreachable = false;
  private readonly findLinks: readonly string[];
  private findLinksFiles: Promise<Array<{ file: IndexFile; origin: string }>> | undefined;

  constructor(options: IndexClientOptions = {}) {
    const netrc = options.netrc === false ? new Map() : loadNetrc(options.netrc === undefined ? undefined : options.netrc);
    const credentials = new CredentialStore(netrc);
    this.sources = resolveSources(options.indexes ?? [PYPI], credentials, options.env ?? process.env);
    const insecure = this.sources.filter((s) => !s.verifySsl).map((s) => new URL(s.url).origin);
    this.http = new HttpTransport({
      credentials,
      insecureOrigins: insecure,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retries !== undefined ? { retries: options.retries } : {}),
      ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
      ...(options.userAgent !== undefined ? { userAgent: options.userAgent } : {}),
    });
    const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? defaultCacheDir(options.env ?? process.env));
    this.cache = cacheDir === undefined ? undefined : new DiskCache(cacheDir);
    this.fetcher = new Fetcher(this.http, this.cache, { offline: options.offline === true, pageFreshness: options.pageFreshness ?? 'revalidate' });
    this.tags = options.target ? new TagSet(options.target) : undefined;
    this.python = options.target && options.checkRequiresPython !== false ? fullVersion(options.target.pythonVersion) : undefined;
    this.strategy = options.indexStrategy ?? 'first-index';
    this.speculative = options.speculativeMetadata !== false;
    this.markers = options.target ? (markerEnvironment(options.target) as unknown as MarkerEnvironment) : undefined;
    this.findLinks = options.findLinks ?? [];
    for (const [project, index] of Object.entries(options.pins ?? {})) {
      if (!this.sources.some((s) => s.name === index)) {
        throw new PypiSourceError('INVALID_SOURCE', `package '${project}' is pinned to index '${index}', which is not a configured [[source]]`, {
          hint: `configured sources: ${this.sources.map((s) => s.name).join(', ')}`,
        });
      }
      this.pins.set(normalizeName(project), index);
    }
  }

  /** HTTP counters (requests, bytes, retries, range/conditional requests, 304s). */
  get stats(): TransportStats {
    return this.http.stats;
  }

  /** Redacted URLs offline mode could not serve so far. */
  get missing(): string[] {
    return [...this.fetcher.missing];
  }

  // ---- PackageSource ----------------------------------------------------------------------------

  /** The project's releases across the configured indexes and find-links, or `undefined`. */
  async getProject(name: NormalizedName): Promise<ProjectInfo | undefined> {
    return (await this.project(normalizeName(name)))?.info;
  }

  /** Like `getProject`, but throws `PackageNotFound` naming the indexes searched. */
  async requireProject(name: string): Promise<ProjectInfo> {
    const n = normalizeName(name);
    const info = await this.getProject(n);
    if (!info) throw new PackageNotFound(n, this.indexesFor(n).map((s) => s.url));
    return info;
  }

  /** Core metadata of one release: PEP 658 file, else wheel METADATA by Range, else static sdist PKG-INFO. */
  getMetadata(name: NormalizedName, version: string): Promise<ReleaseMetadata> {
    const n = normalizeName(name);
    const key = `${n}@${canonicalVersion(version) ?? version}`;
    let p = this.metadata.get(key);
    if (!p) {
      p = this.track(this.loadMetadata(n, version));
      this.metadata.set(key, p);
      if (this.speculative) p.then((m) => this.prefetchDependencies(m)).catch(() => undefined);
    }
    return p;
  }

  /** Start fetching projects (and release metadata) that the resolver will probably ask for. */
  prefetch(requests: ReadonlyArray<{ name: NormalizedName; version?: string }>): void {
    for (const r of requests) {
      const p = r.version === undefined ? this.getProject(r.name) : this.getMetadata(r.name, r.version);
      p.catch(() => undefined); // the memoized promise re-raises when actually asked
    }
  }

  // ---- downloads ---------------------------------------------------------------------------------

  /**
   * Download a distribution file, verified against its index hashes, into the cache (or reuse it).
   * @example const { path } = await client.downloadFile(release.files[0]);
   */
  async downloadFile(file: DistributionFile): Promise<DownloadedFile> {
    const got = await this.fetcher.file(file.url, file.hashes);
    const sha256 = file.hashes['sha256'] ?? createHash('sha256').update(got.bytes).digest('hex');
    let path = got.path;
    if (!path) {
      if (this.cache) path = await this.cache.writeBlob('sha256', sha256, got.bytes);
      else {
        path = join(tmpdir(), 'pipgrub-downloads', sha256, file.filename);
        await writeAtomic(path, got.bytes);
      }
    }
    return { path, sha256, size: got.bytes.length };
  }

  /** The best file of a release for the target: highest-priority compatible wheel, else the sdist (`undefined` if none fits). */
  async bestFile(name: string, version: string): Promise<DistributionFile | undefined> {
    const rec = await this.project(normalizeName(name));
    const files = (rec?.byVersion.get(canonicalVersion(version) ?? version) ?? []).filter((f) => f.dist.compatible !== false);
    return this.rankWheels(files)[0]?.dist ?? files.find((f) => f.parsed.kind === 'sdist')?.dist;
  }

  /**
   * Close keep-alive connections. Fetches still in flight (speculative prefetches the resolver never
   * asked for, typically after a failed resolution) are first given up to `drainMs` (default 1 s) to
   * finish, so what they fetched is in the cache next time instead of being fetched — and cut off — on
   * every run. Once an index proved unreachable there is no waiting.
   */
  async close(options: { drainMs?: number } = {}): Promise<void> {
    const drainMs = this.unreachable ? 0 : (options.drainMs ?? 1000);
    // Finish what is running, but start nothing new: a failed resolution must not crawl the index.
    this.speculative = false;
    if (this.inFlight.size > 0 && drainMs > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)));
      await Promise.race([this.drained(), timeout]);
      clearTimeout(timer);
    }
    return this.http.close();
  }

  /** Resolves once nothing is in flight, including fetches that in-flight ones start. */
  private async drained(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Remember `p` until it settles (see {@link close}). */
  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    p.then(
      () => void this.inFlight.delete(p),
      (e: unknown) => {
        this.inFlight.delete(p);
        if (e instanceof IndexUnreachable) this.unreachable = true;
      },
    );
    return p;
  }

  // ---- internals ---------------------------------------------------------------------------------

  private indexesFor(n: string): readonly ResolvedSource[] {
    const pinned = this.pins.get(n);
    return pinned ? this.sources.filter((s) => s.name === pinned) : this.sources;
  }

  private project(n: NormalizedName): Promise<ProjectRecord | undefined> {
    let p = this.projects.get(n);
    if (!p) {
      p = this.track(this.loadProject(n));
      this.projects.set(n, p);
      // Only a page just downloaded is worth a speculative metadata fetch: a page reused from the cache
      // was read by an earlier run, which fetched the metadata its resolution needed. Speculating on it
      // would fetch what no resolution asked for (after a failed one, one more fetch on every run).
      if (this.speculative) {
        p.then((rec) => rec?.downloaded && this.speculate(n, rec)).catch(() => undefined);
      }
    }
    return p;
  }

  private async fetchPage(source: ResolvedSource, n: string): Promise<{ page: ProjectPage; via: Fetched['via'] } | undefined> {
    const url = `${source.url}${encodeURIComponent(n)}/`;
    const res = await this.fetcher.page(url, SIMPLE_ACCEPT);
    if (res.status === 404 || res.status === 410) return undefined;
    const safe = this.http.redact(url);
    if (res.status === 401 || res.status === 403) {
      throw new IndexUnreachable(safe, `index '${source.name}' refused access to ${safe} (HTTP ${res.status})`, {
        status: res.status,
        hint: 'give credentials in the source URL, in ~/.netrc, or as ${VAR} in the [[source]] url',
      });
    }
    if (res.status !== 200) throw new IndexUnreachable(safe, `unexpected HTTP ${res.status} from ${safe}`, { status: res.status });
    const text = new TextDecoder().decode(res.body);
    return { page: /json/i.test(res.contentType) ? parseJsonPage(text, res.url) : parseHtmlPage(text, res.url), via: res.via };
  }

  private async loadProject(n: NormalizedName): Promise<ProjectRecord | undefined> {
    const found: Array<{ origin: string; files: IndexFile[] }> = [];
    const indexes = this.indexesFor(n);
    let downloaded = false;
    if (this.strategy === 'first-index' || this.pins.has(n)) {
      for (const s of indexes) {
        const got = await this.fetchPage(s, n);
        if (got) {
          found.push({ origin: s.name, files: got.page.files });
          downloaded = got.via === 'network';
          break;
        }
      }
    } else {
      const pages = await Promise.all(indexes.map((s) => this.fetchPage(s, n)));
      pages.forEach((got, i) => {
        if (!got) return;
        found.push({ origin: indexes[i]!.name, files: got.page.files });
        downloaded ||= got.via === 'network';
      });
    }
    if (this.findLinks.length > 0 && !this.pins.has(n)) {
      for (const { file, origin } of await this.findLinksIndex()) {
        if (parseDistFilename(file.filename, n)?.name === n) found.push({ origin, files: [file] });
      }
    }
    const byVersion = new Map<string, FileRecord[]>();
    const spelled = new Map<string, string>();
    const seen = new Set<string>();
    for (const { origin, files } of found) {
      for (const f of files) {
        const parsed = parseDistFilename(f.filename, n);
        if (!parsed || parsed.name !== n || seen.has(f.filename)) continue;
        seen.add(f.filename);
        const canon = canonicalVersion(parsed.version)!;
        const priority = parsed.kind === 'wheel' && this.tags ? this.tags.priority(parsed.tags) : undefined;
        const dist: DistributionFile = {
          filename: f.filename,
          // Credentials embedded in file links go to the store; the URL a lock records is clean.
          url: this.http.credentials.takeFromUrl(f.url),
          kind: parsed.kind,
          hashes: f.hashes,
          index: origin,
        };
        if (f.requiresPython !== undefined) dist.requiresPython = f.requiresPython;
        if (f.yanked !== undefined) dist.yanked = f.yanked;
        if (f.size !== undefined) dist.size = f.size;
        if (parsed.kind === 'wheel' && this.tags) dist.compatible = priority !== undefined;
        if (f.requiresPython !== undefined && this.python !== undefined && !this.pythonMatches(f.requiresPython)) dist.compatible = false;
        if (!byVersion.has(canon)) byVersion.set(canon, []);
        byVersion.get(canon)!.push({ dist, index: f, parsed, priority });
        // Prefer the wheel's (normalized) spelling of the version.
        if (!spelled.has(canon) || parsed.kind === 'wheel') spelled.set(canon, parsed.version);
      }
    }
    if (found.length === 0) return undefined;
    const releases: ReleaseInfo[] = [...byVersion].map(([canon, files]) => ({ version: spelled.get(canon)!, files: files.map((f) => f.dist) }));
    return { info: { name: n, releases }, byVersion, downloaded };
  }

  private findLinksIndex(): Promise<Array<{ file: IndexFile; origin: string }>> {
    this.findLinksFiles ??= (async () => {
      const out: Array<{ file: IndexFile; origin: string }> = [];
      for (const entry of this.findLinks) {
        if (isLocalPath(entry)) {
          const path = toPath(entry);
          for (const file of await listFindLinksDir(path)) out.push({ file, origin: 'find-links' });
        } else {
          const res = await this.fetcher.page(entry, 'text/html');
          if (res.status !== 200) {
            const safe = this.http.redact(entry);
            throw new IndexUnreachable(safe, `find-links page ${safe} answered HTTP ${res.status}`, { status: res.status });
          }
          for (const file of parseHtmlPage(new TextDecoder().decode(res.body), res.url).files) out.push({ file, origin: 'find-links' });
        }
      }
      return out;
    })();
    return this.findLinksFiles;
  }

  /** Start loading the projects a release depends on (extras-only requirements skipped). */
  private prefetchDependencies(m: ReleaseMetadata): void {
    if (m.kind !== 'available') return;
    for (const req of m.requiresDist) {
      let name: NormalizedName;
      try {
        // The resolver's memoized parse: the resolver parses the same Requires-Dist strings again.
        const r = parseRequirement(req, 'prefetch');
        // With a target, skip what its markers exclude; extras-only requirements evaluate false (extra == '').
        if (r.applies && (this.markers ? !r.applies(this.markers) : /\bextra\s*==/.test(req))) continue;
        name = r.name;
      } catch {
        continue; // the resolver reports bad requirements; prefetching is only a hint
      }
      this.project(name).catch(() => undefined);
    }
  }

  /** Prefetch metadata of the release a `highest` strategy would most likely pick. */
  private speculate(n: NormalizedName, rec: ProjectRecord): void {
    let best: { v: Version; raw: string } | undefined;
    let bestPre: { v: Version; raw: string } | undefined;
    for (const r of rec.info.releases) {
      if (!r.files.some((f) => !f.yanked && f.compatible !== false)) continue;
      let v: Version;
      try {
        v = Version.parse(r.version);
      } catch {
        continue;
      }
      if (v.isPrerelease) {
        if (!bestPre || v.compare(bestPre.v) > 0) bestPre = { v, raw: r.version };
      } else if (!best || v.compare(best.v) > 0) best = { v, raw: r.version };
    }
    const pick = best ?? bestPre;
    if (pick) this.getMetadata(n, pick.raw).catch(() => undefined);
  }

  /** Requires-Python against the target (pre-releases allowed, as packaging does); invalid text is ignored. */
  private pythonMatches(spec: string): boolean {
    let ok = this.requiresPythonMemo.get(spec);
    if (ok === undefined) {
      try {
        ok = SpecifierSet.parse(spec).contains(this.python!, { prereleases: true });
      } catch {
        ok = true;
      }
      this.requiresPythonMemo.set(spec, ok);
    }
    return ok;
  }

  private rankWheels(files: FileRecord[]): FileRecord[] {
    const wheels = files.filter((f) => f.parsed.kind === 'wheel');
    const rank = (f: FileRecord) => (f.priority === undefined ? (this.tags ? Infinity : 0) : f.priority);
    return wheels
      .filter((f) => !this.tags || f.priority !== undefined)
      .sort((a, b) => rank(a) - rank(b) || buildNumber(b) - buildNumber(a));
  }

  private async loadMetadata(n: NormalizedName, version: string): Promise<ReleaseMetadata> {
    const rec = await this.project(n);
    if (!rec) return { kind: 'unavailable', reason: `no index has '${n}'` };
    const canon = canonicalVersion(version) ?? version;
    const files = rec.byVersion.get(canon);
    if (!files || files.length === 0) return { kind: 'unavailable', reason: `'${n}' has no version ${version}` };
    // Any wheel's METADATA describes the release; prefer compatible ones, then any wheel at all.
    const ranked = this.rankWheels(files);
    const wheels = [...ranked, ...files.filter((f) => f.parsed.kind === 'wheel' && !ranked.includes(f))];
    const withFile = wheels.find((w) => w.index.coreMetadata !== undefined);
    if (withFile) return this.fromMetadataFile(n, canon, withFile);
    const wheel = wheels[0];
    if (wheel) return this.fromWheel(n, canon, wheel);
    const sdist = files.find((f) => f.parsed.kind === 'sdist');
    if (sdist) return this.fromSdist(n, canon, sdist);
    return { kind: 'unavailable', reason: `'${n}' ${version} has no wheel or sdist` };
  }

  private checked(text: string, url: string, n: string, canon: string): CoreMetadata {
    const safe = this.http.redact(url);
    const parsed = parseCoreMetadata(text);
    if (!parsed.ok) throw new InvalidMetadata(safe, parsed.reason);
    const m = parsed.metadata;
    if (normalizeName(m.name) !== n || (canonicalVersion(m.version) ?? m.version) !== canon) {
      throw new InvalidMetadata(safe, `it describes ${m.name} ${m.version}, expected ${n} ${canon}`, {
        hint: 'the index serves a file whose metadata does not match its name; report it to the index owner',
      });
    }
    return m;
  }

  private available(m: CoreMetadata): ReleaseMetadata {
    return {
      kind: 'available',
      name: m.name,
      version: m.version,
      requiresDist: m.requiresDist,
      ...(m.requiresPython !== undefined ? { requiresPython: m.requiresPython } : {}),
      providesExtra: m.providesExtra,
    };
  }

  private async fromMetadataFile(n: string, canon: string, wheel: FileRecord): Promise<ReleaseMetadata> {
    const url = `${wheel.dist.url}.metadata`;
    const got = await this.fetcher.file(url, wheel.index.coreMetadata ?? {});
    if (got.via !== 'cache') this.metadataStats.metadataFiles++;
    return this.available(this.checked(new TextDecoder().decode(got.bytes), url, n, canon));
  }

  private async fromWheel(n: string, canon: string, wheel: FileRecord): Promise<ReleaseMetadata> {
    const url = wheel.dist.url;
    const key = wheel.dist.hashes['sha256'] ? `sha256:${wheel.dist.hashes['sha256']}` : `url:${url}`;
    let computed = false;
    const text = await this.fetcher.derived('wheel-metadata', key, url, async () => {
      computed = true;
      this.metadataStats.rangeReads++;
      const reader = await this.fetcher.randomAccess(url);
      try {
        return await readWheelMetadata(reader, n);
      } finally {
        await reader.close?.();
      }
    });
    if (!computed) this.metadataStats.derivedCacheHits++;
    return this.available(this.checked(text, url, n, canon));
  }

  private async fromSdist(n: string, canon: string, sdist: FileRecord): Promise<ReleaseMetadata> {
    const url = sdist.dist.url;
    const key = sdist.dist.hashes['sha256'] ? `sha256:${sdist.dist.hashes['sha256']}` : `url:${url}`;
    const raw = await this.fetcher.derived('sdist-pkg-info', key, url, async () => {
      this.metadataStats.sdistReads++;
      const { bytes } = await this.fetcher.file(url, sdist.dist.hashes);
      return JSON.stringify(await readSdistPkgInfo(bytes, sdist.dist.filename));
    });
    const info = JSON.parse(raw) as { kind: 'found'; text: string } | { kind: 'missing'; reason: string };
    if (info.kind === 'missing') return { kind: 'needs-build', reason: `${sdist.dist.filename}: ${info.reason}` };
    const m = this.checked(info.text, url, n, canon);
    if (!isStaticSdistMetadata(m)) {
      const why = m.dynamic.length > 0 ? `Dynamic: ${m.dynamic.join(', ')}` : `Metadata-Version ${m.metadataVersion} < 2.2`;
      return { kind: 'needs-build', reason: `${sdist.dist.filename}: PKG-INFO is not static (${why}); the sdist must be built` };
    }
    return this.available(m);
  }
}

/** `3.12` -> `3.12.0`. */
function fullVersion(v: string): string {
  return v.split('.').length === 2 ? `${v}.0` : v;
}

function buildNumber(f: FileRecord): number {
  return f.parsed.kind === 'wheel' && f.parsed.build ? parseInt(f.parsed.build, 10) || 0 : 0;
}

/**
 * Create the resolver's package source over indexes and find-links.
 * @example
 * const source = createPackageSource({ indexes: [{ name: 'pypi', url: 'https://pypi.org/simple' }], target });
 * const result = await resolve({ source, requirements: ['requests'], environment });
 */
export function createPackageSource(options: IndexClientOptions = {}): IndexClient {
  return new IndexClient(options);
}
