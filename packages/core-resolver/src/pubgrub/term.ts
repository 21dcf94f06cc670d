// A term of an incompatibility: "the package's version is in S" (positive) or "is not in S" (negative).
// Dart pub's solver.md § Term; pubgrub-rs src/term.rs. All relations are computed on version sets.
import type { VersionSet } from './version-set';

/**
 * A positive term `{ positive: true, set: S }` means "a version in S is selected"; a negative term
 * `{ positive: false, set: S }` means "no version in S is selected" (the package may be absent).
 *
 * @example
 * ```ts
 * const t: Term<IntRange> = { positive: true, set: IntRange.between(1, 3) }; // pkg in [1, 3)
 * ```
 */
export interface Term<VS> {
  readonly positive: boolean;
  readonly set: VS;
}

/** The relation of a term set (what is known) to a term (what an incompatibility mentions). */
export type TermRelation = 'satisfied' | 'contradicted' | 'inconclusive';

export function positive<VS>(set: VS): Term<VS> {
  return { positive: true, set };
}

export function negative<VS>(set: VS): Term<VS> {
  return { positive: false, set };
}

/** `not t`. */
export function negate<V, VS extends VersionSet<V, VS>>(t: Term<VS>): Term<VS> {
  return { positive: !t.positive, set: t.set };
}

/** The versions a term allows when the package is selected (a negative term allows the complement). */
export function allowedSet<V, VS extends VersionSet<V, VS>>(t: Term<VS>): VS {
  return t.positive ? t.set : t.set.complement();
}

/** `a ∧ b`: positive if either side is positive (a positive term requires the package). */
export function intersectTerms<V, VS extends VersionSet<V, VS>>(a: Term<VS>, b: Term<VS>): Term<VS> {
  if (a.positive && b.positive) return { positive: true, set: a.set.intersection(b.set) };
  if (a.positive) return { positive: true, set: a.set.intersection(b.set.complement()) };
  if (b.positive) return { positive: true, set: b.set.intersection(a.set.complement()) };
  return { positive: false, set: a.set.union(b.set) };
}

/** `a ∨ b`: negative if either side is negative. */
export function unionTerms<V, VS extends VersionSet<V, VS>>(a: Term<VS>, b: Term<VS>): Term<VS> {
  return negate(intersectTerms(negate(a), negate(b)));
}

/** Whether `a` implies `b` (every assignment satisfying `a` satisfies `b`). */
export function termSubsetOf<V, VS extends VersionSet<V, VS>>(a: Term<VS>, b: Term<VS>): boolean {
  if (a.positive && b.positive) return a.set.isSubsetOf(b.set);
  if (a.positive) return a.set.isDisjoint(b.set);
  if (b.positive) return false; // "absent" satisfies a negative term but never a positive one
  return b.set.isSubsetOf(a.set);
}

/** Whether `a ∧ b` is unsatisfiable. */
export function termsDisjoint<V, VS extends VersionSet<V, VS>>(a: Term<VS>, b: Term<VS>): boolean {
  if (a.positive && b.positive) return a.set.isDisjoint(b.set);
  if (a.positive) return a.set.isSubsetOf(b.set);
  if (b.positive) return b.set.isSubsetOf(a.set);
  return false; // both satisfied by "absent"
}

/**
 * Relation of what is known about a package (`known`, the intersection of its assignments) to a term
 * of an incompatibility: satisfied if `known` implies it, contradicted if they cannot both hold.
 */
export function relation<V, VS extends VersionSet<V, VS>>(known: Term<VS>, t: Term<VS>): TermRelation {
  if (termSubsetOf(known, t)) return 'satisfied';
  if (termsDisjoint(known, t)) return 'contradicted';
  return 'inconclusive';
}

/** Whether a term is always true (negative of the empty set) — such terms are dropped. */
export function isAnyTerm<V, VS extends VersionSet<V, VS>>(t: Term<VS>): boolean {
  return !t.positive && t.set.isEmpty();
}

export function termToString<V, VS extends VersionSet<V, VS>>(t: Term<VS>): string {
  return t.positive ? t.set.toString() : `not ${t.set.toString()}`;
}
