// A hand-written, linear-time scanner for PEP 440 version text that accepts exactly what
// `packaging.version.VERSION_PATTERN` (possessive form, Python >= 3.11.5) accepts: no regex, no backtracking.

/** Normalized pre-release phase. */
export type PreKind = 'a' | 'b' | 'rc';

/** One local-label segment: numeric segments are numbers, the rest lowercase strings. */
export type LocalSegment = string | number;

/** The parts of a scanned version, already normalized. */
export interface ScannedVersion {
  epoch: number;
  release: number[];
  pre: [PreKind, number] | null;
  post: number | null;
  dev: number | null;
  local: LocalSegment[] | null;
  /** `==1.0.*`: only when `ScanOptions.wildcard` allows it. */
  wildcard: boolean;
}

/** What the surrounding grammar allows (specifiers restrict versions per operator). */
export interface ScanOptions {
  /** Strip Python whitespace around the text first (`Version`), or not (inside a specifier). */
  trim?: boolean;
  /** Allow a trailing `.*` right after the release (`==`/`!=`). */
  wildcard?: boolean;
  /** Allow a `+local` label (default true). */
  local?: boolean;
  /** Minimum number of release components (`~=` needs 2). */
  minRelease?: number;
  /** Accept the longest valid prefix (a regex `match`, not `fullmatch`); see {@link scanEnd}. */
  prefix?: boolean;
}

/** Where the last successful scan stopped (useful with `prefix`). */
export const scanEnd = { at: 0 };

/** Why the last scan failed (position and reason); set when `scanVersion` returns null. */
export const scanFailure = { at: 0, reason: '' };

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** `str.isspace()` of Python, which is what `\s` means in packaging's patterns. */
export function isPyWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31);
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSep(c: number): boolean {
  return c === 46 || c === 45 || c === 95; // . - _
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Case-insensitive (ASCII) match of a lowercase `word` at `i`. */
function matchWord(s: string, i: number, end: number, word: string): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) {
    let c = s.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

// Alternation order matters: the regex commits to the first label that matches.
const PRE_LABELS: readonly (readonly [string, PreKind])[] = [
  ['alpha', 'a'], ['a', 'a'], ['beta', 'b'], ['b', 'b'], ['preview', 'rc'], ['pre', 'rc'], ['c', 'rc'], ['rc', 'rc'],
];
const PRE_WORDS = PRE_LABELS.map(([word]) => word);
const POST_LABELS: readonly string[] = ['post', 'rev', 'r'];
const DEV_LABELS: readonly string[] = ['dev'];

let pos = 0;

/** Read a run of digits at `pos` (caller checked there is one); -1 when it exceeds 2^53-1. */
function readNumber(s: string, end: number): number {
  let n = 0;
  while (pos < end) {
    const c = s.charCodeAt(pos);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    pos++;
    if (n > MAX_SAFE) {
      while (pos < end && isDigit(s.charCodeAt(pos))) pos++;
      return -1;
    }
  }
  return n;
}

/** The number after the label `readLabel` matched last (0 when implicit). */
let labelNumber = 0;

/**
 * `[._-]? label [._-]? digits?` at `pos`, trying `labels` in order (as the regex's alternation): on a
 * match, moves `pos` past it, sets `labelNumber` and returns the label's index; -1 when none matches
 * (`pos` unchanged); -2 when the number exceeds 2^53-1 (the failure is recorded).
 */
function readLabel(s: string, end: number, labels: readonly string[]): number {
  let j = pos;
  if (j < end && isSep(s.charCodeAt(j))) j++;
  for (let w = 0; w < labels.length; w++) {
    const word = labels[w]!;
    if (!matchWord(s, j, end, word)) continue;
    j += word.length;
    if (j < end && isSep(s.charCodeAt(j))) j++;
    pos = j;
    labelNumber = 0;
    if (j < end && isDigit(s.charCodeAt(j))) {
      labelNumber = readNumber(s, end);
      if (labelNumber < 0) {
        fail(j, 'numeric component exceeds 2^53-1');
        return -2;
      }
    }
    return w;
  }
  return -1;
}

function fail(at: number, reason: string): null {
  scanFailure.at = at;
  scanFailure.reason = reason;
  return null;
}

/**
 * Scan `s[start, end)` as a PEP 440 version. Returns null (and sets {@link scanFailure}) when invalid.
 * Runs in one pass over the input: every optional part is tried once and committed, as the possessive
 * groups of packaging's pattern do.
 */
export function scanVersion(s: string, start: number, end: number, opts: ScanOptions = {}): ScannedVersion | null {
  let i = start;
  if (opts.trim) {
    while (i < end && isPyWhitespace(s.charCodeAt(i))) i++;
    while (end > i && isPyWhitespace(s.charCodeAt(end - 1))) end--;
  }
  if (i < end && (s.charCodeAt(i) === 118 || s.charCodeAt(i) === 86)) i++; // v / V
  if (i >= end || !isDigit(s.charCodeAt(i))) return fail(i, 'expected a release number');
  pos = i;
  let n = readNumber(s, end);
  if (n < 0) return fail(i, 'numeric component exceeds 2^53-1');
  let epoch = 0;
  if (pos < end && s.charCodeAt(pos) === 33) { // !
    epoch = n;
    pos++;
    if (pos >= end || !isDigit(s.charCodeAt(pos))) return fail(pos, 'expected a release number after the epoch');
    const at = pos;
    n = readNumber(s, end);
    if (n < 0) return fail(at, 'numeric component exceeds 2^53-1');
  }
  const release = [n];
  while (pos + 1 < end && s.charCodeAt(pos) === 46 && isDigit(s.charCodeAt(pos + 1))) {
    pos++;
    const at = pos;
    n = readNumber(s, end);
    if (n < 0) return fail(at, 'numeric component exceeds 2^53-1');
    release.push(n);
  }
  if (opts.minRelease !== undefined && release.length < opts.minRelease) {
    return fail(pos, `needs at least ${opts.minRelease} release components`);
  }
  const out: ScannedVersion = { epoch, release, pre: null, post: null, dev: null, local: null, wildcard: false };
  if (opts.wildcard && (opts.prefix || pos + 2 === end) && pos + 1 < end && s.charCodeAt(pos) === 46 && s.charCodeAt(pos + 1) === 42) {
    out.wildcard = true;
    scanEnd.at = pos + 2;
    return out;
  }
  // Pre-release: [._-]? label [._-]? digits?
  const pre = readLabel(s, end, PRE_WORDS);
  if (pre === -2) return null;
  if (pre >= 0) out.pre = [PRE_LABELS[pre]![1], labelNumber];
  // Post-release: -digits | [._-]? (post|rev|r) [._-]? digits?
  if (pos + 1 < end && s.charCodeAt(pos) === 45 && isDigit(s.charCodeAt(pos + 1))) {
    pos++;
    const at = pos;
    const num = readNumber(s, end);
    if (num < 0) return fail(at, 'numeric component exceeds 2^53-1');
    out.post = num;
  } else {
    const post = readLabel(s, end, POST_LABELS);
    if (post === -2) return null;
    if (post >= 0) out.post = labelNumber;
  }
  // Dev release: [._-]? dev [._-]? digits?
  const dev = readLabel(s, end, DEV_LABELS);
  if (dev === -2) return null;
  if (dev >= 0) out.dev = labelNumber;
  // Local label: + alnum+ ([._-] alnum+)*
  if (opts.local !== false && pos + 1 < end && s.charCodeAt(pos) === 43 && isAlnum(s.charCodeAt(pos + 1))) {
    const local: LocalSegment[] = [];
    let j = pos + 1;
    for (;;) {
      const segStart = j;
      let allDigits = true;
      while (j < end && isAlnum(s.charCodeAt(j))) {
        if (!isDigit(s.charCodeAt(j))) allDigits = false;
        j++;
      }
      const text = s.slice(segStart, j);
      if (allDigits) {
        pos = segStart;
        const num = readNumber(s, j);
        if (num < 0) return fail(segStart, 'numeric component exceeds 2^53-1');
        local.push(num);
      } else local.push(text.toLowerCase());
      if (j + 1 < end && isSep(s.charCodeAt(j)) && isAlnum(s.charCodeAt(j + 1))) j++;
      else break;
    }
    pos = j;
    out.local = local;
  }
  if (pos !== end && !opts.prefix) return fail(pos, `unexpected '${s[pos]}' at position ${pos}`);
  scanEnd.at = pos;
  return out;
}
