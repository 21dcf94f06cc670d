// Typed errors of @pipgrub/venv: one base class with a stable string `code`, a `hint` and a `cause`,
// plus the `isVenvError` guard that also works across duplicate copies of the package.

/** Stable error codes of this package; match on these, never on message text. */
export type VenvErrorCode =
  | 'PYTHON_NOT_FOUND'
  | 'PYTHON_QUERY_FAILED'
  | 'PYTHON_UNSUPPORTED'
  | 'BAD_PYTHON_REQUEST'
  | 'VENV_EXISTS'
  | 'VENV_CREATE_FAILED'
  | 'NOT_A_VENV'
  | 'HASH_MISMATCH'
  | 'HASH_MISSING'
  | 'CORRUPT_WHEEL'
  | 'UNSAFE_WHEEL_PATH'
  | 'RECORD_MISMATCH'
  | 'BAD_WHEEL'
  | 'INSTALL_FAILED'
  | 'UNINSTALL_FAILED'
  | 'DOWNLOAD_FAILED'
  | 'SYNC_FAILED'
  | 'LOCK_ENTRY_UNSUPPORTED'
  | 'LOCKED_VERSION_MISSING'
  | 'NO_COMPATIBLE_WHEEL'
  | 'BAD_PYPROJECT'
  | 'BUILD_FAILED'
  | 'BUILD_DEPENDENCIES_FAILED'
  | 'LOCAL_PROJECT_INVALID'
  | 'VCS_UNSUPPORTED'
  | 'VCS_FAILED'
  | 'SYNC_INTERRUPTED'
  | 'EXTERNALLY_MANAGED'
  | 'TARGET_NOT_WRITABLE';

const BRAND = Symbol.for('pipgrub.venv.error');

/**
 * Base class of every error this package throws.
 * @example
 * try { await installWheel(env, 'x.whl', { hashes: ['sha256:00'] }); }
 * catch (e) { if (isVenvError(e) && e.code === 'HASH_MISMATCH') console.error(e.message, e.hint); }
 */
export class VenvError extends Error {
  readonly code: VenvErrorCode;
  /** What the user can do about it, in one line (may be empty). */
  readonly hint: string;
  readonly [BRAND] = true;

  constructor(code: VenvErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VenvError';
    this.code = code;
    this.hint = options.hint ?? '';
  }
}

/**
 * Whether `e` is a {@link VenvError} (from any copy of this package).
 * @example if (isVenvError(e) && e.code === 'PYTHON_NOT_FOUND') process.exitCode = 2;
 */
export function isVenvError(e: unknown): e is VenvError {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}

/** Message of an unknown thrown value, for wrapping. */
export function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
