// Typed errors of the Python resolution layer: bad input (a requirement, constraint, override or target
// that does not parse), source failures, internal defects. Unsatisfiable requests are a failed result.

/** Stable codes of {@link ResolveError}. */
export type ResolveErrorCode =
  | 'ERR_RESOLVE_BAD_REQUIREMENT'
  | 'ERR_RESOLVE_BAD_ENVIRONMENT'
  | 'ERR_RESOLVE_SOURCE'
  | 'ERR_RESOLVE_INTERNAL';

/**
 * Raised by `resolve` for input it cannot understand, naming the offending text and where it came from.
 *
 * @example
 * ```ts
 * try { await resolve({ source, requirements: ['a >>> 1'], environment }); }
 * catch (e) { if (isResolveError(e)) console.error(e.message); } // invalid requirement 'a >>> 1' (root): ...
 * ```
 */
export class ResolveError extends Error {
  override readonly name = 'ResolveError';
  readonly code: ResolveErrorCode;
  readonly hint?: string;

  constructor(code: ResolveErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** `instanceof`-free check (works across duplicate copies of the package). */
export function isResolveError(e: unknown): e is ResolveError {
  return (
    e instanceof Error &&
    e.name === 'ResolveError' &&
    typeof (e as Partial<ResolveError>).code === 'string' &&
    (e as ResolveError).code.startsWith('ERR_RESOLVE_')
  );
}
