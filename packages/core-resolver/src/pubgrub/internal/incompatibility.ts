// Incompatibilities (sets of terms that cannot all hold) and the grow-only arena that stores them by
// integer id. Dart pub's solver.md § Incompatibility; pubgrub-rs src/internal/{incompatibility,arena}.rs.
import type { VersionSet } from '../version-set';
import type { Term } from '../term';
import { intersectTerms, isAnyTerm, negative, positive, unionTerms } from '../term';

/** Why an incompatibility holds: an external fact, or derived from two earlier ones (by id). */
export type IncompatibilityCause<P, V, VS> =
  | { kind: 'notRoot'; package: P; version: V }
  | { kind: 'noVersions'; package: P; set: VS; hint?: string }
  | { kind: 'unavailable'; package: P; set: VS; reason: string; hint?: string }
  | { kind: 'dependency'; package: P; set: VS; dependency: P; dependencySet: VS }
  | { kind: 'derived'; cause1: number; cause2: number };

export interface Incompatibility<P, V, VS> {
  readonly id: number;
  readonly terms: Map<P, Term<VS>>;
  /** The same terms as parallel arrays, for the propagation hot loop (no iterator allocation). */
  readonly pkgs: P[];
  readonly termList: Term<VS>[];
  readonly cause: IncompatibilityCause<P, V, VS>;
}

/** Grow-only store; an id is the index of creation, so causes always have smaller ids. */
export class IncompatibilityArena<P, V, VS extends VersionSet<V, VS>> {
  readonly items: Incompatibility<P, V, VS>[] = [];

  get size(): number {
    return this.items.length;
  }

  get(id: number): Incompatibility<P, V, VS> {
    return this.items[id]!;
  }

  private alloc(terms: Map<P, Term<VS>>, cause: IncompatibilityCause<P, V, VS>): number {
    const id = this.items.length;
    this.items.push({ id, terms, pkgs: [...terms.keys()], termList: [...terms.values()], cause });
    return id;
  }

  /** `{root: not version}`: the root must be selected at its version. */
  notRoot(pkg: P, version: V, singleton: VS): number {
    return this.alloc(new Map([[pkg, negative(singleton)]]), { kind: 'notRoot', package: pkg, version });
  }

  /** `{pkg in set}`: no version of pkg in set exists. */
  noVersions(pkg: P, set: VS, hint?: string): number {
    const cause: IncompatibilityCause<P, V, VS> = { kind: 'noVersions', package: pkg, set };
    if (hint !== undefined) cause.hint = hint;
    return this.alloc(new Map([[pkg, positive(set)]]), cause);
  }

  /** `{pkg in set}` for a provider-given reason (custom incompatibility). */
  unavailable(pkg: P, set: VS, reason: string, hint?: string): number {
    const cause: IncompatibilityCause<P, V, VS> = { kind: 'unavailable', package: pkg, set, reason };
    if (hint !== undefined) cause.hint = hint;
    return this.alloc(new Map([[pkg, positive(set)]]), cause);
  }

  /** `{pkg in set, not dep in depSet}`: pkg in set depends on dep in depSet. */
  dependency(pkg: P, set: VS, dep: P, depSet: VS): number {
    const terms = new Map<P, Term<VS>>([[pkg, positive(set)]]);
    // A dependency on the empty set forbids pkg in set outright; "not empty" would be an always-true term.
    if (!depSet.isEmpty()) terms.set(dep, negative(depSet));
    return this.alloc(terms, { kind: 'dependency', package: pkg, set, dependency: dep, dependencySet: depSet });
  }

  /**
   * Resolve `incompat` with `satisfierCause` on `pkg` (solver.md § Conflict Resolution): the union of
   * both term sets, the two terms for `pkg` joined by union (dropped when it becomes "any").
   */
  priorCause(incompat: number, satisfierCause: number, pkg: P): number {
    const a = this.get(incompat).terms;
    const b = this.get(satisfierCause).terms;
    const terms = new Map<P, Term<VS>>();
    for (const [p, t] of a) if (p !== pkg) terms.set(p, t);
    for (const [p, t] of b) {
      if (p === pkg) continue;
      const existing = terms.get(p);
      terms.set(p, existing === undefined ? t : intersectTerms(existing, t));
    }
    const ta = a.get(pkg);
    const tb = b.get(pkg);
    if (ta !== undefined && tb !== undefined) {
      const u = unionTerms(ta, tb);
      if (!isAnyTerm(u)) terms.set(pkg, u);
    } else if (ta !== undefined || tb !== undefined) {
      terms.set(pkg, (ta ?? tb)!);
    }
    return this.alloc(terms, { kind: 'derived', cause1: incompat, cause2: satisfierCause });
  }

  /**
   * Merge two dependency incompatibilities `p in S1 -> d in D` and `p in S2 -> d in D` (same p, d, D)
   * into `p in S1 ∪ S2 -> d in D`, as pubgrub-rs does: fewer incompatibilities, shorter reports.
   */
  mergeDependents(newer: number, older: number): number | undefined {
    const a = this.get(newer).cause;
    const b = this.get(older).cause;
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
  if (incompat.terms.size === 0) return true;
  if (incompat.terms.size > 1) return false;
  const t = incompat.terms.get(root);
  if (t === undefined) return false;
  return t.positive ? t.set.contains(rootVersion) : !t.set.contains(rootVersion);
}
