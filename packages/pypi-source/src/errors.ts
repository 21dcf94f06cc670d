// Typed errors of @pipgrub/pypi-source: one base class with a stable `code`, a `hint` and a `cause`,
// plus the `isPypiSourceError` guard (instanceof fails across duplicate package copies).

/** Stable error codes; the string values are part of the public API. */
export type PypiSourceErrorCode =
  | 'INDEX_UNREACHABLE'
  | 'PACKAGE_NOT_FOUND'
  | 'HASH_MISMATCH'
  | 'INVALID_METADATA'
  | 'ZIP_TRUNCATED'
  | 'ZIP_CORRUPT'
  | 'ZIP_UNSUPPORTED'
  | 'ZIP_ENTRY_NOT_FOUND'
  | 'OFFLINE_MISSING'
  | 'INVALID_INDEX_PAGE'
  | 'INVALID_FILENAME'
  | 'INVALID_SOURCE';

/**
 * Base class of every error thrown by this package.
 * @example
 * try { await client.getProject(name) } catch (e) { if (isPypiSourceError(e)) console.error(e.message, e.hint) }
 */
export class PypiSourceError extends Error {
  readonly isPypiSourceError = true;
  readonly code: PypiSourceErrorCode;
  readonly hint: string | undefined;
  constructor(code: PypiSourceErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
  }
}

/** Whether `e` is a {@link PypiSourceError} (works across duplicate copies of this package). */
export function isPypiSourceError(e: unknown): e is PypiSourceError {
  return typeof e === 'object' && e !== null && (e as { isPypiSourceError?: unknown }).isPypiSourceError === true;
}

/** The index could not be reached (connection refused/reset, timeout, repeated 5xx). `url` is redacted. */
export class IndexUnreachable extends PypiSourceError {
  constructor(readonly url: string, message: string, options: { hint?: string; cause?: unknown; status?: number } = {}) {
    super('INDEX_UNREACHABLE', message, {
      hint: options.hint ?? 'check the index URL, your network, and proxy settings',
      cause: options.cause,
    });
    this.status = options.status;
  }
  readonly status: number | undefined;
}

/** No configured index has the project (or the pinned index does not). */
export class PackageNotFound extends PypiSourceError {
  constructor(readonly project: string, readonly urls: string[], options: { hint?: string; cause?: unknown } = {}) {
    super('PACKAGE_NOT_FOUND', `package '${project}' not found on ${urls.join(', ') || 'any configured index'}`, {
      hint: options.hint ?? 'check the spelling of the name and the index list ([[source]] in the Pipfile)',
      cause: options.cause,
    });
  }
}

/** Downloaded bytes do not match the digest the index published. */
export class HashMismatch extends PypiSourceError {
  constructor(
    readonly url: string,
    readonly algorithm: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super('HASH_MISMATCH', `${algorithm} hash mismatch for ${url}: expected ${expected}, got ${actual}`, {
      hint: 'the file changed on the index or was corrupted in transit; clear the cache and retry',
    });
  }
}

/** Core metadata (METADATA, PKG-INFO, `.metadata`) could not be parsed or is inconsistent. */
export class InvalidMetadata extends PypiSourceError {
  constructor(readonly url: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super('INVALID_METADATA', `invalid metadata from ${url}: ${message}`, options);
  }
}

/** A zip archive is truncated, corrupt or uses an unsupported feature. */
export class ZipError extends PypiSourceError {
  constructor(
    code: 'ZIP_TRUNCATED' | 'ZIP_CORRUPT' | 'ZIP_UNSUPPORTED' | 'ZIP_ENTRY_NOT_FOUND',
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(code, message, options);
  }
}

/** Offline mode: something needed is not in the cache. `missing` lists redacted URLs. */
export class OfflineMissing extends PypiSourceError {
  constructor(readonly missing: string[]) {
    super('OFFLINE_MISSING', `offline mode: not in the cache: ${missing.join(', ')}`, {
      hint: 'run once online to fill the cache, or drop --offline',
    });
  }
}
