// The PubGrub main loop: propagate, then choose a package and a version, get its dependencies. Only
// choosing may wait for the provider. solver.md § The Algorithm; pubgrub-rs src/solver.rs.
import type { VersionSet, VersionSetKind } from './version-set';
import type { Dependencies, DependencyProvider } from './provider';
import { NO_CONFLICTS } from './provider';
import { allowedSet, positive } from './term';
import type { Term } from './term';
import type { SolveOptions, SolveResult, SolveStats } from './result';
import { SolverError } from './errors';
import { CoreState } from './internal/core';
import { DecisionQueue } from './internal/decision-queue';
import { buildDerivationTree } from './internal/build-tree';
import type { PackageSlot, PartialSolution } from './internal/partial-solution';
import type { IncompatibilityArena } from './internal/incompatibility';
import type { DerivationTree } from './derivation-tree';

function isThenable<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';
}

/** Key under which a version is remembered as "dependencies already added". */
function versionKey<V>(v: V): unknown {
  return typeof v === 'object' && v !== null ? String(v) : v;
}

/**
 * Find versions for `root` at `rootVersion` and everything it transitively depends on, or explain why
 * none exist. Resolution failure is returned as data (`kind: 'failed'` with a derivation tree); only a
 * provider error, a broken provider contract or cancellation throws (`SolverError`).
 *
 * @example
 * ```ts
 * const result = await solve(provider, 'root', 1, IntRange);
 * if (result.kind === 'solved') console.log(result.solution.get('foo'));
 * else console.log(new DefaultStringReporter().report(result.tree));
 * ```
 */
export function solve<P, V, VS extends VersionSet<V, VS>>(
  provider: DependencyProvider<P, V, VS>,
  root: P,
  rootVersion: V,
  kind: VersionSetKind<V, VS>,
  options?: SolveOptions,
): Promise<SolveResult<P, V, VS>> {
  // Not an async function: a synchronous provider never leaves `runSync`, so the whole solve costs one
  // settled promise; the async continuation starts only at the first provider promise.
  try {
    const run = new SolveRun(provider, root, rootVersion, kind, options);
    return run.runSync() ? Promise.resolve(run.result!) : run.continueAsync();
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * `solve` for a synchronous provider (one that never returns a promise, like `OfflineDependencyProvider`):
 * the same solver loop, without the promise around the result. A provider that does return a promise
 * makes it throw `ERR_SOLVER_ASYNC_PROVIDER` (use `solve` for such providers).
 *
 * @example
 * ```ts
 * const result = solveSync(offlineProvider, 'root', 1, IntRange);
 * if (result.kind === 'solved') console.log(result.solution.get('foo'));
 * ```
 */
export function solveSync<P, V, VS extends VersionSet<V, VS>>(
  provider: DependencyProvider<P, V, VS>,
  root: P,
  rootVersion: V,
  kind: VersionSetKind<V, VS>,
  options?: SolveOptions,
): SolveResult<P, V, VS> {
  const run = new SolveRun(provider, root, rootVersion, kind, options);
  if (run.runSync()) return run.result!;
  // The provider's promise is abandoned: keep its rejection from surfacing as unhandled.
  run.abandon();
  throw new SolverError(
    'ERR_SOLVER_ASYNC_PROVIDER',
    `solveSync: the provider returned a promise for ${String(run.pending)}`,
    { hint: 'use `await solve(...)` with an asynchronous provider' },
  );
}

/** A bound on `displace` per solve (each package moves at most once anyway). */
const MAX_DISPLACEMENTS = 64;
/**
 * `displace` undoes at most this many decision levels (the displaced decision and those after it, all
 * made again). Over pubgrub-rs's 149 cases, 3 to 6 levels give 2,066-2,089 decisions in total (2,125
 * without displacing); 6 also takes both `287@6` cases from 34 to 24 decisions.
 */
const DISPLACE_MAX_LEVELS = 6;

/** `step` outcomes: solving ended (`result` is set), or `pending` needs a version chosen, or propagate `pending` next. */
const STEP_DONE = 0;
const STEP_CHOOSE = 1;
const STEP_PROPAGATE = 2;

/**
 * The state of one solve. Methods instead of closures (no per-solve function objects) and plain number
 * counters, so that a tiny solve costs little more than its own work.
 */
class SolveRun<P, V, VS extends VersionSet<V, VS>> {
  /** Whether to read the clock for `timeMs` and `providerWaitMs` (`SolveOptions.timing`). */
  readonly timing: boolean;
  readonly started: number;
  readonly maxDecisions: number;
  providerWaitMs: number;
  decisions = 0;
  readonly state: CoreState<P, V, VS>;
  readonly ps: PartialSolution<P, V, VS>;
  readonly queue = new DecisionQueue<P, V, VS>();
  /** Whether the version being added is not the first of its package whose dependencies were added. */
  private revisit = false;
  result: SolveResult<P, V, VS> | undefined = undefined;
  pending: P | undefined = undefined;
  /** The slot of `pending` when a version must be chosen for it. */
  private pendingSlot: PackageSlot<P, V, VS> | undefined = undefined;
  pendingRange: VS | undefined = undefined;

  constructor(
    readonly provider: DependencyProvider<P, V, VS>,
    readonly root: P,
    readonly rootVersion: V,
    readonly kind: VersionSetKind<V, VS>,
    options: SolveOptions | undefined,
  ) {
    this.timing = options?.timing !== false;
    this.started = this.timing ? performance.now() : NaN;
    this.providerWaitMs = this.timing ? 0 : NaN;
    this.maxDecisions = options?.maxDecisions ?? Infinity;
    this.state = new CoreState<P, V, VS>(root, rootVersion, kind);
    this.ps = this.state.solution;
    // The root's slot exists from the start (its "not root" incompatibility).
    this.rootSlot = this.ps.slots.get(root)!;
    this.next = this.rootSlot;
  }

  private readonly rootSlot: PackageSlot<P, V, VS>;
  /** The slot of the package to propagate from next. */
  private next: PackageSlot<P, V, VS>;
  /** A provider promise the solve waits for: a version for `pending`, or the dependencies of `pending` at `waitVersion`. */
  private waiting: Promise<V | undefined> | Promise<Dependencies<P, VS>> | undefined = undefined;
  private waitingForDeps = false;
  private waitVersion: V | undefined = undefined;

  /**
   * Run until solved or failed (true; `result` is set) or until the provider returned a promise (false;
   * `continueAsync` takes over).
   */
  runSync(): boolean {
    for (;;) {
      const step = this.step(this.next);
      if (step === STEP_DONE) return true;
      const pkg = this.pending as P;
      this.next = this.pendingSlot!;
      if (step !== STEP_CHOOSE) continue;
      let version: V | undefined;
      if (pkg === this.root) {
        version = this.rootVersion;
      } else {
        let chosen: V | undefined | Promise<V | undefined>;
        try {
          chosen = this.provider.chooseVersion(pkg, this.pendingRange!);
        } catch (e) {
          throw wrap('chooseVersion', pkg, e);
        }
        if (isThenable(chosen)) {
          this.waiting = chosen;
          this.waitingForDeps = false;
          return false;
        }
        version = chosen;
      }
      if (!this.chosen(pkg, version)) continue;
      if (!this.fetchDependencies(pkg, version!)) return false;
    }
  }

  /** Ask for the dependencies of `pkg` at `version` and add them; false when that returned a promise. */
  private fetchDependencies(pkg: P, version: V): boolean {
    let got: Dependencies<P, VS> | Promise<Dependencies<P, VS>>;
    try {
      got = this.provider.getDependencies(pkg, version);
    } catch (e) {
      throw wrap('getDependencies', pkg, e);
    }
    if (isThenable(got)) {
      this.waiting = got;
      this.waitingForDeps = true;
      this.waitVersion = version;
      return false;
    }
    this.dependencies(pkg, version, got);
    return true;
  }

  /** Drop the pending provider promise (solveSync with an asynchronous provider), swallowing its rejection. */
  abandon(): void {
    (this.waiting as Promise<unknown> | undefined)?.catch(() => undefined);
    this.waiting = undefined;
  }

  /** Await the pending provider promise, finish that step, and go on synchronously until the next one. */
  async continueAsync(): Promise<SolveResult<P, V, VS>> {
    for (;;) {
      const pkg = this.pending as P;
      const promise = this.waiting!;
      this.waiting = undefined;
      if (this.waitingForDeps) {
        const version = this.waitVersion as V;
        this.dependencies(pkg, version, await this.waitFor('getDependencies', pkg, promise as Promise<Dependencies<P, VS>>));
      } else {
        const version = await this.waitFor('chooseVersion', pkg, promise as Promise<V | undefined>);
        if (this.chosen(pkg, version) && !this.fetchDependencies(pkg, version!)) continue;
      }
      if (this.runSync()) return this.result!;
    }
  }

  stats(): SolveStats {
    const c = this.state;
    return {
      decisions: this.decisions,
      conflicts: c.conflicts,
      propagations: c.propagations,
      backtracks: c.backtracks,
      incompatibilities: this.state.arena.size,
      timeMs: this.timing ? performance.now() - this.started : NaN,
      providerWaitMs: this.providerWaitMs,
    };
  }

  /** Await a provider promise, counting the wait and wrapping a rejection. */
  async waitFor<T>(what: string, pkg: P, promise: Promise<T>): Promise<T> {
    const t0 = this.timing ? performance.now() : NaN;
    try {
      return await promise;
    } catch (e) {
      throw wrap(what, pkg, e);
    } finally {
      if (this.timing) this.providerWaitMs += performance.now() - t0;
    }
  }

  /** Queue (and announce to the provider) every undecided positive package whose term changed. */
  private enqueue(slots: PackageSlot<P, V, VS>[]): void {
    const provider = this.provider;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const pkg = slot.pkg;
      const pa = slot.pa;
      if (pa === undefined || pa.decision !== undefined || !pa.term.positive || pkg === this.root) continue;
      if (pa.announcedStamp === pa.stamp) continue;
      pa.announcedStamp = pa.stamp;
      const priority = provider.prioritize(pkg, pa.term.set, slot.conflicts ?? NO_CONFLICTS);
      if (pa.queuedPriority !== priority) this.queue.push(slot, pa, priority);
      provider.prefetch?.(pkg, pa.term.set);
    }
  }

  /** Re-prioritize undecided packages whose conflict counts changed (their range did not). */
  private reprioritize(slots: PackageSlot<P, V, VS>[]): void {
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const pkg = slot.pkg;
      const pa = slot.pa;
      if (pa === undefined || pa.decision !== undefined || !pa.term.positive || pkg === this.root) continue;
      if (pa.announcedStamp !== pa.stamp) continue; // enqueue handles it with its new range
      const priority = this.provider.prioritize(pkg, pa.term.set, slot.conflicts ?? NO_CONFLICTS);
      if (pa.queuedPriority !== priority) this.queue.push(slot, pa, priority);
    }
  }

  /**
   * Propagate from `next`, then pick the next package: the root first (its version is given, so this
   * also adds its dependencies), then the provider's highest priority. Returns STEP_CHOOSE with
   * `pending`/`pendingRange` when the provider must choose a version.
   */
  step(next: PackageSlot<P, V, VS>): number {
    const state = this.state;
    const ps = this.ps;
    if (this.provider.shouldCancel?.() === true || this.decisions >= this.maxDecisions) {
      throw new SolverError('ERR_SOLVER_CANCELLED', `solving cancelled after ${this.decisions} decisions`);
    }
    if (!state.unitPropagation(next)) {
      this.result = new FailedResult(state.arena, state.failure!, this.stats());
      return STEP_DONE;
    }
    // The lists are emptied in place (enqueue and reprioritize do not touch the partial solution), by
    // pops: assigning `length` is a runtime call in V8, a visible share of a microsecond solve.
    const touched = state.touched;
    if (touched !== undefined && touched.length > 0) {
      this.enqueue(touched);
      clear(touched);
    }
    if (ps.changed.length > 0) {
      this.enqueue(ps.changed);
      clear(ps.changed);
    }
    const changedCounts = state.reprioritize;
    if (changedCounts !== undefined && changedCounts.length > 0) {
      this.reprioritize(changedCounts);
      clear(changedCounts);
    }

    const rootSlot = this.rootSlot;
    const slot = rootSlot.pa!.decision === undefined ? rootSlot : this.queue.pop();
    if (slot === undefined) {
      this.result = { kind: 'solved', solution: ps.extractSolution(), stats: this.stats() };
      return STEP_DONE;
    }
    const pkg = slot.pkg;
    const range = slot.pa!.term.set;
    if (range.isEmpty()) {
      // Earlier derivations emptied the range: record it so the conflict surfaces in propagation.
      state.addIncompatibility(state.arena.noVersions(pkg, range));
      this.pending = pkg;
      this.pendingSlot = slot;
      return STEP_PROPAGATE;
    }
    this.pending = pkg;
    this.pendingSlot = slot;
    this.pendingRange = range;
    return STEP_CHOOSE;
  }

  /**
   * The provider chose `version` (or none) for `pkg`. Returns whether its dependencies must be fetched
   * (false: nothing to fetch, propagate from `pkg` next).
   */
  chosen(pkg: P, version: V | undefined): boolean {
    const range = this.pendingRange!;
    this.pendingRange = undefined;
    const state = this.state;
    if (version === undefined) {
      const hint = this.provider.describeNoVersions?.(pkg, range);
      state.addIncompatibility(state.arena.noVersions(pkg, range, hint));
      this.pending = pkg;
      return false;
    }
    if (!range.contains(version)) {
      throw new SolverError(
        'ERR_SOLVER_BAD_VERSION',
        `the provider chose version ${String(version)} of ${String(pkg)}, outside the allowed ${range.toString()}`,
      );
    }
    this.decisions++;
    // The root's decision (level 1) is never undone, so it is never chosen twice: nothing to remember.
    if (pkg === this.root) {
      this.revisit = false;
      return true;
    }
    const key = versionKey(version);
    const seen = this.pendingSlot!.added;
    this.revisit = seen !== undefined;
    this.pendingKey = key;
    if (seen === undefined || (seen instanceof Set ? !seen.has(key) : seen !== key)) return true;
    // Its dependency incompatibilities are already known and not satisfied.
    this.ps.addDecision(pkg, version, undefined, this.pendingSlot);
    return false;
  }

  /** The key of the version being added, remembered on its slot once all its dependencies are added. */
  private pendingKey: unknown = undefined;

  /** Remember that the dependencies of the pending version were all added. */
  private markAdded(): void {
    const slot = this.pendingSlot!;
    const key = this.pendingKey;
    const seen = slot.added;
    if (seen === undefined) slot.added = key;
    else if (seen instanceof Set) seen.add(key);
    else if (seen !== key) slot.added = new Set([seen, key]);
  }

  /**
   * Add the dependencies of `pkg` at `version` (or its unavailability), then decide it if still possible.
   * A version the lookahead rejects gets only the one dependency that rejects it (plus the learned fact):
   * its other dependencies would never propagate while it is excluded, and they are added if it is
   * ever chosen again.
   */
  dependencies(pkg: P, version: V, deps: Dependencies<P, VS>): void {
    const state = this.state;
    if (deps.kind === 'unavailable') {
      state.addIncompatibility(state.arena.unavailable(pkg, this.kind.singleton(version), deps.reason, deps.hint));
      return;
    }
    const isRoot = pkg === this.root;
    const single = isRoot ? state.rootSingleton : this.kind.singleton(version);
    // One immutable `pkg = version` term for all its dependencies and its decision.
    const term = positive(single);
    const arena = state.arena;
    const map = deps.dependencies;
    const rejecting = this.lookahead(pkg, version, map);
    if (rejecting !== undefined) {
      const by = this.rejectedBy;
      if (by !== undefined) {
        this.rejectedBy = undefined;
        if (!isRoot && this.displace(version, by, rejecting, map)) {
          this.dependencies(pkg, version, deps); // the lookahead again, one level below `by`'s decision
          return;
        }
      }
      const id = arena.dependency(pkg, single, rejecting, map.get(rejecting)!, term);
      state.addDependencies(pkg, id, id + 1, this.revisit);
      // Not decided: propagating from `pkg` next derives `pkg != version`, from the learned fact (the
      // dependency has no version left) or from the dependency itself (the partial solution contradicts
      // it), without a conflict and a backjump.
      const none = this.noneLeft;
      if (none !== undefined) {
        this.noneLeft = undefined;
        const hint = this.provider.describeNoVersions?.(rejecting, none);
        state.addIncompatibility(arena.priorCause(arena.noVersions(rejecting, none, hint), id, rejecting));
      }
      return;
    }
    const first = arena.size;
    // The lookahead went through every dependency (none is on nothing) and kept them, with their slots,
    // in order: no second walk over the map.
    const pkgSlot = this.pendingSlot!;
    const depSlots = this.depSlots!;
    const depPkgs = this.depPkgs!;
    const depSets = this.depSets!;
    for (let i = 0; i < map.size; i++) {
      arena.items[arena.dependency(pkg, single, depPkgs[i]!, depSets[i]!, term)]!.slots = [pkgSlot, depSlots[i]!];
    }
    state.addDependencies(pkg, first, arena.size, this.revisit);
    if (!isRoot) this.markAdded();
    this.ps.addDecision(pkg, version, single, this.pendingSlot, term);
    if (map.size > 0) state.deriveDependencies(depSlots, depSets, this.depAllowed!);
  }

  /**
   * The dependencies `lookahead` went through, their sets and slots, in order (created by the first
   * version with dependencies, then reused; only read up to their count).
   */
  private depPkgs: P[] | undefined = undefined;
  private depSets: VS[] | undefined = undefined;
  private depSlots: PackageSlot<P, V, VS>[] | undefined = undefined;
  /** Per dependency, the versions of its set the partial solution allows (its term once decided). */
  private depAllowed: VS[] | undefined = undefined;

  /** Set by `lookahead` when the rejecting dependency has no version in this set (else undefined). */
  private noneLeft: VS | undefined = undefined;

  /** Set by `lookahead` when the partial solution's term for the rejecting dependency excludes it. */
  private rejectedBy: PackageSlot<P, V, VS> | undefined = undefined;

  /** Decisions moved before an earlier one by `displace` in this solve. */
  private displacements = 0;

  /**
   * resolvelib's re-pin, the PubGrub way. The version about to be decided for the pending package is
   * rejected only by the *decision* of an earlier package `by` (what was derived for `by` before that
   * decision allows the dependency): then backjump to just below that decision, so that the pending
   * version is decided first and `by` is decided again later within its dependency, instead of settling
   * for an older version of the pending package (whose other dependencies may lead far away). Returns
   * whether it backjumped. A package's decision is displaced at most once per solve, so this cannot
   * cycle. `dep` is `by`'s package, and `deps` all dependencies of the pending version (the lookahead
   * accepted those before `dep`).
   */
  private displace(version: V, by: PackageSlot<P, V, VS>, dep: P, deps: Map<P, VS>): boolean {
    const pa = by.pa!;
    const slot = this.pendingSlot!;
    if (pa.decision === undefined || by.displaced || this.displacements >= MAX_DISPLACEMENTS) return false;
    const level = pa.highestLevel; // the decision is the last assignment of `by`
    if (this.ps.level - level >= DISPLACE_MAX_LEVELS) return false;
    // The pending package must already be required, with this version allowed, below that level.
    const own = slot.pa!.derivations;
    let i = own.length - 1;
    while (i >= 0 && own[i]!.level >= level) i--;
    if (i < 0 || !own[i]!.accumulated.positive || !own[i]!.accumulated.set.contains(version)) return false;
    // What was derived for `by` before its decision must leave a version for the dependency, and the
    // dependencies after `dep` must pass the lookahead now (then they pass below that level too).
    const ds = pa.derivations;
    if (!this.leaves(dep, deps.get(dep)!, ds[ds.length - 1]!.accumulated)) return false;
    let after = false;
    for (const [d, set] of deps) {
      if (after && !this.leaves(d, set, this.ps.slots.get(d)?.pa?.term)) return false;
      after ||= d === dep;
    }
    by.displaced = true;
    this.displacements++;
    this.state.backtrack(level - 1);
    return true;
  }

  /** Whether a version of `dep` inside `set` is allowed by `known` (its term, if any) and exists. */
  private leaves(dep: P, set: VS, known: Term<VS> | undefined): boolean {
    const allowed = allowedWithin(set, known);
    return !allowed.isEmpty() && !this.hasNoVersions(dep, allowed);
  }

  /** The provider's `hasNoVersions` (false when it has none), its errors wrapped. */
  private hasNoVersions(dep: P, allowed: VS): boolean {
    try {
      return this.provider.hasNoVersions?.(dep, allowed) === true;
    } catch (e) {
      throw wrap('hasNoVersions', dep, e);
    }
  }

  /**
   * Check the dependencies of a version about to be decided against the partial solution, without
   * allocating any incompatibility (they are kept in `depPkgs`, `depSets` and `depSlots`); returns the
   * first dependency that rejects it, or undefined. A dependency on nothing, or one the partial
   * solution already contradicts, rejects the version. With a provider that answers `hasNoVersions`
   * (resolvelib's check before pinning), so does a dependency left with no version among those the
   * partial solution still allows (`noneLeft` is then that set).
   */
  private lookahead(pkg: P, version: V, deps: Map<P, VS>): P | undefined {
    const ps = this.ps;
    if (deps.size === 0) return undefined;
    const depPkgs = (this.depPkgs ??= []);
    const depSets = (this.depSets ??= []);
    const depSlots = (this.depSlots ??= []);
    const depAllowed = (this.depAllowed ??= []);
    let n = 0;
    const check = this.provider.hasNoVersions !== undefined;
    for (const [dep, depSet] of deps) {
      if (dep === pkg) {
        throw new SolverError('ERR_SOLVER_SELF_DEPENDENCY', `${String(pkg)} ${String(version)} depends on itself`);
      }
      if (depSet.isEmpty()) return dep; // a dependency on nothing
      const slot = ps.slot(dep);
      const known = slot.pa?.term;
      const allowed = allowedWithin(depSet, known);
      depPkgs[n] = dep;
      depSets[n] = depSet;
      depAllowed[n] = allowed;
      depSlots[n++] = slot;
      if (allowed.isEmpty()) {
        this.rejectedBy = slot;
        return dep;
      }
      if (check && this.hasNoVersions(dep, allowed)) {
        this.noneLeft = allowed;
        return dep;
      }
    }
    return undefined;
  }
}

/**
 * A failed solve's result. Its derivation tree is only needed for a report, so it is built from the
 * arena on the first read of `tree`, not on every failure (resolvelib's failure, by comparison, only
 * raises with its causes). `tree` is a getter on the prototype, as a URL's fields are: reading it and
 * destructuring work like a field, `JSON.stringify` shows it (`toJSON`), and a spread copy
 * `{ ...result }` carries only `kind` and `stats`. An own accessor per failure (`Object.defineProperty`,
 * a runtime call) cost 4% of a 6 µs failed solve and 15% of a 1.7 µs one.
 */
class FailedResult<P, V, VS extends VersionSet<V, VS>> {
  readonly kind = 'failed';
  readonly stats: SolveStats;
  readonly #arena: IncompatibilityArena<P, V, VS>;
  readonly #terminal: number;
  #tree: DerivationTree<P, V, VS> | undefined = undefined;

  constructor(arena: IncompatibilityArena<P, V, VS>, terminal: number, stats: SolveStats) {
    this.stats = stats;
    this.#arena = arena;
    this.#terminal = terminal;
  }

  /** The derivation tree of the failure, built on first read. */
  get tree(): DerivationTree<P, V, VS> {
    return (this.#tree ??= buildDerivationTree(this.#arena, this.#terminal));
  }

  toJSON(): { kind: 'failed'; stats: SolveStats; tree: DerivationTree<P, V, VS> } {
    return { kind: this.kind, stats: this.stats, tree: this.tree };
  }
}

/** The versions of `set` that a package's term `known` (if it has one) still allows. */
function allowedWithin<V, VS extends VersionSet<V, VS>>(set: VS, known: Term<VS> | undefined): VS {
  return known === undefined ? set : set.intersection(allowedSet(known));
}

/** Empty an array in place without assigning its `length`. */
function clear(list: unknown[]): void {
  while (list.length > 0) list.pop();
}

function wrap(what: string, pkg: unknown, e: unknown): SolverError {
  if (e instanceof SolverError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  return new SolverError('ERR_SOLVER_PROVIDER', `${what}(${String(pkg)}) failed: ${detail}`, { cause: e });
}
