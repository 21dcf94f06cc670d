// Typed errors of PEP 440: a version or specifier string that does not parse. One base class with a
// stable `code`, plus `instanceof`-free guards (they work across duplicate copies of the package).

/** Stable codes of {@link Pep440Error}. */
export type Pep440ErrorCode = 'ERR_PEP440_INVALID_VERSION' | 'ERR_PEP440_INVALID_SPECIFIER';

/**
 * Base class of every PEP 440 error.
 *
 * @example
 * ```ts
 * try { Version.parse('1.0.0.0.0a-b'); } catch (e) { if (isPep440Error(e)) console.error(e.code, e.hint); }
 * ```
 */
export class Pep440Error extends Error {
  override readonly name: string = 'Pep440Error';
  readonly code: Pep440ErrorCode;
  readonly hint?: string;
  /** The offending input, exactly as given. */
  readonly input: string;

  constructor(code: Pep440ErrorCode, message: string, input: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.input = input;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

/** Quote an input for a one-line message, cutting very long strings. */
export function quoteInput(input: string): string {
  const shown = input.length > 80 ? `${input.slice(0, 77)}...` : input;
  return `'${shown}'`;
}

/**
 * Raised by `Version.parse` for a string that is not a PEP 440 version. The message names the string.
 *
 * @example
 * ```ts
 * Version.parse('1.0-foo'); // throws InvalidVersion: invalid version '1.0-foo'
 * ```
 */
export class InvalidVersion extends Pep440Error {
  override readonly name = 'InvalidVersion';
  constructor(input: string, detail?: string, hint?: string) {
    super(
      'ERR_PEP440_INVALID_VERSION',
      `invalid version ${quoteInput(input)}${detail ? `: ${detail}` : ''}`,
      input,
      { hint: hint ?? 'PEP 440 versions look like 1.2.3, 1!2.0a1, 1.0.post2.dev3+local.7' },
    );
  }
}

/**
 * Raised by `Specifier.parse` / `SpecifierSet.parse` for text that is not a PEP 440 specifier.
 *
 * @example
 * ```ts
 * SpecifierSet.parse('>=1.0,'); // throws InvalidSpecifier: invalid specifier '>=1.0,': empty clause
 * ```
 */
export class InvalidSpecifier extends Pep440Error {
  override readonly name = 'InvalidSpecifier';
  constructor(input: string, detail?: string, hint?: string) {
    super(
      'ERR_PEP440_INVALID_SPECIFIER',
      `invalid specifier ${quoteInput(input)}${detail ? `: ${detail}` : ''}`,
      input,
      { hint: hint ?? 'specifiers look like >=1.0, <2.0, ==1.4.*, ~=2.2, !=1.5' },
    );
  }
}

/** Whether `e` is any PEP 440 error (`instanceof`-free). */
export function isPep440Error(e: unknown): e is Pep440Error {
  return (
    e instanceof Error &&
    typeof (e as Partial<Pep440Error>).code === 'string' &&
    (e as Pep440Error).code.startsWith('ERR_PEP440_')
  );
}

/** Whether `e` is an {@link InvalidVersion}. */
export function isInvalidVersion(e: unknown): e is InvalidVersion {
  return isPep440Error(e) && e.code === 'ERR_PEP440_INVALID_VERSION';
}

/** Whether `e` is an {@link InvalidSpecifier}. */
export function isInvalidSpecifier(e: unknown): e is InvalidSpecifier {
  return isPep440Error(e) && e.code === 'ERR_PEP440_INVALID_SPECIFIER';
}
