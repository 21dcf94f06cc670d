// Typed errors of the generic solver: a provider threw or broke the contract, or the solve was
// cancelled. Resolution failures are NOT errors: they are returned as a derivation tree.

/** Stable error codes of `SolverError`. */
export type SolverErrorCode =
  | 'ERR_SOLVER_PROVIDER'
  | 'ERR_SOLVER_CANCELLED'
  | 'ERR_SOLVER_BAD_VERSION'
  | 'ERR_SOLVER_SELF_DEPENDENCY'
  | 'ERR_SOLVER_NO_LIST_VERSIONS'
  /** `solveSync` was given a provider that returned a promise. */
  | 'ERR_SOLVER_ASYNC_PROVIDER'
  /** The SAT engine (logic-solver's MiniSat, a fixed 64 MB heap) gave up, e.g. on a problem too large. */
  | 'ERR_SOLVER_SAT';

/**
 * Raised by `solve`/`solveSync`/`solveSat` when the provider failed (the original error is the `cause`), broke its
 * contract, or asked to cancel.
 *
 * @example
 * ```ts
 * try { await solve(provider, root, v, kind); } catch (e) { if (isSolverError(e)) console.error(e.code); }
 * ```
 */
export class SolverError extends Error {
  override readonly name = 'SolverError';
  readonly code: SolverErrorCode;
  readonly hint?: string;

  constructor(code: SolverErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
  }
}

/** `instanceof`-free check (works across duplicate copies of the package). */
export function isSolverError(e: unknown): e is SolverError {
  return (
    e instanceof Error &&
    e.name === 'SolverError' &&
    typeof (e as Partial<SolverError>).code === 'string' &&
    (e as SolverError).code.startsWith('ERR_SOLVER_')
  );
}
