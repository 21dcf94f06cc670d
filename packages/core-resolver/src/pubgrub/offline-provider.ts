// A synchronous in-memory DependencyProvider over explicit (package, version, dependencies) data, like
// pubgrub-rs's OfflineDependencyProvider: for tests, benchmarks and small tools.
import type { VersionSet } from './version-set';
import type { Dependencies, DependencyProvider, PackageConflicts } from './provider';
import { NO_CONFLICTS } from './provider';

/** Map key of a version: primitives as they are (no string conversion per lookup), objects by their text. */
function versionKey(v: unknown): unknown {
  return typeof v === 'object' && v !== null ? String(v) : v;
}

/**
 * One package's versions (highest first) and dependencies, and a memo of the last version set scanned
 * for it: the solver asks about one set several times (its priority, then a version from it), usually
 * passing the very same set object, so the scan is not repeated.
 */
class PackageEntry<V, D, VS> {
  readonly versions: V[] = [];
  readonly deps = new Map<unknown, D>();
  /** The set of the last scan (compared by identity; sets are immutable), its count and first match. */
  scanned: VS | undefined = undefined;
  count = 0;
  first = -1;
}

/** Priorities are `tier * VERSION_COUNT_SPAN - candidate versions`. */
const VERSION_COUNT_SPAN = 2 ** 24;
/** Conflicts after which a package moves to a conflict tier (uv's `CONFLICT_THRESHOLD`). */
const CONFLICT_THRESHOLD = 5;

/**
 * Packages and versions held in memory. Chooses the highest version (by `compare`) in the range and
 * decides packages often involved in conflicts first, then those with fewer candidate versions.
 *
 * @example
 * ```ts
 * const p = new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);
 * p.add('root', 1, [['foo', IntRange.higherThan(1)]]);
 * p.add('foo', 2, []);
 * const r = await solve(p, 'root', 1, IntRangeKind);
 * ```
 */
export class OfflineDependencyProvider<P, V, VS extends VersionSet<V, VS>> implements DependencyProvider<P, V, VS> {
  /** Per package: versions sorted highest first, and their dependencies. */
  private readonly packages = new Map<P, PackageEntry<V, Dependencies<P, VS>, VS>>();

  /** The last package looked up and its entry: the solver asks about one package several times in a row. */
  private lastPkg: P | undefined = undefined;
  private lastEntry: PackageEntry<V, Dependencies<P, VS>, VS> | undefined = undefined;

  constructor(private readonly compare: (a: V, b: V) => number) {}

  private lookup(pkg: P): PackageEntry<V, Dependencies<P, VS>, VS> | undefined {
    if (pkg === this.lastPkg && this.lastEntry !== undefined) return this.lastEntry;
    const e = this.packages.get(pkg);
    if (e !== undefined) {
      this.lastPkg = pkg;
      this.lastEntry = e;
    }
    return e;
  }

  private entry(pkg: P): PackageEntry<V, Dependencies<P, VS>, VS> {
    let e = this.packages.get(pkg);
    if (e === undefined) this.packages.set(pkg, (e = new PackageEntry()));
    return e;
  }

  /**
   * Count the versions of `pkg` in `range` and find the highest (memoized for the last set scanned); the
   * results are left in the entry's `count` and `first` (-1: none). Undefined for an unknown package.
   */
  private scan(pkg: P, range: VS): PackageEntry<V, Dependencies<P, VS>, VS> | undefined {
    const e = this.lookup(pkg);
    if (e === undefined || e.scanned === range) return e;
    const versions = e.versions;
    let n = 0;
    let first = -1;
    for (let i = 0; i < versions.length; i++) {
      if (!range.contains(versions[i]!)) continue;
      if (n++ === 0) first = i;
    }
    e.scanned = range;
    e.count = n;
    e.first = first;
    return e;
  }

  /** Register `pkg` at `version` with its dependencies (replacing an earlier registration). */
  add(pkg: P, version: V, dependencies: Iterable<[P, VS]>): this {
    return this.set(pkg, version, { kind: 'available', dependencies: new Map(dependencies) });
  }

  /** Register `pkg` at `version` as unusable, for `reason`. */
  addUnavailable(pkg: P, version: V, reason: string, hint?: string): this {
    const d: Dependencies<P, VS> = { kind: 'unavailable', reason };
    if (hint !== undefined) d.hint = hint;
    return this.set(pkg, version, d);
  }

  private set(pkg: P, version: V, deps: Dependencies<P, VS>): this {
    const e = this.entry(pkg);
    const key = versionKey(version);
    if (!e.deps.has(key)) {
      e.versions.push(version);
      e.versions.sort((a, b) => this.compare(b, a));
      e.scanned = undefined;
    }
    e.deps.set(key, deps);
    return this;
  }

  /** All packages, in registration order. */
  allPackages(): P[] {
    return [...this.packages.keys()];
  }

  /** Versions of `pkg`, highest first. */
  versions(pkg: P): readonly V[] {
    return this.lookup(pkg)?.versions ?? [];
  }

  /** Registered dependencies of `pkg` at `version`, or undefined. */
  dependenciesOf(pkg: P, version: V): Dependencies<P, VS> | undefined {
    return this.lookup(pkg)?.deps.get(versionKey(version));
  }

  /**
   * Conflict-aware like uv's `PubGrubPriorities`: packages whose assignments were often rejected
   * ("conflict early", `affected >= 5`) first, then those that often caused rejections ("conflict late",
   * `culprit >= 5`), then the rest; within a tier, fewer candidate versions first.
   */
  prioritize(pkg: P, range: VS, conflicts: PackageConflicts = NO_CONFLICTS): number {
    const n = this.scan(pkg, range)?.count ?? 0;
    const tier = conflicts.affected >= CONFLICT_THRESHOLD ? 2 : conflicts.culprit >= CONFLICT_THRESHOLD ? 1 : 0;
    return tier * VERSION_COUNT_SPAN - Math.min(n, VERSION_COUNT_SPAN - 1);
  }

  hasNoVersions(pkg: P, range: VS): boolean {
    const e = this.scan(pkg, range);
    return e === undefined || e.first < 0;
  }

  chooseVersion(pkg: P, range: VS): V | undefined {
    const e = this.scan(pkg, range);
    return e === undefined || e.first < 0 ? undefined : e.versions[e.first];
  }

  getDependencies(pkg: P, version: V): Dependencies<P, VS> {
    return (
      this.dependenciesOf(pkg, version) ?? {
        kind: 'unavailable',
        reason: `${String(pkg)} ${String(version)} is not in the index`,
      }
    );
  }

  listVersions(pkg: P): readonly V[] {
    return this.versions(pkg);
  }
}
