// A light TOML scanner: finds table headers and key/value lines with their offsets and line numbers.
// smol-toml gives the data but no positions; this gives the positions that error messages and edits need.

/** One `[table]` or `[[array.table]]` header. */
export interface TomlHeader {
  path: string[];
  isArray: boolean;
  line: number;
  /** Offset of the `[` and of the end of the line (before the newline). */
  start: number;
  lineEnd: number;
}

/** One `key = value` line (a value may span lines when it is a multi-line string or array). */
export interface TomlEntry {
  /** Header path of the table it sits in (`[]` for the root table). */
  table: string[];
  /** Index of the array-of-tables element when `table` is an array table, else -1. */
  arrayIndex: number;
  /** Dotted key, split. */
  key: string[];
  /** 1-based line of the key. */
  line: number;
  /** Offset where the key starts, where the value starts and ends, and of the end of its last line. */
  start: number;
  valueStart: number;
  valueEnd: number;
  lineEnd: number;
  /** Line number of the value's last line. */
  endLine: number;
}

export interface TomlLayout {
  headers: TomlHeader[];
  entries: TomlEntry[];
}

const BARE = /[A-Za-z0-9_-]/;

/**
 * Scan already-valid TOML text (validate with smol-toml first) for headers and key/value entries.
 * @example scanToml('[packages]\nsix = "*"\n').entries[0].key // ['six']
 */
export function scanToml(text: string): TomlLayout {
  const headers: TomlHeader[] = [];
  const entries: TomlEntry[] = [];
  const arrayCounts = new Map<string, number>();
  let table: string[] = [];
  let arrayIndex = -1;
  let i = 0;
  let line = 1;
  const n = text.length;

  const lineOf = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (text.charCodeAt(k) === 10) line++;
  };
  const skipSpaces = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const toLineEnd = () => {
    while (i < n && text[i] !== '\n') i++;
    let end = i;
    if (end > 0 && text[end - 1] === '\r') end--;
    return end;
  };
  const readKey = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipSpaces();
      if (text[i] === '"') {
        const end = skipString(text, i);
        parts.push(decodeBasic(text.slice(i + 1, end - 1)));
        i = end;
      } else if (text[i] === "'") {
        const end = text.indexOf("'", i + 1);
        parts.push(text.slice(i + 1, end));
        i = end + 1;
      } else {
        const s = i;
        while (i < n && BARE.test(text[i] as string)) i++;
        parts.push(text.slice(s, i));
      }
      skipSpaces();
      if (text[i] !== '.') return parts;
      i++;
    }
  };

  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\n') { i++; line++; continue; }
    if (c === '#') { toLineEnd(); continue; }
    if (c === '[') {
      const start = i;
      const isArray = text[i + 1] === '[';
      i += isArray ? 2 : 1;
      const path = readKey();
      i += isArray ? 2 : 1;
      const lineEnd = toLineEnd();
      headers.push({ path, isArray, line, start, lineEnd });
      table = path;
      if (isArray) {
        const k = JSON.stringify(path);
        arrayIndex = arrayCounts.get(k) ?? 0;
        arrayCounts.set(k, arrayIndex + 1);
      } else arrayIndex = -1;
      continue;
    }
    const start = i;
    const startLine = line;
    const key = readKey();
    i++; // '='
    skipSpaces();
    const valueStart = i;
    const valueEnd = skipValue(text, i);
    lineOf(valueStart, valueEnd);
    i = valueEnd;
    const lineEnd = toLineEnd();
    entries.push({ table, arrayIndex, key, line: startLine, start, valueStart, valueEnd, lineEnd, endLine: line });
  }
  return { headers, entries };
}

/** Offset just past the TOML string starting at `i` (basic, literal, or multi-line of either). */
export function skipString(text: string, i: number): number {
  const q = text[i] as string;
  if (text.startsWith(q.repeat(3), i)) {
    let j = i + 3;
    for (;;) {
      const k = text.indexOf(q.repeat(3), j);
      if (k < 0) return text.length;
      if (q === '"' && isEscaped(text, k)) { j = k + 1; continue; }
      let end = k + 3;
      while (text[end] === q && end < k + 5) end++; // up to two quotes may close the content
      return end;
    }
  }
  let j = i + 1;
  while (j < text.length && text[j] !== q && text[j] !== '\n') {
    if (q === '"' && text[j] === '\\') j++;
    j++;
  }
  return j + 1;
}

function isEscaped(text: string, k: number): boolean {
  let b = 0;
  while (text[k - 1 - b] === '\\') b++;
  return b % 2 === 1;
}

/** Offset just past the value starting at `i` (scalar, string, array or inline table). */
function skipValue(text: string, i: number): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '"' || c === "'") { i = skipString(text, i); continue; }
    if (c === '[' || c === '{') { depth++; i++; continue; }
    if (c === ']' || c === '}') { depth--; i++; if (depth === 0) return i; continue; }
    if (c === '#') {
      if (depth === 0) break;
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' && depth === 0) break;
    if (depth === 0 && (c === ' ' || c === '\t' || c === '\r')) {
      // scalars end at whitespace, except dates like `1979-05-27 07:32:00`
      const rest = text.slice(i + 1, i + 3);
      if (c === ' ' && /^\d\d/.test(rest) && /\d{4}-\d\d-\d\d$/.test(text.slice(Math.max(0, i - 10), i))) { i++; continue; }
      break;
    }
    i++;
  }
  return i;
}

/** Decode the escapes of a basic TOML string body (used for quoted keys). */
export function decodeBasic(body: string): string {
  return body.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'e': return '\x1b';
      case 'u': case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
      default: return e;
    }
  });
}
