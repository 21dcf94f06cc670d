// The contract between the generic PubGrub solver and a concrete version-set type (for Python:
// VersionRange over PEP 440 versions). The solver only ever manipulates sets through this interface.

/**
 * A set of versions closed under the boolean operations PubGrub needs. Instances are immutable.
 * `S` is the implementing type itself (F-bounded), so operations return the concrete type.
 */
export interface VersionSet<V, S extends VersionSet<V, S>> {
  union(other: S): S;
  intersection(other: S): S;
  complement(): S;
  contains(version: V): boolean;
  isEmpty(): boolean;
  /** Structural equality; sets are kept canonical so this is exact. */
  equals(other: S): boolean;
  isDisjoint(other: S): boolean;
  isSubsetOf(other: S): boolean;
  /** A readable form for reports, e.g. `>=1.0, <2.0`. */
  toString(): string;
}

/** The constructors a solver needs for a version-set type (the "static side" of `VersionSet`). */
export interface VersionSetKind<V, S extends VersionSet<V, S>> {
  empty(): S;
  full(): S;
  singleton(version: V): S;
}
