// The CLI's own typed error and the one place any error becomes "one clear line + hint, exit 1".
// Library errors are recognised by shape (code + message), since `instanceof` fails across copies.

/** An error the CLI raises itself (bad usage, missing Pipfile, stale lock with --deploy...). */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: number;
  constructor(code: string, message: string, options: { hint?: string; cause?: unknown; exitCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

/**
 * Whether `e` is a pipgrub CLI error.
 * @example isCliError(new CliError('CLI_NO_PIPFILE', 'No Pipfile')) // true
 */
export function isCliError(e: unknown): e is CliError {
  return e instanceof Error && e.name === 'CliError' && typeof (e as CliError).code === 'string';
}

/** The shape every pipgrub library error has (code, message, optional hint). */
export interface CodedError {
  code: string;
  message: string;
  hint?: string;
  stack?: string;
  cause?: unknown;
}

/** Whether `e` looks like a typed error from a pipgrub library (or Node's own `ENOENT`-style errors). */
export function isCodedError(e: unknown): e is CodedError {
  return e instanceof Error && typeof (e as Partial<CodedError>).code === 'string';
}

/** Raised when the user interrupts (Ctrl-C); exit status 130 like a shell. */
export class InterruptedError extends CliError {
  constructor() {
    super('CLI_INTERRUPTED', 'Interrupted; nothing was changed.', { exitCode: 130 });
  }
}

/** What an error turns into on screen. */
export interface ErrorReport {
  message: string;
  hint?: string;
  exitCode: number;
  /** Stack trace and cause chain, shown only with --verbose. */
  detail: string;
}

const NODE_HINTS: Record<string, string> = {
  ENOENT: 'Check that the path exists.',
  EACCES: 'Check the file permissions.',
  ECONNREFUSED: 'Is the index running and the URL right? Try --pypi-mirror or check [[source]] in the Pipfile.',
  ENOTFOUND: 'Check the index host name and your network.',
};

/**
 * Turn any thrown value into a one-line message, a hint and an exit code.
 * @example describeError(new CliError('X', 'No Pipfile found.', { hint: 'Run pipgrub install.' })).message // 'No Pipfile found.'
 */
export function describeError(e: unknown): ErrorReport {
  const detail = describeDetail(e);
  // A wrapper whose cause is itself a typed error (the solver's "provider failed" wrapping the
  // resolver's wrapping an index error) says most through its innermost library error: report that
  // message, the first hint found down the chain, and keep the wrappers in the verbose detail.
  if (isCodedError(e) && /PROVIDER$/.test(e.code) && isCodedError(e.cause)) {
    const chain: CodedError[] = [];
    for (let c: unknown = e.cause; isCodedError(c) && chain.length < 8; c = c.cause) chain.push(c);
    const library = chain.filter((c) => !/^E[A-Z]+$/.test(c.code));
    const innermost = library[library.length - 1] ?? chain[0]!;
    const hint = chain.map((c) => c.hint).find(Boolean) ?? chain.map((c) => NODE_HINTS[c.code]).find(Boolean);
    return { message: innermost.message.split('\n')[0] ?? innermost.message, ...(hint ? { hint } : {}), exitCode: 1, detail };
  }
  if (isCliError(e)) return { message: e.message, ...(e.hint ? { hint: e.hint } : {}), exitCode: e.exitCode, detail };
  if (isCodedError(e)) {
    const hint = e.hint ?? NODE_HINTS[e.code];
    const firstLine = e.message.split('\n')[0] ?? e.message;
    return { message: firstLine, ...(hint ? { hint } : {}), exitCode: 1, detail };
  }
  if (e instanceof Error) {
    return { message: `internal error: ${e.message}`, hint: 'Re-run with --verbose and report it at the pipgrub issue tracker.', exitCode: 1, detail };
  }
  return { message: `internal error: ${String(e)}`, exitCode: 1, detail };
}

function describeDetail(e: unknown): string {
  const lines: string[] = [];
  let current: unknown = e;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      lines.push(depth === 0 ? (current.stack ?? current.message) : `caused by: ${current.stack ?? current.message}`);
      current = (current as { cause?: unknown }).cause;
    } else {
      lines.push(`caused by: ${String(current)}`);
      break;
    }
  }
  return lines.join('\n');
}
