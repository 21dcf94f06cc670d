// Colour decisions and ANSI styling: NO_COLOR disables, FORCE_COLOR enables, otherwise colour only
// on a terminal that is not `dumb` (https://no-color.org, https://force-color.org).

import type { Env } from '../args/env-options';

/**
 * Whether to colour output written to a stream with the given TTY-ness.
 * @example shouldColor({ NO_COLOR: '1' }, true) // false
 */
export function shouldColor(env: Env, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

/** Text styles; identity functions when colour is off. */
export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

/**
 * Styles for `enabled` colour.
 * @example makeStyle(true).green('ok') // '\u001b[32mok\u001b[39m'
 */
export function makeStyle(enabled: boolean): Style {
  if (!enabled) {
    const id = (s: string) => s;
    return { bold: id, dim: id, red: id, green: id, yellow: id, cyan: id };
  }
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}

/** Remove ANSI escapes (for width computations and tests). */
export function stripAnsi(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
}
