// Test-only: what a promise settles to, as a pypi-source error code ('ok' when it resolves), so tests
// can assert failure kinds in one line.
import { isPypiSourceError } from './errors';

/**
 * `'ok'`, or the `code` of the PypiSourceError `p` rejects with (any other error is re-thrown).
 * @example expect(await codeOf(client.requireProject('nope'))).toBe('PACKAGE_NOT_FOUND');
 */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isPypiSourceError(e)) return e.code;
    throw e;
  }
}
