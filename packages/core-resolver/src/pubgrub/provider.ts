// The contract between the generic PubGrub solver and whoever knows the packages: which version to try,
// what it depends on, which package to decide next, and hooks for prefetching and for hints in reports.
import type { VersionSet } from './version-set';

/** A value or a promise of it. Providers backed by memory return plain values (no microtask per step). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * How often a package took part in conflicts so far in this solve (pubgrub-rs's
 * `PackageResolutionStatistics`, uv's conflict tracker): `affected` counts the conflict-resolution steps
 * where its own assignment was rejected, `culprit` those where another package's assignment was rejected
 * because of it. Deciding often-conflicting packages earlier makes the solver learn the conflict once
 * instead of re-discovering it under many unrelated decisions.
 */
export interface PackageConflicts {
  readonly affected: number;
  readonly culprit: number;
}

/** The statistics of a package that was not involved in any conflict yet. */
export const NO_CONFLICTS: PackageConflicts = Object.freeze({ affected: 0, culprit: 0 });

/**
 * The dependencies of one package version.
 *
 * - `available`: the version's dependencies, each a package and the set of versions it accepts.
 * - `unavailable`: the version cannot be used at all (its `Requires-Python` excludes the target, no wheel
 *   for this platform, metadata needs a build...). The solver records a "custom" incompatibility
 *   `{pkg == version}` whose `reason` (and `hint`) reach the failure report verbatim. `reason` completes
 *   a sentence whose subject is the package version, e.g. `requires Python >=3.12` or `has no wheel for
 *   this platform`, giving "Because foo ==2.0 requires Python >=3.12 and ...".
 */
export type Dependencies<P, VS> =
  | { kind: 'available'; dependencies: Map<P, VS> }
  | { kind: 'unavailable'; reason: string; hint?: string };

/**
 * Everything the solver asks about packages. `P` is any value usable as a `Map` key (the Python layer
 * uses strings such as `requests` or `requests[socks]`), `V` a version, `VS` the version-set type.
 *
 * Only `chooseVersion`, `getDependencies` and `listVersions` may be asynchronous; the solver awaits them
 * only when they actually return a promise, so a synchronous in-memory provider runs without microtasks.
 *
 * @example
 * ```ts
 * const provider: DependencyProvider<string, number, IntRange> = {
 *   prioritize: (_pkg, _range, _conflicts) => 0,
 *   chooseVersion: (pkg, range) => versionsOf(pkg).find((v) => range.contains(v)),
 *   getDependencies: (pkg, v) => ({ kind: 'available', dependencies: depsOf(pkg, v) }),
 * };
 * ```
 */
export interface DependencyProvider<P, V, VS extends VersionSet<V, VS>> {
  /**
   * Priority of deciding `pkg` next, given the set of versions still allowed for it. Higher is decided
   * first; ties go to the package that entered the partial solution first. A classic choice is "fewest
   * candidate versions first" (fail fast) with direct dependencies of the root above the rest, and
   * packages often involved in conflicts (`conflicts`) above those. Called again when the package's
   * range or its conflict counts change.
   */
  prioritize(pkg: P, range: VS, conflicts: PackageConflicts): number;

  /**
   * The preferred version of `pkg` inside `range` (highest, lowest, locked...), or `undefined` when no
   * version satisfies it: the solver then records a "no versions" incompatibility for `{pkg in range}`.
   * The returned version must be contained in `range`.
   */
  chooseVersion(pkg: P, range: VS): MaybePromise<V | undefined>;

  /** The dependencies of `pkg` at `version`, or why that version cannot be used. */
  getDependencies(pkg: P, version: V): MaybePromise<Dependencies<P, VS>>;

  /**
   * Every candidate version of `pkg`, preferred first. Not used by PubGrub; required by the SAT engine
   * (`solveSat`), which must know the whole universe of versions up front.
   */
  listVersions?(pkg: P): MaybePromise<readonly V[]>;

  /**
   * Called (at most once per package and range change) for every package that enters the partial
   * solution with a positive term, right after unit propagation and before the next decision: the
   * provider should start fetching that package's version list and likely metadata in the background
   * (bounded concurrency) so that a lock over a network index is not one round-trip per package. Must
   * not throw and must return immediately; errors surface later from `chooseVersion`/`getDependencies`.
   */
  prefetch?(pkg: P, range: VS): void;

  /**
   * Optional one-step lookahead, as resolvelib does when it pins a candidate: whether it is already
   * known, without waiting, that no version of `pkg` lies in `range`. Before deciding a version, the
   * solver asks this for each of its dependencies (the dependency's range intersected with what the
   * partial solution allows for it); a `true` answer rejects the version at once (with a learned
   * "no versions" fact) instead of finding the conflict decisions later and backjumping over them.
   * Must be synchronous and cheap; answer `false` when unsure (e.g. the version list is not fetched yet).
   */
  hasNoVersions?(pkg: P, range: VS): boolean;

  /**
   * Polled once per decision; returning true stops the solve with a `SolverError` of code
   * `ERR_SOLVER_CANCELLED` (e.g. the user pressed Ctrl-C, or a time budget ran out).
   */
  shouldCancel?(): boolean;

  /**
   * A hint for a "no versions of `pkg` match `range`" failure, shown under the report (e.g. "pre-releases
   * of foo exist: 2.0b1; allow them with --pre", "foo 1.3 was yanked"). Called when the solver records
   * the incompatibility, so the provider can answer from what it has already fetched.
   */
  describeNoVersions?(pkg: P, range: VS): string | undefined;
}
