// The solver state: the incompatibility arena and its per-package index, the partial solution, unit
// propagation and conflict resolution. solver.md § Unit Propagation, § Conflict Resolution;
// pubgrub-rs src/internal/core.rs.
import type { VersionSet, VersionSetKind } from '../version-set';
import type { Term } from '../term';
import { positive, termsDisjoint, termSubsetOf } from '../term';
import { IncompatibilityArena, isTerminal } from './incompatibility';
import type { Incompatibility } from './incompatibility';
import { NO_IDS, PartialSolution } from './partial-solution';
import type { PackageSlot } from './partial-solution';

/** Backjumps over more levels than this backtrack chronologically (Nadel & Ryvchin's T = 100). */
const CHRONO_THRESHOLD = 100;

const SATISFIED = 0;
const CONTRADICTED = 1;
const ALMOST = 2;
const INCONCLUSIVE = 3;


export class CoreState<P, V, VS extends VersionSet<V, VS>> {
  readonly arena = new IncompatibilityArena<P, V, VS>();
  readonly solution: PartialSolution<P, V, VS>;
  /**
   * The incompatibilities marked contradicted (`arena.contradicted`), as (id, decision level) pairs in
   * marking order (levels non-decreasing, as a backjump pops and unmarks every mark above its level):
   * one flat stack.
   */
  private readonly contradictedMarks: number[] = [];
  private almost: PackageSlot<P, V, VS> | undefined;
  /** Packages left to propagate from (reused by every unitPropagation call). */
  private readonly buffer: PackageSlot<P, V, VS>[] = [];
  /** `{rootVersion}`. */
  readonly rootSingleton: VS;
  /** Set when solving has failed: the id of the terminal incompatibility. */
  failure: number | undefined;
  /** Counters read by the solver loop's statistics (plain numbers, no counter object per solve). */
  conflicts = 0;
  propagations = 0;
  backtracks = 0;

  constructor(
    readonly root: P,
    readonly rootVersion: V,
    readonly kind: VersionSetKind<V, VS>,
  ) {
    this.solution = new PartialSolution<P, V, VS>(kind);
    this.rootSingleton = kind.singleton(rootVersion);
    this.addIncompatibility(this.arena.notRoot(root, rootVersion, this.rootSingleton));
  }

  /** Index an incompatibility under each of its packages (their slots' `ids`). */
  addIncompatibility(id: number): void {
    const slots = this.slotsOf(this.arena.items[id]!);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot.ids === NO_IDS) slot.ids = [id];
      else slot.ids.push(id);
    }
  }

  /** The slots of an incompatibility's packages (found once, then kept on it). */
  slotsOf(incompat: Incompatibility<P, V, VS>): PackageSlot<P, V, VS>[] {
    let slots = incompat.slots;
    if (slots === undefined) {
      const pkgs = incompat.pkgs;
      const ps = this.solution;
      // Literals for the usual one or two terms: exact-size arrays (a pushed `[]` makes room for 16).
      if (pkgs.length === 1) slots = [ps.slot(pkgs[0]!)];
      else if (pkgs.length === 2) slots = [ps.slot(pkgs[0]!), ps.slot(pkgs[1]!)];
      else slots = pkgs.map((p) => ps.slot(p));
      incompat.slots = slots;
    }
    return slots;
  }

  /**
   * Index the dependency incompatibilities `first..last-1` of one version of `pkg`. When an earlier
   * version of `pkg` had its dependencies added (`revisit`), each is first merged with the live
   * incompatibility for the same dependency and range, as pubgrub-rs does (`p in S1 -> d in D` and
   * `p in S2 -> d in D` become `p in S1 ∪ S2 -> d in D`). The candidates are collected from `pkg`'s
   * index on its first revisit (then cached), so a package visited once (the common case) costs no
   * lookup structure at all.
   */
  addDependencies(pkg: P, first: number, last: number, revisit: boolean): void {
    const indexed = this.indexed;
    while (indexed.length > 0) indexed.pop();
    let candidates: Map<P, number[]> | undefined;
    if (revisit) {
      const cache = (this.mergeCache ??= new Map());
      candidates = cache.get(pkg);
      if (candidates === undefined) cache.set(pkg, (candidates = this.mergeCandidates(pkg)));
    }
    for (let id = first; id < last; id++) {
      let add = id;
      if (candidates !== undefined) {
        const dep = this.arena.items[id]!.dependencyOf(pkg) as P;
        const list = candidates.get(dep);
        if (list === undefined) {
          candidates.set(dep, [id]);
        } else {
          const merged = this.merge(id, list);
          if (merged >= 0) add = merged;
          else list.push(id);
        }
      }
      this.addIncompatibility(add);
      indexed.push(add);
    }
  }

  /** The ids `addDependencies` indexed last, in order (a merged incompatibility in place of its part). */
  private readonly indexed: number[] = [];

  /**
   * The first step of unit propagation after deciding a version whose dependencies `addDependencies`
   * just indexed, done without testing their relations: with the version decided, each dependency
   * `{pkg = version, not dep in D}` derives `dep in D` (the package's term becomes `allowed[i]`, the
   * intersection the solver's lookahead already computed), or is contradicted when the term of `dep`
   * already lies inside `D`. The dependencies are taken last to first, as propagation from `pkg` would
   * take them, and their packages are left queued for the propagation that follows.
   */
  deriveDependencies(slots: PackageSlot<P, V, VS>[], sets: VS[], allowed: VS[]): void {
    const indexed = this.indexed;
    const queued = this.buffer;
    for (let i = indexed.length - 1; i >= 0; i--) {
      const id = indexed[i]!;
      const slot = slots[i]!;
      const pa = slot.pa;
      if (pa === undefined || !pa.term.positive || (pa.decision === undefined && !pa.term.set.isSubsetOf(sets[i]!))) {
        this.solution.addDerived(slot, id, positive(allowed[i]!));
        this.propagations++;
        if (!queued.includes(slot)) queued.push(slot);
      }
      this.markContradicted(id);
    }
  }

  /**
   * Per revisited package, its live dependency incompatibilities by dependency (built from the index on
   * the first revisit, then kept up to date by `addDependencies`).
   */
  private mergeCache: Map<P, Map<P, number[]>> | undefined = undefined;

  /** Live dependency incompatibilities of `pkg` (as depender), by dependency. */
  private mergeCandidates(pkg: P): Map<P, number[]> {
    const out = new Map<P, number[]>();
    const ids = this.solution.slots.get(pkg)?.ids;
    if (ids === undefined) return out;
    for (let i = 0; i < ids.length; i++) {
      const dep = this.arena.items[ids[i]!]!.dependencyOf(pkg);
      if (dep === undefined) continue;
      const list = out.get(dep);
      if (list === undefined) out.set(dep, [ids[i]!]);
      else list.push(ids[i]!);
    }
    return out;
  }

  /**
   * Merge `id` with the first of `past` it merges with: the past one leaves the index and the merged
   * incompatibility (returned, not yet indexed) takes its place; -1 when none merges.
   */
  private merge(id: number, past: number[]): number {
    for (let i = 0; i < past.length; i++) {
      const old = past[i]!;
      const m = this.arena.mergeDependents(id, old);
      if (m === undefined) continue;
      for (const p of this.arena.items[m]!.pkgs) {
        const ids = this.solution.slots.get(p)?.ids;
        const at = ids === undefined ? -1 : ids.lastIndexOf(old);
        if (at >= 0) ids!.splice(at, 1);
      }
      past[i] = m;
      return m;
    }
    return -1;
  }

  /** Relation of an incompatibility to the partial solution; sets `this.almost` for ALMOST. */
  private relation(slots: PackageSlot<P, V, VS>[], termList: Term<VS>[]): number {
    let result = SATISFIED;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const t = termList[i]!;
      const pa = slot.pa;
      if (pa !== undefined) {
        const decision = pa.decision;
        if (decision !== undefined) {
          // A decided package: one membership test instead of two set relations.
          if (t.set.contains(decision.version) === t.positive) continue;
          return CONTRADICTED;
        }
        const known = pa.term;
        if (termSubsetOf(known, t)) continue;
        if (termsDisjoint(known, t)) return CONTRADICTED;
      }
      if (result === SATISFIED) {
        result = ALMOST;
        this.almost = slot;
      } else {
        return INCONCLUSIVE;
      }
    }
    return result;
  }

  /**
   * solver.md § Unit Propagation, starting from `start`. Returns false when solving failed (see
   * `failure`).
   */
  unitPropagation(start: PackageSlot<P, V, VS>): boolean {
    // May hold the packages `deriveDependencies` queued; emptied (by pops: assigning `length` is a
    // runtime call) by a conflict and by failing.
    const buffer = this.buffer;
    buffer.push(start);
    const contradicted = this.arena.contradicted;
    while (buffer.length > 0) {
      const ids = buffer.pop()!.ids;
      let conflict = -1;
      for (let i = ids.length - 1; i >= 0; i--) {
        const id = ids[i]!;
        if (contradicted[id] === 1) continue;
        const incompat = this.arena.items[id]!;
        const rel = this.relation(incompat.slots!, incompat.termList);
        if (rel === SATISFIED) {
          conflict = id;
          break;
        } else if (rel === ALMOST) {
          const almost = this.almost!;
          if (!buffer.includes(almost)) buffer.push(almost);
          this.solution.addDerivation(almost.pkg, id, this.arena, almost);
          this.propagations++;
          this.markContradicted(id);
        } else if (rel === CONTRADICTED) {
          this.markContradicted(id);
        }
      }
      if (conflict >= 0) {
        this.conflicts++;
        const cause = this.conflictResolution(conflict);
        while (buffer.length > 0) buffer.pop();
        if (cause < 0) return false;
        const pkg = this.resolvedPkg as P;
        const slot = this.solution.slot(pkg);
        buffer.push(slot);
        this.solution.addDerivation(pkg, cause, this.arena, slot);
        this.propagations++;
        this.markContradicted(cause);
      }
    }
    return true;
  }

  /**
   * solver.md § Conflict Resolution: derive a new incompatibility by resolving with satisfier causes
   * until the satisfier and previous satisfier are at different levels, then backjump. Returns the
   * learned incompatibility (its package to propagate is `resolvedPkg`), or -1 when the root is
   * forbidden.
   */
  private conflictResolution(conflict: number): number {
    let current = conflict;
    let changed = false;
    const ps = this.solution;
    for (;;) {
      const incompat = this.arena.get(current);
      if (isTerminal(incompat, this.root, this.rootVersion)) {
        this.failure = current;
        return -1;
      }
      ps.satisfierSearch(incompat, this.arena);
      const pkg = ps.satPkg as P;
      this.countConflict(pkg, incompat.pkgs);
      const level = ps.satLevel;
      const previousLevel = ps.previousLevel;
      if (previousLevel < level) {
        // A backjump far below the conflict would undo (and later redo) many unrelated decisions; past
        // a threshold, backtrack chronologically instead (Nadel & Ryvchin, "Chronological Backtracking",
        // SAT 2018): the learned incompatibility is then almost satisfied one level below the conflict.
        this.backtrack(level - previousLevel > CHRONO_THRESHOLD ? level - 1 : previousLevel);
        if (changed) this.addIncompatibility(current);
        this.resolvedPkg = pkg;
        return current;
      }
      current = this.arena.priorCause(current, ps.satCause, pkg);
      changed = true;
    }
  }

  /** The package whose term the last successful `conflictResolution` learned something about. */
  private resolvedPkg: P | undefined = undefined;

  /** Slots whose conflict counts (`PackageSlot.conflicts`) changed since the solver last re-prioritized them. */
  reprioritize: PackageSlot<P, V, VS>[] | undefined = undefined;

  /**
   * Conflict statistics (pubgrub-rs's `PackageResolutionStatistics`, uv's conflict tracker): at each
   * step of conflict resolution, the satisfier's package was "affected" (its assignment was rejected)
   * and every other package of the incompatibility was a "culprit". Kept on the packages' slots, so
   * prioritizing reads them without a lookup.
   */
  private countConflict(affected: P, pkgs: P[]): void {
    const changed = (this.reprioritize ??= []);
    for (let i = 0; i < pkgs.length; i++) {
      const p = pkgs[i]!;
      const slot = this.solution.slot(p);
      const c = (slot.conflicts ??= { affected: 0, culprit: 0 });
      if (p === affected) c.affected++;
      else c.culprit++;
      changed.push(slot);
    }
  }

  private markContradicted(id: number): void {
    this.arena.contradicted[id] = 1;
    const level = this.solution.level;
    this.contradictedMarks.push(id, level);
  }

  /** Undo every assignment above `level` (conflict resolution's backjump, or the solver's `displace`). */
  backtrack(level: number): void {
    this.backtracks++;
    // Append: one propagation may backjump more than once, and every package each backjump undid
    // must be re-queued (overwriting lost the first batch and left packages undecided).
    this.solution.backtrack(level, (this.touched ??= []));
    const marks = this.contradictedMarks;
    while (marks.length > 0 && marks[marks.length - 1]! > level) {
      marks.pop();
      this.arena.contradicted[marks.pop()!] = 0;
    }
  }

  /** Packages changed by the last backtrack (their queue entries must be refreshed). */
  touched: PackageSlot<P, V, VS>[] | undefined = undefined;
}
