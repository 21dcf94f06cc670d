// Tests for turning errors into one line + hint + exit code.
import { describe, expect, it } from 'vitest';
import { CliError, describeError } from './errors';

class FakeLibError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

describe('describeError', () => {
  it('keeps CLI errors as they are', () => {
    expect(describeError(new CliError('X', 'No Pipfile.', { hint: 'h', exitCode: 3 }))).toMatchObject({ message: 'No Pipfile.', hint: 'h', exitCode: 3 });
  });
  it('uses the first line and hint of a library error', () => {
    expect(describeError(new FakeLibError('TOML_SYNTAX', 'Pipfile:3: bad\nmore', 'fix it'))).toMatchObject({ message: 'Pipfile:3: bad', hint: 'fix it', exitCode: 1 });
  });
  it('gives Node errors a hint', () => {
    expect(describeError(new FakeLibError('ECONNREFUSED', 'connect ECONNREFUSED')).hint).toContain('index');
  });
  it('reports the cause of a provider wrapper', () => {
    const inner = new FakeLibError('INDEX_UNREACHABLE', 'Cannot reach http://x/simple', 'check the URL');
    const outer = new FakeLibError('ERR_SOLVER_PROVIDER', 'provider failed', undefined, { cause: inner });
    const r = describeError(outer);
    expect(r).toMatchObject({ message: 'Cannot reach http://x/simple', hint: 'check the URL' });
    expect(r.detail).toContain('caused by');
  });
  it('marks unknown errors as internal', () => {
    expect(describeError(new TypeError('boom')).message).toBe('internal error: boom');
  });
});

describe('describeError on nested provider failures', () => {
  it('reports the innermost library error and the first hint down the chain', () => {
    const node = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const index = new FakeLibError('INDEX_UNREACHABLE', 'cannot fetch http://127.0.0.1:9/simple/lib/', undefined, { cause: node });
    const resolveErr = new FakeLibError('ERR_RESOLVE_SOURCE', 'could not list versions of lib', undefined, { cause: index });
    const solver = new FakeLibError('ERR_SOLVER_PROVIDER', 'chooseVersion(lib) failed', undefined, { cause: resolveErr });
    const r = describeError(solver);
    expect(r.message).toBe('cannot fetch http://127.0.0.1:9/simple/lib/');
    expect(r.hint).toContain('Is the index running');
  });
});
