// A small JSON parser that remembers the line of every key, keeps floats apart from ints (so a
// round trip prints them as Python would), and reports syntax errors as file:line.

import { LockfileError } from './errors';
import { PyFloat } from './python-json';
import type { PyJson } from './python-json';

export interface JsonWithLines {
  value: PyJson;
  /** Line of each key path (keys joined by `\u0000`; array items use their index). */
  lines: Map<string, number>;
}

/** The key used in {@link JsonWithLines.lines} for a path. */
export function pathKey(path: ReadonlyArray<string | number>): string {
  return path.join('\u0000');
}

/**
 * Parse JSON text, recording where each key sits.
 * @example parseJsonWithLines('{\n "a": 1\n}', 'x.json').lines.get('a') // 2
 */
export function parseJsonWithLines(text: string, file: string): JsonWithLines {
  let i = 0;
  let line = 1;
  const lines = new Map<string, number>();
  const n = text.length;

  const fail = (what: string): never => {
    throw new LockfileError('JSON_SYNTAX', `invalid JSON: ${what}`, { file, line, hint: 'the file is not valid JSON; regenerate it with `pipenv lock` or `pipgrub lock`' });
  };
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13) break;
      i++;
    }
  };
  const str = (): string => {
    i++;
    let out = '';
    let start = i;
    while (i < n) {
      const c = text[i];
      if (c === '"') {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c === '\\') {
        out += text.slice(start, i);
        const e = text[i + 1];
        const map: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else if (e !== undefined && e in map) {
          out += map[e];
          i += 2;
        } else fail('bad escape in string');
        start = i;
        continue;
      }
      if (c === '\n' || (c !== undefined && c.charCodeAt(0) < 0x20)) fail('control character in string');
      i++;
    }
    return fail('unterminated string');
  };
  const value = (path: Array<string | number>, depth: number): PyJson => {
    if (depth > 500) fail('nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [k: string]: PyJson } = {};
      ws();
      if (text[i] === '}') { i++; return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a key');
        const keyLine = line;
        const k = str();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        const p = [...path, k];
        lines.set(pathKey(p), keyLine);
        Object.defineProperty(obj, k, { value: value(p, depth + 1), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return obj; }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const arr: PyJson[] = [];
      ws();
      if (text[i] === ']') { i++; return arr; }
      for (;;) {
        const p = [...path, arr.length];
        ws();
        lines.set(pathKey(p), line);
        arr.push(value(p, depth + 1));
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return arr; }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    for (const [lit, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(lit, i)) { i += lit.length; return v; }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') return fail(i >= n ? 'unexpected end of file' : `unexpected character ${JSON.stringify(c)}`);
    i += m[0].length;
    return m[2] || m[3] ? new PyFloat(Number(m[0])) : Number.isSafeInteger(Number(m[0])) ? Number(m[0]) : BigInt(m[0]);
  };
  const v = value([], 0);
  ws();
  if (i < n) fail('trailing data after the JSON value');
  return { value: v, lines };
}
