// The data a failed solve returns: the derivation tree of the root incompatibility ("the root cannot be
// selected"), external facts at the leaves. Dart pub's solver.md § Error Reporting; pubgrub-rs report.rs.
import type { Term } from './term';

/**
 * A fact the solver was told, not one it derived (a leaf of the tree). Every node carries the terms
 * of its incompatibility ("these terms cannot all hold"); `id` is the incompatibility's arena id.
 *
 * - `notRoot`: the root package must be selected at the root version.
 * - `noVersions`: no version of `package` in `set` exists (optional `hint` from the provider).
 * - `unavailable`: versions `set` of `package` cannot be used, for `reason` (custom incompatibility).
 * - `fromDependencyOf`: `package` in `set` depends on `dependency` in `dependencySet`.
 */
export type ExternalNode<P, V, VS> =
  | { kind: 'notRoot'; id: number; terms: Map<P, Term<VS>>; package: P; version: V }
  | { kind: 'noVersions'; id: number; terms: Map<P, Term<VS>>; package: P; set: VS; hint?: string }
  | {
      kind: 'unavailable';
      id: number;
      terms: Map<P, Term<VS>>;
      package: P;
      set: VS;
      reason: string;
      hint?: string;
    }
  | {
      kind: 'fromDependencyOf';
      id: number;
      terms: Map<P, Term<VS>>;
      package: P;
      set: VS;
      dependency: P;
      dependencySet: VS;
    };

/**
 * An incompatibility derived by conflict resolution from two causes (resolving on one package).
 * `sharedId` is set when the same derived incompatibility is a cause of more than one node: the text
 * report then numbers its line once and refers back to it.
 */
export interface DerivedNode<P, V, VS> {
  kind: 'derived';
  id: number;
  terms: Map<P, Term<VS>>;
  sharedId?: number;
  cause1: DerivationTree<P, V, VS>;
  cause2: DerivationTree<P, V, VS>;
}

/**
 * Why a solve failed, as data. The root node's terms are `{root: root version}` (or empty after a
 * failure that does not even involve the root). Render it with `DefaultStringReporter` or `treeToJSON`.
 *
 * @example
 * ```ts
 * const result = await solve(provider, 'root', 1, IntRange);
 * if (result.kind === 'failed') console.log(new DefaultStringReporter().report(result.tree));
 * ```
 */
export type DerivationTree<P, V, VS> = ExternalNode<P, V, VS> | DerivedNode<P, V, VS>;
