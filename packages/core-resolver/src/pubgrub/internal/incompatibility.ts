// Incompatibilities (sets of terms that cannot all hold) and the grow-only arena that stores them by
// integer id. Dart pub's solver.md § Incompatibility; pubgrub-rs src/internal/{incompatibility,arena}.rs.
import type { VersionSet } from '../version-set';
import type { Term } from '../term';
import { intersectTerms, isAnyTerm, negative, positive, unionTerms } from '../term';
import type { PackageSlot } from './partial-solution';

/** Why an incompatibility holds: an external fact, or derived from two earlier ones (by id). */
export type IncompatibilityCause<P, V, VS> =
  | { kind: 'notRoot'; package: P; version: V }
  | { kind: 'noVersions'; package: P; set: VS; hint?: string }
  | { kind: 'unavailable'; package: P; set: VS; reason: string; hint?: string }
  | { kind: 'dependency'; package: P; set: VS; dependency: P; dependencySet: VS }
  | { kind: 'derived'; cause1: number; cause2: number };

/**
 * A set of terms that cannot all hold. Terms are parallel arrays (`pkgs[i]` has `termList[i]`) for the
 * propagation hot loop; the `terms` map (used by conflict resolution reports and the derivation tree)
 * is built on first use.
 */
export class Incompatibility<P, V, VS> {
  /** The slots of `pkgs`, set when the incompatibility is indexed for propagation. */
  slots: PackageSlot<P, V, VS>[] | undefined = undefined;
  private map: Map<P, Term<VS>> | undefined = undefined;

  /** The cause; undefined for a dependency on a non-empty set until first read (see `cause`). */
  #cause: IncompatibilityCause<P, V, VS> | undefined;

  constructor(
    readonly id: number,
    readonly pkgs: P[],
    readonly termList: Term<VS>[],
    cause: IncompatibilityCause<P, V, VS> | undefined,
  ) {
    this.#cause = cause;
  }

  /**
   * Why this incompatibility holds. A dependency `{p in S, not d in D}` is created without a cause
   * object (a solve creates one per dependency it adds, and reads the cause only for a report or a
   * revisit): its cause is built from its terms on first read.
   */
  get cause(): IncompatibilityCause<P, V, VS> {
    return (this.#cause ??= {
      kind: 'dependency',
      package: this.pkgs[0]!,
      set: this.termList[0]!.set,
      dependency: this.pkgs[1]!,
      dependencySet: this.termList[1]!.set,
    });
  }

  /** Whether this is a dependency (`cause.kind === 'dependency'`), told without building the cause. */
  isDependency(): boolean {
    return this.#cause === undefined || this.#cause.kind === 'dependency';
  }

  /**
   * The dependency `d` when this is a dependency of `pkg` (`{pkg in S, not d in D}`, or `{pkg in S}` for
   * a dependency on nothing), else undefined; told without building the cause.
   */
  dependencyOf(pkg: P): P | undefined {
    const c = this.#cause;
    if (c === undefined) return this.pkgs[0] === pkg ? this.pkgs[1] : undefined;
    return c.kind === 'dependency' && c.package === pkg ? c.dependency : undefined;
  }

  get terms(): Map<P, Term<VS>> {
    let m = this.map;
    if (m === undefined) {
      m = new Map();
      for (let i = 0; i < this.pkgs.length; i++) m.set(this.pkgs[i]!, this.termList[i]!);
      this.map = m;
    }
    return m;
  }

  /** The term of `pkg`, if mentioned (a scan: incompatibilities have few terms). */
  term(pkg: P): Term<VS> | undefined {
    const pkgs = this.pkgs;
    for (let i = 0; i < pkgs.length; i++) if (pkgs[i] === pkg) return this.termList[i];
    return undefined;
  }
}

/** Grow-only store; an id is the index of creation, so causes always have smaller ids. */
export class IncompatibilityArena<P, V, VS extends VersionSet<V, VS>> {
  readonly items: Incompatibility<P, V, VS>[] = [];
  /**
   * By id: 1 while the incompatibility is found contradicted by the partial solution (skipped by
   * propagation until a backjump), else 0. A list of small integers beside `items`, so that the
   * propagation loop skips a contradicted incompatibility without loading it.
   */
  readonly contradicted: number[] = [];

  get size(): number {
    return this.items.length;
  }

  get(id: number): Incompatibility<P, V, VS> {
    return this.items[id]!;
  }

  private alloc(pkgs: P[], termList: Term<VS>[], cause: IncompatibilityCause<P, V, VS> | undefined): number {
    const id = this.items.length;
    this.items.push(new Incompatibility(id, pkgs, termList, cause));
    this.contradicted.push(0);
    return id;
  }

  /** `{root: not version}`: the root must be selected at its version. */
  notRoot(pkg: P, version: V, singleton: VS): number {
    return this.alloc([pkg], [negative(singleton)], { kind: 'notRoot', package: pkg, version });
  }

  /** `{pkg in set}`: no version of pkg in set exists. */
  noVersions(pkg: P, set: VS, hint?: string): number {
    const cause: IncompatibilityCause<P, V, VS> = { kind: 'noVersions', package: pkg, set };
    if (hint !== undefined) cause.hint = hint;
    return this.alloc([pkg], [positive(set)], cause);
  }

  /** `{pkg in set}` for a provider-given reason (custom incompatibility). */
  unavailable(pkg: P, set: VS, reason: string, hint?: string): number {
    const cause: IncompatibilityCause<P, V, VS> = { kind: 'unavailable', package: pkg, set, reason };
    if (hint !== undefined) cause.hint = hint;
    return this.alloc([pkg], [positive(set)], cause);
  }

  /**
   * `{pkg in set, not dep in depSet}`: pkg in set depends on dep in depSet. `setTerm` (`pkg in set`)
   * may be shared by the dependencies of one version (terms are immutable).
   */
  dependency(pkg: P, set: VS, dep: P, depSet: VS, setTerm: Term<VS> = positive(set)): number {
    // A dependency on the empty set forbids pkg in set outright; "not empty" would be an always-true term.
    if (depSet.isEmpty()) return this.alloc([pkg], [setTerm], { kind: 'dependency', package: pkg, set, dependency: dep, dependencySet: depSet });
    return this.alloc([pkg, dep], [setTerm, negative(depSet)], undefined); // the cause follows from the terms
  }

  /**
   * Resolve `incompat` with `satisfierCause` on `pkg` (solver.md § Conflict Resolution): the union of
   * both term sets, the two terms for `pkg` joined by union (dropped when it becomes "any").
   */
  priorCause(incompat: number, satisfierCause: number, pkg: P): number {
    // Parallel arrays instead of term maps (incompatibilities have few terms): `a`'s terms in order,
    // then `b`'s new ones, then `pkg`'s union last, as inserting into a map in that order would give.
    const a = this.get(incompat);
    const b = this.get(satisfierCause);
    const pkgs: P[] = [];
    const termList: Term<VS>[] = [];
    let ta: Term<VS> | undefined;
    let tb: Term<VS> | undefined;
    for (let i = 0; i < a.pkgs.length; i++) {
      const p = a.pkgs[i]!;
      if (p === pkg) {
        ta = a.termList[i];
      } else {
        pkgs.push(p);
        termList.push(a.termList[i]!);
      }
    }
    for (let i = 0; i < b.pkgs.length; i++) {
      const p = b.pkgs[i]!;
      const t = b.termList[i]!;
      if (p === pkg) {
        tb = t;
        continue;
      }
      const k = pkgs.indexOf(p);
      if (k < 0) {
        pkgs.push(p);
        termList.push(t);
      } else {
        termList[k] = intersectTerms(termList[k]!, t);
      }
    }
    if (ta !== undefined && tb !== undefined) {
      const u = unionTerms(ta, tb);
      if (!isAnyTerm(u)) {
        pkgs.push(pkg);
        termList.push(u);
      }
    } else if (ta !== undefined || tb !== undefined) {
      pkgs.push(pkg);
      termList.push((ta ?? tb)!);
    }
    return this.alloc(pkgs, termList, { kind: 'derived', cause1: incompat, cause2: satisfierCause });
  }

  /**
   * Merge two dependency incompatibilities `p in S1 -> d in D` and `p in S2 -> d in D` (same p, d, D)
   * into `p in S1 ∪ S2 -> d in D`, as pubgrub-rs does: fewer incompatibilities, shorter reports.
   */
  mergeDependents(newer: number, older: number): number | undefined {
    const x = this.get(newer);
    const y = this.get(older);
    if (!x.isDependency() || !y.isDependency()) return undefined;
    if (x.pkgs.length === 2 && y.pkgs.length === 2) {
      // `{p in S, not d in D}` both: read from the terms, no cause built.
      const [p, d] = x.pkgs;
      if (p !== y.pkgs[0] || d !== y.pkgs[1] || !x.termList[1]!.set.equals(y.termList[1]!.set)) return undefined;
      return this.dependency(p!, x.termList[0]!.set.union(y.termList[0]!.set), d!, x.termList[1]!.set);
    }
    const a = x.cause;
    const b = y.cause;
    if (a.kind !== 'dependency' || b.kind !== 'dependency') return undefined;
    if (a.package !== b.package || a.dependency !== b.dependency || a.package === a.dependency) return undefined;
    if (!a.dependencySet.equals(b.dependencySet)) return undefined;
    return this.dependency(a.package, a.set.union(b.set), a.dependency, a.dependencySet);
  }
}

/** Whether the incompatibility says the root cannot be selected (or nothing at all): solving failed. */
export function isTerminal<P, V, VS extends VersionSet<V, VS>>(
  incompat: Incompatibility<P, V, VS>,
  root: P,
  rootVersion: V,
): boolean {
  const n = incompat.pkgs.length;
  if (n === 0) return true;
  if (n > 1) return false;
  const t = incompat.term(root);
  if (t === undefined) return false;
  return t.positive ? t.set.contains(rootVersion) : !t.set.contains(rootVersion);
}
