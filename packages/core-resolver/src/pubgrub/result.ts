// What `solve` returns: a solution or a derivation tree (failure is data), plus statistics, and the
// options it accepts.
import type { DerivationTree } from './derivation-tree';

/** Counters of one solve, for benchmarks and `--verbose` output. */
export interface SolveStats {
  /** Versions picked by decision making. */
  decisions: number;
  /** Conflicts found (incompatibilities satisfied by the partial solution). */
  conflicts: number;
  /** Derivations added by unit propagation. */
  propagations: number;
  /** Backjumps performed by conflict resolution. */
  backtracks: number;
  /** Incompatibilities in the arena at the end (external + learned). */
  incompatibilities: number;
  /** Wall time of the whole solve (NaN with `timing: false`). */
  timeMs: number;
  /** Time spent waiting on provider promises (0 for a synchronous provider; NaN with `timing: false`). */
  providerWaitMs: number;
}

/**
 * The outcome of `solve`. `solution` maps every selected package (the root included) to its version.
 * A failure's `tree` is a getter, built on first read: destructuring and `JSON.stringify` see it, a
 * spread copy `{ ...r }` does not (write `{ ...r, tree: r.tree }`).
 *
 * @example
 * ```ts
 * const r = await solve(provider, 'root', 1, IntRange);
 * if (r.kind === 'solved') for (const [p, v] of r.solution) console.log(p, v);
 * ```
 */
export type SolveResult<P, V, VS> =
  | { kind: 'solved'; solution: Map<P, V>; stats: SolveStats }
  | { kind: 'failed'; tree: DerivationTree<P, V, VS>; stats: SolveStats };

/** Options of `solve`. */
export interface SolveOptions {
  /** Stop with `ERR_SOLVER_CANCELLED` after this many decisions (a guard against runaway inputs). */
  maxDecisions?: number;
  /**
   * Read the clock for `stats.timeMs` and `stats.providerWaitMs` (default true). Two clock reads cost
   * ~0.1 µs per solve, a sixth of a solve whose root has no dependencies: a caller that runs many small
   * solves and times them itself (a benchmark, a property test) can pass false; both are then NaN.
   */
  timing?: boolean;
}
