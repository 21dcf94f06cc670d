// The kit's one error type: a bad description or option names what is wrong, with a stable code and a
// hint, instead of producing a broken artifact.

/** Stable codes of `TestKitError`. */
export type TestKitErrorCode = 'BAD_TAG' | 'BAD_METADATA_VALUE' | 'DUPLICATE_ENTRY' | 'DUPLICATE_PROJECT' | 'BAD_PATH' | 'BAD_OPTION';

/**
 * Thrown for a description or option the kit cannot turn into valid artifacts.
 *
 * @example
 * ```ts
 * try { buildWheel('x', '1', { wheels: ['py3-any'] }); } catch (e) { if (isTestKitError(e)) console.log(e.code); } // 'BAD_TAG'
 * ```
 */
export class TestKitError extends Error {
  override readonly name = 'TestKitError';
  readonly isTestKitError = true;
  constructor(
    readonly code: TestKitErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(`test-kit: ${message}`, options);
  }
}

/** True for a `TestKitError`, also across duplicate copies of the kit. */
export function isTestKitError(e: unknown): e is TestKitError {
  return typeof e === 'object' && e !== null && (e as { isTestKitError?: unknown }).isTestKitError === true;
}
