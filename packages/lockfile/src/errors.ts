// The one error class of @pipgrub/lockfile: every bad Pipfile, Pipfile.lock, requirements or pylock
// input becomes a LockfileError whose message is one line naming file:line and the offending key.

/** Stable machine-readable error codes. */
export type LockfileErrorCode =
  | 'TOML_SYNTAX'
  | 'JSON_SYNTAX'
  | 'PIPFILE_INVALID'
  | 'PIPFILE_UNKNOWN_KEY'
  | 'PIPFILE_WRONG_TYPE'
  | 'PIPFILE_EDIT'
  | 'LOCK_INVALID'
  | 'LOCK_MISSING_KEY'
  | 'LOCK_WRONG_TYPE'
  | 'LOCK_BAD_HASH'
  | 'LOCK_UNSUPPORTED_SPEC'
  | 'UNSUPPORTED_VALUE'
  | 'EXPORT_INVALID'
  | 'PYLOCK_INVALID'
  | 'WRITE_FAILED';

export interface LockfileErrorOptions {
  hint?: string;
  cause?: unknown;
  /** File the problem is in (as given by the caller, e.g. `Pipfile`). */
  file?: string;
  /** 1-based line of the problem, when known. */
  line?: number;
  /** Dotted key path of the problem, e.g. `packages.requests.version`. */
  key?: string;
}

const BRAND = Symbol.for('@pipgrub/lockfile.LockfileError');

/**
 * Raised for every malformed input and failed write in this package.
 * The message is one line: `Pipfile:7: packages.requests.extras: expected an array of strings`.
 * @example
 * try { parsePipfile(text, { path: 'Pipfile' }); } catch (e) { if (isLockfileError(e)) console.error(e.message, e.hint); }
 */
export class LockfileError extends Error {
  readonly code: LockfileErrorCode;
  readonly hint: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly key: string | undefined;
  /** The problem without the `file:line: key:` prefix. */
  readonly detail: string;
  readonly [BRAND] = true;

  constructor(code: LockfileErrorCode, detail: string, options: LockfileErrorOptions = {}) {
    super(formatMessage(detail, options), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LockfileError';
    this.code = code;
    this.detail = detail;
    this.hint = options.hint;
    this.file = options.file;
    this.line = options.line;
    this.key = options.key;
  }
}

function formatMessage(detail: string, o: LockfileErrorOptions): string {
  let where = o.file ?? '';
  if (o.line !== undefined) where += `${where ? ':' : 'line '}${o.line}`;
  const parts = [where, o.key].filter((p): p is string => Boolean(p));
  const oneLine = detail.replace(/\s*\n\s*/g, ' ');
  return parts.length ? `${parts.join(': ')}: ${oneLine}` : oneLine;
}

/** Whether `e` is a LockfileError (works across duplicate copies of this package). */
export function isLockfileError(e: unknown): e is LockfileError {
  return typeof e === 'object' && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true;
}
