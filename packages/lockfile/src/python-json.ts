// Byte-exact imitation of Python's `json.dumps(..., sort_keys=True, ensure_ascii=True)`, compact or
// with indent=4: the two ways Pipenv serializes data (the `_meta.hash` input and Pipfile.lock itself).

/**
 * A Python float that must print as a float even when integral (`1.0`, not `1`).
 * @example pyJsonCompact([new PyFloat(1), 1]) // '[1.0,1]'
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** JSON data as Python sees it: `bigint` and integral `number` are ints, `PyFloat` and other numbers floats. */
export type PyJson = string | number | bigint | boolean | null | PyFloat | PyJson[] | { [key: string]: PyJson };

/**
 * Python's `str` ordering: by code point, not by UTF-16 code unit as JavaScript's `<` does.
 * @example ['😀', '\uffff'].sort(compareCodePoints) // ['\uffff', '😀']
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (0xD800-0xDFFF) encode code points above 0xFFFF, which sort after 0xE000-0xFFFF.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

const HEX = '0123456789abcdef';

/**
 * Python `json` string literal with `ensure_ascii=True`: everything outside ' '..'~' becomes `\uXXXX`.
 * @example pyJsonString('é😀') // '"\\u00e9\\ud83d\\ude00"'
 */
export function pyJsonString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(start, i);
    start = i + 1;
    switch (c) {
      case 0x22: out += '\\"'; break;
      case 0x5c: out += '\\\\'; break;
      case 0x0a: out += '\\n'; break;
      case 0x0d: out += '\\r'; break;
      case 0x09: out += '\\t'; break;
      case 0x08: out += '\\b'; break;
      case 0x0c: out += '\\f'; break;
      default:
        out += '\\u' + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
    }
  }
  return out + s.slice(start) + '"';
}

/**
 * Python's `float.__repr__` (shortest round-trip digits, exponent outside 1e-4 <= |x| < 1e16).
 * @example pyFloatRepr(1e16) // '1e+16'
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const exp = Number(expText);
  let body: string;
  if (exp >= -4 && exp < 16) {
    if (exp < 0) body = '0.' + '0'.repeat(-exp - 1) + digits;
    else if (digits.length <= exp + 1) body = digits + '0'.repeat(exp + 1 - digits.length) + '.0';
    else body = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  } else {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    body = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return (neg ? '-' : '') + body;
}

function scalar(v: PyJson): string | undefined {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return pyJsonString(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloatRepr(v);
  if (v instanceof PyFloat) return pyFloatRepr(v.value);
  return undefined;
}

function sortedKeys(o: { [key: string]: PyJson }): string[] {
  return Object.keys(o).sort(compareCodePoints);
}

/**
 * `json.dumps(value, sort_keys=True, separators=(",", ":"))` — the bytes Pipenv hashes.
 * @example pyJsonCompact({ b: 1, a: 'é' }) // '{"a":"\\u00e9","b":1}'
 */
export function pyJsonCompact(v: PyJson): string {
  const s = scalar(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return '[' + v.map(pyJsonCompact).join(',') + ']';
  const o = v as { [key: string]: PyJson };
  return '{' + sortedKeys(o).map((k) => pyJsonString(k) + ':' + pyJsonCompact(o[k] as PyJson)).join(',') + '}';
}

/**
 * `json.dumps(value, indent=4, separators=(",", ": "), sort_keys=True)` — Pipfile.lock's layout
 * (without the trailing newline Pipenv appends).
 * @example pyJsonIndented({ a: [] }) // '{\n    "a": []\n}'
 */
export function pyJsonIndented(v: PyJson, level = 0): string {
  const s = scalar(v);
  if (s !== undefined) return s;
  const pad = '    '.repeat(level + 1);
  const end = '\n' + '    '.repeat(level);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => pad + pyJsonIndented(x, level + 1)).join(',\n') + end + ']';
  }
  const o = v as { [key: string]: PyJson };
  const keys = sortedKeys(o);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => pad + pyJsonString(k) + ': ' + pyJsonIndented(o[k] as PyJson, level + 1)).join(',\n') + end + '}';
}
