// Typed errors of PEP 508: a requirement or marker that does not parse, or a marker that cannot be
// evaluated. One base class with a stable `code`, plus `instanceof`-free guards.

/** Stable codes of {@link Pep508Error}. */
export type Pep508ErrorCode =
  | 'ERR_PEP508_INVALID_REQUIREMENT'
  | 'ERR_PEP508_INVALID_MARKER'
  | 'ERR_PEP508_UNDEFINED_COMPARISON'
  | 'ERR_PEP508_UNDEFINED_ENVIRONMENT_NAME';

/**
 * Base class of every PEP 508 error. Syntax errors carry the source and the span of the problem.
 *
 * @example
 * ```ts
 * try { Marker.parse('(os_name == "nt"'); } catch (e) { if (isPep508Error(e)) console.error(e.message); }
 * ```
 */
export class Pep508Error extends Error {
  override readonly name: string = 'Pep508Error';
  readonly code: Pep508ErrorCode;
  readonly hint?: string;
  /** The text being parsed. */
  readonly source: string;
  /** Character span [start, end] of the problem in `source`. */
  readonly span: readonly [number, number];

  constructor(code: Pep508ErrorCode, message: string, source: string, span: readonly [number, number], options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.source = source;
    this.span = span;
    if (options.hint !== undefined) this.hint = options.hint;
  }
}

function shown(source: string): string {
  return source.length > 120 ? `${source.slice(0, 117)}...` : source;
}

/** A requirement string that is not PEP 508. The message names it and the position. */
export class InvalidRequirement extends Pep508Error {
  override readonly name = 'InvalidRequirement';
  constructor(message: string, source: string, span: readonly [number, number], cause?: unknown) {
    super('ERR_PEP508_INVALID_REQUIREMENT', `invalid requirement '${shown(source)}': ${message} (at ${span[0]})`, source, span, {
      hint: 'requirements look like name[extra1,extra2]>=1.0,<2 ; python_version >= "3.8"  or  name @ https://...',
      cause,
    });
  }
}

/** A marker expression that is not PEP 508. */
export class InvalidMarker extends Pep508Error {
  override readonly name = 'InvalidMarker';
  constructor(message: string, source: string, span: readonly [number, number], cause?: unknown) {
    super('ERR_PEP508_INVALID_MARKER', `invalid marker '${shown(source)}': ${message} (at ${span[0]})`, source, span, {
      hint: 'markers look like python_version >= "3.8" and (sys_platform == "linux" or extra == "socks")',
      cause,
    });
  }
}

/** `~=`/`===` between non-version strings (packaging's `UndefinedComparison`). */
export class UndefinedComparison extends Pep508Error {
  override readonly name = 'UndefinedComparison';
  constructor(message: string, source: string) {
    super('ERR_PEP508_UNDEFINED_COMPARISON', message, source, [0, source.length]);
  }
}

/** The environment lacks a variable the marker uses. */
export class UndefinedEnvironmentName extends Pep508Error {
  override readonly name = 'UndefinedEnvironmentName';
  constructor(variable: string, source: string) {
    super('ERR_PEP508_UNDEFINED_ENVIRONMENT_NAME', `marker variable '${variable}' is not set in the environment`, source, [0, source.length]);
  }
}

/** Whether `e` is any PEP 508 error (`instanceof`-free). */
export function isPep508Error(e: unknown): e is Pep508Error {
  return e instanceof Error && typeof (e as Partial<Pep508Error>).code === 'string' && (e as Pep508Error).code.startsWith('ERR_PEP508_');
}
