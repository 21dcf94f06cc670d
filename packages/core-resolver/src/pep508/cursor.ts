// A small hand-written tokenizer shared by the requirement and marker parsers. It mirrors the token
// rules of packaging's `_tokenizer.py` but scans characters directly (no regex backtracking).
import { isPyWhitespace, scanEnd, scanVersion } from '../pep440/scan-version';
import type { MarkerVariableName } from './marker-ast';

const VARIABLES: readonly (readonly [string, MarkerVariableName])[] = [
  ['python_version', 'python_version'],
  ['python_full_version', 'python_full_version'],
  ['os_name', 'os_name'],
  ['os.name', 'os_name'],
  ['sys_platform', 'sys_platform'],
  ['sys.platform', 'sys_platform'],
  ['platform_release', 'platform_release'],
  ['platform_system', 'platform_system'],
  ['platform_version', 'platform_version'],
  ['platform.version', 'platform_version'],
  ['platform_machine', 'platform_machine'],
  ['platform.machine', 'platform_machine'],
  ['platform_python_implementation', 'platform_python_implementation'],
  ['platform.python_implementation', 'platform_python_implementation'],
  ['python_implementation', 'platform_python_implementation'],
  ['implementation_name', 'implementation_name'],
  ['implementation_version', 'implementation_version'],
  ['extras', 'extras'],
  ['extra', 'extra'],
  ['dependency_groups', 'dependency_groups'],
];

const WORD = /[\p{L}\p{N}_]/u;

/** Python regex `\w` for one character. */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return WORD.test(ch);
}

/** A parse position over a source string with packaging's token tests. */
export class Cursor {
  pos = 0;
  constructor(readonly source: string) {}

  get atEnd(): boolean {
    // Python's `$` also matches just before a final newline.
    return this.pos === this.source.length || (this.pos === this.source.length - 1 && this.source[this.pos] === '\n');
  }

  peek(text: string): boolean {
    return this.source.startsWith(text, this.pos);
  }

  /** `[ \t]+`; returns whether any was consumed. */
  ws(): boolean {
    const start = this.pos;
    while (this.pos < this.source.length && (this.source[this.pos] === ' ' || this.source[this.pos] === '\t')) this.pos++;
    return this.pos > start;
  }

  private boundaryBefore(): boolean {
    return !isWordChar(this.source[this.pos - 1]);
  }

  /** `\bword\b` at the cursor. */
  keyword(word: string): boolean {
    if (!this.peek(word)) return false;
    if (!isWordChar(word[0]) || !this.boundaryBefore()) return false;
    return !isWordChar(this.source[this.pos + word.length]);
  }

  /** A marker variable; returns its canonical name and advances. */
  variable(): MarkerVariableName | undefined {
    if (!this.boundaryBefore()) return undefined;
    for (const [text, name] of VARIABLES) {
      if (this.peek(text) && !isWordChar(this.source[this.pos + text.length])) {
        this.pos += text.length;
        return name;
      }
    }
    return undefined;
  }

  /** `'...'` or `"..."`; returns the raw inner text. */
  quoted(): string | undefined {
    const q = this.source[this.pos];
    if (q !== '"' && q !== "'") return undefined;
    const end = this.source.indexOf(q, this.pos + 1);
    if (end < 0) return undefined;
    const inner = this.source.slice(this.pos + 1, end);
    this.pos = end + 1;
    return inner;
  }

  /** `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`. */
  identifier(): string | undefined {
    const s = this.source;
    if (!this.boundaryBefore()) return undefined;
    const isAl = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (this.pos >= s.length || !isAl(s.charCodeAt(this.pos))) return undefined;
    let j = this.pos + 1;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (isAl(c) || c === 46 || c === 95 || c === 45) j++;
      else break;
    }
    // Back off to a word boundary: the last character must be a word character followed by a non-word one.
    while (j > this.pos && (!isWordChar(s[j - 1]) || isWordChar(s[j]))) j--;
    if (j === this.pos) return undefined;
    const text = s.slice(this.pos, j);
    this.pos = j;
    return text;
  }

  /** Marker comparison operator (`===|==|~=|!=|<=|>=|<|>`). */
  op(): string | undefined {
    for (const o of ['===', '==', '~=', '!=', '<=', '>=', '<', '>']) {
      if (this.peek(o)) {
        this.pos += o.length;
        return o;
      }
    }
    return undefined;
  }

  /**
   * One version specifier clause as packaging's SPECIFIER token matches it (a greedy prefix match).
   * Returns its text, or undefined without moving.
   */
  specifier(): string | undefined {
    const s = this.source;
    const start = this.pos;
    let op: string | undefined;
    for (const o of ['===', '~=', '==', '!=', '<=', '>=', '<', '>']) {
      if (s.startsWith(o, start)) {
        op = o;
        break;
      }
    }
    if (op === undefined) return undefined;
    let j = start + op.length;
    while (j < s.length && isPyWhitespace(s.charCodeAt(j))) j++;
    if (op === '===') {
      while (j < s.length && !isPyWhitespace(s.charCodeAt(j)) && s[j] !== ';' && s[j] !== ')') j++;
      this.pos = j;
      return s.slice(start, j);
    }
    const eq = op === '==' || op === '!=';
    const end = scanVersionPrefix(s, j, { wildcard: eq, local: eq, minRelease: op === '~=' ? 2 : 1 });
    if (end < 0) return undefined;
    this.pos = end;
    return s.slice(start, end);
  }
}

/** Longest prefix of `s` from `start` that is a version (greedy, as a regex `match`); -1 if none. */
function scanVersionPrefix(s: string, start: number, opts: { wildcard: boolean; local: boolean; minRelease: number }): number {
  return scanVersion(s, start, s.length, { ...opts, prefix: true }) === null ? -1 : scanEnd.at;
}
