// The partial solution: per package, the dated assignments (derivations and at most one decision) with
// their running intersection; decision levels and backjumping. Dart pub's solver.md § Partial Solution;
// pubgrub-rs src/internal/partial_solution.rs.
import type { VersionSet, VersionSetKind } from '../version-set';
import type { Term } from '../term';
import { intersectTerms, negate, positive, termsDisjoint, termSubsetOf } from '../term';
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
  /**
   * The derivations, oldest first. Created holding the first one (an array literal of one element:
   * starting from `[]`, the first push would allocate room for 16).
   */
  readonly derivations: DatedDerivation<VS>[];
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
    first: DatedDerivation<VS>,
  ) {
    this.derivations = [first];
    this.term = first.accumulated;
    this.smallestLevel = first.level;
    this.highestLevel = first.level;
  }
}

/** The `ids` of a package no incompatibility mentions yet; never written to. */
export const NO_IDS: number[] = [];

/**
 * One package's fixed place for the whole solve (never removed): the ids of the incompatibilities that
 * mention it and its current assignments, if any. Incompatibilities keep their packages' slots, so the
 * propagation loop reads a package's term without a map lookup.
 */
export class PackageSlot<P, V, VS> {
  /**
   * Ids of the incompatibilities mentioning this package (oldest first). Starts as the shared empty
   * list, replaced by a one-element literal on the first id (`CoreState.addIncompatibility`): most
   * packages of a solve are mentioned once or twice, and `[]` grows to room for 16 on its first push.
   */
  ids: number[] = NO_IDS;
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

/**
 * The global index of `pa`'s assignment number `at` (an index in `derivations`, or
 * `derivations.length` for the decision, which is always the last assignment).
 */
function globalIndexAt<V, VS>(pa: PackageAssignments<V, VS>, at: number): number {
  return at < pa.derivations.length ? pa.derivations[at]!.globalIndex : pa.decision!.globalIndex;
}

/** The decision level of `pa`'s assignment number `at` (as in `globalIndexAt`). */
function levelAt<V, VS>(pa: PackageAssignments<V, VS>, at: number): number {
  return at < pa.derivations.length ? pa.derivations[at]!.level : pa.highestLevel;
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
    this.addDerived(slot, cause, slot.pa === undefined ? t : intersectTerms(slot.pa.term, t));
  }

  /**
   * Record a derivation of `cause` for `slot`'s package whose result, the intersection of the package's
   * term with the derived one, the caller already has (`accumulated`).
   */
  addDerived(slot: PackageSlot<P, V, VS>, cause: number, accumulated: Term<VS>): void {
    const globalIndex = this.nextGlobalIndex++;
    const pa = slot.pa;
    if (pa === undefined) {
      slot.pa = new PackageAssignments<V, VS>(this.nextOrder++, { globalIndex, level: this.level, cause, accumulated });
      this.assigned.push(slot);
    } else {
      pa.term = accumulated;
      pa.highestLevel = this.level;
      pa.derivations.push({ globalIndex, level: this.level, cause, accumulated });
      pa.stamp++;
    }
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
   * The index in `pa.derivations` of the earliest assignment after which the running intersection
   * implies `t` (`implies`; equivalently, is disjoint from `not t`) or is disjoint from `t` (not
   * `implies`), or `derivations.length` for the decision. Accumulated terms only shrink, so a binary
   * search finds it.
   */
  private earliest(pa: PackageAssignments<V, VS>, t: Term<VS>, implies: boolean): number {
    const ds = pa.derivations;
    let lo = 0;
    let hi = ds.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const acc = ds[mid]!.accumulated;
      if (implies ? termSubsetOf(acc, t) : termsDisjoint(acc, t)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Set by `satisfierSearch`: the satisfier's package, its cause id (-1 for a decision) and level,
   * and the previous satisfier's level (at least 1).
   */
  satPkg: P | undefined = undefined;
  satCause = -1;
  satLevel = 0;
  previousLevel = 0;

  /**
   * solver.md § Conflict Resolution: find the satisfier of a satisfied incompatibility (the latest of
   * the per-term satisfiers), and the decision level of the previous satisfier. The results are left in
   * `satPkg`, `satCause`, `satLevel` and `previousLevel` (no object per conflict step).
   */
  satisfierSearch(incompat: Incompatibility<P, V, VS>, arena: IncompatibilityArena<P, V, VS>): void {
    const { pkgs, termList } = incompat;
    const slots = incompat.slots;
    // The latest satisfier (its term index, global index and level) and the latest among the others.
    let satAt = -1;
    let satGi = -1;
    let satLevel = 0;
    let satCause = -1;
    let otherGi = -1;
    let otherLevel = 0;
    for (let i = 0; i < pkgs.length; i++) {
      const pa = (slots !== undefined ? slots[i]! : this.slots.get(pkgs[i]!)!).pa!;
      const at = this.earliest(pa, termList[i]!, true);
      const gi = globalIndexAt(pa, at);
      if (gi > satGi) {
        if (satAt >= 0) {
          otherGi = satGi;
          otherLevel = satLevel;
        }
        satAt = i;
        satGi = gi;
        satLevel = levelAt(pa, at);
        satCause = at < pa.derivations.length ? pa.derivations[at]!.cause : -1;
      } else if (gi > otherGi) {
        otherGi = gi;
        otherLevel = levelAt(pa, at);
      }
    }
    const pkg = pkgs[satAt]!;
    const pa = (slots !== undefined ? slots[satAt]! : this.slots.get(pkg)!).pa!;
    // The previous satisfier: the same search for pkg with the satisfier's own contribution removed.
    const accum: Term<VS> =
      satCause >= 0 ? negate(arena.get(satCause).term(pkg)!) : positive(this.kind.singleton(pa.decision!.version));
    const at = this.earliest(pa, intersectTerms(accum, negate(termList[satAt]!)), false);
    const previous = globalIndexAt(pa, at) > otherGi ? levelAt(pa, at) : otherLevel;
    this.satPkg = pkg;
    this.satCause = satCause;
    this.satLevel = satLevel;
    this.previousLevel = Math.max(previous, 1);
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
