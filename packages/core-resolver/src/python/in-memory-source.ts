// A PackageSource over plain data held in memory: for tests, the conformance runner and any caller that
// already has the whole index. Synchronous; counts requests so tests can check prefetching and laziness.
import { normalizeName, type NormalizedName } from '../pep508/name';
import type { DistributionFile, PackageSource, ProjectInfo, ReleaseMetadata } from './source';

/** One release of an in-memory project (core metadata plus which files exist). */
export interface InMemoryRelease {
  /** PEP 508 `Requires-Dist` strings. */
  requiresDist?: string[];
  /** `Requires-Python`, copied to every file (as an index's `data-requires-python`) and to the metadata. */
  requiresPython?: string;
  providesExtra?: string[];
  /** PEP 592 yank flag or reason, applied to every file. */
  yanked?: boolean | string;
  /** Wheel tag triples, one wheel each. Default `['py3-none-any']`; `[]` = no wheel. */
  wheels?: string[];
  /** Whether an sdist exists. Default false. */
  sdist?: boolean;
  /** `needs-build`: metadata is only available by building the sdist (PEP 643 dynamic). */
  metadata?: 'static' | 'needs-build';
}

/** project name -> version -> release. */
export type InMemoryIndex = Record<string, Record<string, InMemoryRelease>>;

/** Options of {@link InMemorySource}. */
export interface InMemorySourceOptions {
  /** Judges wheel tags for the target; its answer becomes `DistributionFile.compatible`. Default: all. */
  wheelCompatible?: (tag: string) => boolean;
  /** Index name recorded on files. Default `memory`. */
  indexName?: string;
}

function escapeName(name: string): string {
  return normalizeName(name).replace(/-/g, '_');
}

/**
 * A {@link PackageSource} over an in-memory index.
 *
 * @example
 * ```ts
 * const source = new InMemorySource({ a: { '1.0.0': { requiresDist: ['b>=1'] } }, b: { '1.0.0': {} } });
 * const project = source.getProject(normalizeName('a')); // { name: 'a', releases: [...] }
 * ```
 */
export class InMemorySource implements PackageSource {
  /** Counters for tests: how often each method was called. */
  readonly calls = { getProject: 0, getMetadata: 0, prefetch: 0 };
  /** Every name passed to `prefetch`, in order. */
  readonly prefetched: string[] = [];
  private readonly projects = new Map<NormalizedName, { display: string; releases: Record<string, InMemoryRelease> }>();
  private readonly options: InMemorySourceOptions;

  constructor(index: InMemoryIndex, options: InMemorySourceOptions = {}) {
    this.options = options;
    for (const [name, releases] of Object.entries(index)) {
      const key = normalizeName(name);
      const existing = this.projects.get(key);
      if (existing) Object.assign(existing.releases, releases);
      else this.projects.set(key, { display: name, releases: { ...releases } });
    }
  }

  getProject(name: NormalizedName): ProjectInfo | undefined {
    this.calls.getProject++;
    const project = this.projects.get(name);
    if (!project) return undefined;
    return {
      name,
      releases: Object.entries(project.releases).map(([version, release]) => ({
        version,
        files: this.filesOf(project.display, version, release),
      })),
    };
  }

  getMetadata(name: NormalizedName, version: string): ReleaseMetadata {
    this.calls.getMetadata++;
    const release = this.projects.get(name)?.releases[version];
    if (!release) return { kind: 'unavailable', reason: `${name} ${version} is not in the index` };
    if (release.metadata === 'needs-build') {
      return { kind: 'needs-build', reason: `${name} ${version} declares dynamic metadata; the sdist must be built` };
    }
    return {
      kind: 'available',
      name,
      version,
      requiresDist: release.requiresDist ?? [],
      ...(release.requiresPython !== undefined ? { requiresPython: release.requiresPython } : {}),
      providesExtra: release.providesExtra ?? [],
    };
  }

  prefetch(requests: ReadonlyArray<{ name: NormalizedName; version?: string }>): void {
    this.calls.prefetch++;
    for (const r of requests) this.prefetched.push(r.version ? `${r.name}==${r.version}` : r.name);
  }

  private filesOf(display: string, version: string, release: InMemoryRelease): DistributionFile[] {
    const files: DistributionFile[] = [];
    const base = `${escapeName(display)}-${version}`;
    const index = this.options.indexName ?? 'memory';
    const common = {
      hashes: {},
      index,
      ...(release.requiresPython !== undefined ? { requiresPython: release.requiresPython } : {}),
      ...(release.yanked ? { yanked: release.yanked } : {}),
    };
    for (const tag of release.wheels ?? ['py3-none-any']) {
      const filename = `${base}-${tag}.whl`;
      const judge = this.options.wheelCompatible;
      files.push({
        filename,
        url: `memory://${index}/${filename}`,
        kind: 'wheel',
        ...common,
        ...(judge ? { compatible: judge(tag) } : {}),
      });
    }
    if (release.sdist) {
      const filename = `${base}.tar.gz`;
      files.push({ filename, url: `memory://${index}/${filename}`, kind: 'sdist', ...common });
    }
    return files;
  }
}
