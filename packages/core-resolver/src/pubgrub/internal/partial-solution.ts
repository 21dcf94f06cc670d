// The partial solution: per package, the dated assignments (derivations and at most one decision) with
// their running intersection; decision levels and backjumping. Dart pub's solver.md § Partial Solution;
// pubgrub-rs src/internal/partial_solution.rs.
import type { VersionSet, VersionSetKind } from '../version-set';
import type { Term } from '../term';
import { intersectTerms, negate, positive, termsDisjoint } from '../term';
import type { Incompatibility, IncompatibilityArena } from './incompatibility';

interface DatedDerivation<VS> {
  globalIndex: number;
  level: number;
  cause: number;
  /** Intersection of all assignments of this package up to and including this one. */
  accumulated: Term<VS>;
}

/** Everything assigned to one package. */
export class PackageAssignments<V, VS> {
  derivations: DatedDerivation<VS>[] = [];
  decision: { globalIndex: number; version: V } | undefined = undefined;
  /** Intersection of all assignments (the decision included). */
  term: Term<VS>;
  smallestLevel: number;
  highestLevel: number;
  /** Bumped whenever `term` changes. */
  stamp = 0;
  /** The stamp at which the solver last prioritized and announced (prefetch) this package. */
  announcedStamp = -1;
  /** Priority of this package's live entry in the decision queue, or undefined when not queued. */
  queuedPriority: number | undefined = undefined;

  constructor(
    readonly order: number,
    term: Term<VS>,
    level: number,
  ) {
    this.term = term;
    this.smallestLevel = level;
    this.highestLevel = level;
  }
}

/**
 * One package's fixed place for the whole solve (never removed): the ids of the incompatibilities that
 * mention it and its current assignments, if any. Incompatibilities keep their packages' slots, so the
 * propagation loop reads a package's term without a map lookup.
 */
export class PackageSlot<P, V, VS> {
  /** Ids of the incompatibilities mentioning this package (oldest first). */
  readonly ids: number[] = [];
  /** The package's assignments, while it is in the partial solution. */
  pa: PackageAssignments<V, VS> | undefined = undefined;
  /** Keys of the versions whose dependencies the solver already added (one key, or a Set of them). */
  added: unknown = undefined;
  /** How often this package's assignment was rejected, or it caused a rejection, in conflict resolution. */
  conflicts: { affected: number; culprit: number } | undefined = undefined;
  /** Whether the solver already decided another package before this one's decision (solver `displace`). */
  displaced = false;

  constructor(readonly pkg: P) {}
}

/** A satisfier: the assignment that made a term of an incompatibility true. */
export interface Satisfier {
  /** Cause id of the derivation, or -1 for a decision. */
  cause: number;
  globalIndex: number;
  level: number;
}

export class PartialSolution<P, V, VS extends VersionSet<V, VS>> {
  /** Every package mentioned so far, assigned or not. */
  readonly slots = new Map<P, PackageSlot<P, V, VS>>();
  /** The slots of the packages with assignments, in the order they got their first one. */
  private readonly assigned: PackageSlot<P, V, VS>[] = [];
  level = 0;
  private nextGlobalIndex = 0;
  private nextOrder = 0;
  /** Packages whose term changed since the solver last queued them (may repeat; the solver empties it). */
  readonly changed: PackageSlot<P, V, VS>[] = [];

  constructor(private readonly kind: VersionSetKind<V, VS>) {}

  /** The slot of `pkg`, created on first use. */
  slot(pkg: P): PackageSlot<P, V, VS> {
    let s = this.slots.get(pkg);
    if (s === undefined) this.slots.set(pkg, (s = new PackageSlot<P, V, VS>(pkg)));
    return s;
  }

  /**
   * Record a decision `pkg = version` at a new decision level (`single`: its singleton set, `term`: the
   * positive term of it, if at hand).
   */
  addDecision(pkg: P, version: V, single?: VS, slot = this.slots.get(pkg)!, term?: Term<VS>): void {
    this.level++;
    const pa = slot.pa!;
    pa.decision = { globalIndex: this.nextGlobalIndex++, version };
    pa.term = term ?? positive(single ?? this.kind.singleton(version));
    pa.highestLevel = this.level;
    pa.stamp++;
  }

  /** Record a derivation: `not term(pkg)` of incompatibility `cause` now holds. */
  addDerivation(pkg: P, cause: number, arena: IncompatibilityArena<P, V, VS>, slot = this.slot(pkg)): void {
    const t = negate(arena.get(cause).term(pkg)!);
    const globalIndex = this.nextGlobalIndex++;
    let pa = slot.pa;
    if (pa === undefined) {
      pa = new PackageAssignments<V, VS>(this.nextOrder++, t, this.level);
      slot.pa = pa;
      this.assigned.push(slot);
    } else {
      pa.term = intersectTerms(pa.term, t);
      pa.highestLevel = this.level;
    }
    pa.derivations.push({ globalIndex, level: this.level, cause, accumulated: pa.term });
    pa.stamp++;
    this.changed.push(slot);
  }

  /** Undo every assignment above `level`; appends the packages that remain but changed to `touched`. */
  backtrack(level: number, touched: PackageSlot<P, V, VS>[]): void {
    this.level = level;
    const list = this.assigned;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const slot = list[i]!;
      const pa = slot.pa!;
      if (pa.smallestLevel > level) {
        slot.pa = undefined;
        continue;
      }
      list[kept++] = slot;
      if (pa.highestLevel > level) {
        // A decision above `level` would have been the last assignment: it is necessarily undone.
        pa.decision = undefined;
        const ds = pa.derivations;
        while (ds.length > 0 && ds[ds.length - 1]!.level > level) ds.pop();
        const last = ds[ds.length - 1]!;
        pa.term = last.accumulated;
        pa.highestLevel = last.level;
        pa.stamp++;
        touched.push(slot);
      }
    }
    while (list.length > kept) list.pop();
    const changed = this.changed;
    while (changed.length > 0) changed.pop();
  }

  /**
   * The earliest assignment of `pkg` after which its running intersection is disjoint from `start`
   * (i.e. implies `not start`). Accumulated terms only shrink, so a binary search finds it.
   */
  private satisfier(pa: PackageAssignments<V, VS>, start: Term<VS>): Satisfier {
    const ds = pa.derivations;
    let lo = 0;
    let hi = ds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (termsDisjoint(ds[mid]!.accumulated, start)) hi = mid;
      else lo = mid + 1;
    }
    if (lo < ds.length) {
      const d = ds[lo]!;
      return { cause: d.cause, globalIndex: d.globalIndex, level: d.level };
    }
    // Not found among derivations: it is the decision, which is always the last assignment.
    return { cause: -1, globalIndex: pa.decision!.globalIndex, level: pa.highestLevel };
  }

  /**
   * solver.md § Conflict Resolution: find the satisfier of a satisfied incompatibility (the latest of
   * the per-term satisfiers), and the decision level of the previous satisfier.
   */
  satisfierSearch(
    incompat: Incompatibility<P, V, VS>,
    arena: IncompatibilityArena<P, V, VS>,
  ): { pkg: P; satisfier: Satisfier; previousLevel: number } {
    const { pkgs, termList } = incompat;
    const found: Satisfier[] = [];
    let satPkg: P | undefined;
    let sat: Satisfier | undefined;
    let satAt = -1;
    for (let i = 0; i < pkgs.length; i++) {
      const pkg = pkgs[i]!;
      const s = this.satisfier(this.slots.get(pkg)!.pa!, negate(termList[i]!));
      found.push(s);
      if (sat === undefined || s.globalIndex > sat.globalIndex) {
        sat = s;
        satPkg = pkg;
        satAt = i;
      }
    }
    const pkg = satPkg as P;
    const pa = this.slots.get(pkg)!.pa!;
    // The previous satisfier: the same search with the satisfier's own contribution removed for pkg.
    const accum: Term<VS> =
      sat!.cause >= 0
        ? negate(arena.get(sat!.cause).term(pkg)!)
        : positive(this.kind.singleton(pa.decision!.version));
    found[satAt] = this.satisfier(pa, intersectTerms(accum, negate(termList[satAt]!)));
    let prev: Satisfier | undefined;
    for (const s of found) if (prev === undefined || s.globalIndex > prev.globalIndex) prev = s;
    return { pkg, satisfier: sat!, previousLevel: Math.max(prev!.level, 1) };
  }

  /** The decided versions, once every positive package has a decision. */
  extractSolution(): Map<P, V> {
    const out = new Map<P, V>();
    const list = this.assigned;
    for (let i = 0; i < list.length; i++) {
      const pa = list[i]!.pa!;
      if (pa.decision !== undefined) out.set(list[i]!.pkg, pa.decision.version);
    }
    return out;
  }
}
