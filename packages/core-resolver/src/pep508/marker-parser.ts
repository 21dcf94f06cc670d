// Recursive-descent marker parser following packaging's `_parser.py` grammar exactly, over the
// hand-written Cursor (linear time, typed errors with the source span).
import { normalizeName } from './name';
import { Cursor } from './cursor';
import type { MarkerComparison, MarkerList, MarkerOperand, MarkerOperator } from './marker-ast';

/** A syntax error raised inside the parser; callers wrap it as InvalidMarker / InvalidRequirement. */
export class SyntaxProblem extends Error {
  constructor(message: string, readonly span: [number, number]) {
    super(message);
  }
}

/** Decode a Python string literal body (the common escapes; `ast.literal_eval` in packaging). */
function decodePyString(raw: string, at: number): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = raw[++i];
    if (n === undefined) throw new SyntaxProblem('unterminated escape in string', [at, at + raw.length]);
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };
    if (n in simple) out += simple[n];
    else if (n === 'x' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += `\\${n}`;
  }
  return out;
}

function parseVar(c: Cursor): MarkerOperand {
  const v = c.variable();
  if (v !== undefined) return { kind: 'variable', name: v };
  const start = c.pos;
  const q = c.quoted();
  if (q !== undefined) return { kind: 'value', value: decodePyString(q, start + 1) };
  throw new SyntaxProblem('Expected a marker variable or quoted string', [c.pos, c.pos]);
}

function parseOp(c: Cursor): MarkerOperator {
  if (c.keyword('in')) {
    c.pos += 2;
    return 'in';
  }
  if (c.keyword('not')) {
    c.pos += 3;
    if (!c.ws()) throw new SyntaxProblem("Expected whitespace after 'not'", [c.pos, c.pos]);
    if (!c.keyword('in')) throw new SyntaxProblem("Expected 'in' after 'not'", [c.pos, c.pos]);
    c.pos += 2;
    return 'not in';
  }
  const o = c.op();
  if (o !== undefined) return o as MarkerOperator;
  throw new SyntaxProblem('Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', [c.pos, c.pos]);
}

function parseItem(c: Cursor): MarkerComparison {
  c.ws();
  const lhs = parseVar(c);
  c.ws();
  const op = parseOp(c);
  c.ws();
  const rhs = parseVar(c);
  c.ws();
  return { kind: 'compare', lhs, op, rhs };
}

const MAX_DEPTH = 200;

function parseAtom(c: Cursor, depth: number): MarkerComparison | MarkerList {
  c.ws();
  let out: MarkerComparison | MarkerList;
  if (c.peek('(')) {
    if (depth > MAX_DEPTH) throw new SyntaxProblem('marker nested too deeply', [c.pos, c.pos]);
    const open = c.pos;
    c.pos++;
    c.ws();
    out = parseMarkerList(c, depth + 1);
    c.ws();
    if (!c.peek(')')) throw new SyntaxProblem('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', [open, c.pos]);
    c.pos++;
  } else out = parseItem(c);
  c.ws();
  return out;
}

/** `marker = atom (BOOLOP atom)*`. */
export function parseMarkerList(c: Cursor, depth = 0): MarkerList {
  const out: (MarkerComparison | MarkerList | 'and' | 'or')[] = [parseAtom(c, depth)];
  for (;;) {
    const op = c.keyword('or') ? 'or' : c.keyword('and') ? 'and' : undefined;
    if (op === undefined) break;
    c.pos += op.length;
    out.push(op, parseAtom(c, depth));
  }
  return out;
}

/**
 * packaging's `_normalize_extra_values`: the value compared with `extra` is PEP 503-normalized, but
 * only in top-level comparisons (not inside parentheses), exactly as packaging does.
 */
export function normalizeTopLevelExtras(m: MarkerList): MarkerList {
  return m.map((x) => {
    if (typeof x === 'string' || Array.isArray(x)) return x;
    const item = x as MarkerComparison;
    const { lhs, rhs } = item;
    if (lhs.kind === 'variable' && lhs.name === 'extra') {
      return { ...item, rhs: { kind: 'value', value: normalizeName(rhs.kind === 'value' ? rhs.value : rhs.name) } };
    }
    if (rhs.kind === 'variable' && rhs.name === 'extra') {
      return { ...item, lhs: { kind: 'value', value: normalizeName(lhs.kind === 'value' ? lhs.value : lhs.name) } };
    }
    return item;
  });
}

/** Parse a whole marker string (must reach the end). */
export function parseFullMarker(source: string): MarkerList {
  const c = new Cursor(source);
  const m = parseMarkerList(c);
  if (!c.atEnd) throw new SyntaxProblem('Expected end of marker expression', [c.pos, c.pos]);
  return normalizeTopLevelExtras(m);
}
