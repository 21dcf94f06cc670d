// What the user asked for when naming a Python: a path, a version prefix (`3.12`), a specifier set
// (`>=3.10,<3.13`), an implementation (`cpython@3.11`, `pypy3.10`) or Pipfile `[requires]`.
import { VenvError } from '../errors';

/** One version clause, e.g. `>=3.10` or `==3.11.*`. */
export interface VersionClause {
  op: '==' | '!=' | '<' | '<=' | '>' | '>=' | '~=';
  release: number[];
  wildcard: boolean;
}

/** A parsed interpreter request (tagged union on `kind`). */
export type PythonRequest =
  | { kind: 'any' }
  | { kind: 'path'; path: string }
  | { kind: 'version'; implementation: string | null; clauses: VersionClause[]; text: string };

const CLAUSE = /^(==|!=|<=|>=|<|>|~=)?\s*(\d+(?:\.\d+)*)(\.\*)?$/;

/**
 * Parse a request such as `3.12`, `>=3.10,<3.13`, `cpython@3.11`, `python3.9`, `pypy3.10` or a path.
 * @example parsePythonRequest('cpython@3.11') // { kind: 'version', implementation: 'cpython', ... }
 */
export function parsePythonRequest(text: string): PythonRequest {
  const t = text.trim();
  if (t === '' || t === 'python') return { kind: 'any' };
  if (t.includes('/') || t.includes('\\') || t.startsWith('.') || t === '~') return { kind: 'path', path: t };
  let impl: string | null = null;
  let rest = t;
  const at = t.indexOf('@');
  if (at >= 0) {
    impl = normalizeImpl(t.slice(0, at));
    rest = t.slice(at + 1);
  } else {
    const m = /^(python|cpython|pypy|graalpy|cp|pp)-?(.*)$/i.exec(t);
    if (m) {
      impl = m[1]!.toLowerCase() === 'python' ? null : normalizeImpl(m[1]!);
      rest = m[2]!;
    }
  }
  if (rest === '') return { kind: 'version', implementation: impl, clauses: [], text: t };
  const clauses: VersionClause[] = [];
  for (const part of rest.split(',')) {
    const m = CLAUSE.exec(part.trim());
    if (!m) throw new VenvError('BAD_PYTHON_REQUEST', `Invalid Python request '${text}'`, { hint: "Use a version ('3.12'), a specifier ('>=3.10,<3.13'), 'cpython@3.11' or a path." });
    const release = m[2]!.split('.').map(Number);
    // A bare version is a prefix match: '3.12' means '==3.12.*'.
    const op = (m[1] ?? '==') as VersionClause['op'];
    clauses.push({ op, release, wildcard: Boolean(m[3]) || (m[1] === undefined) });
  }
  return { kind: 'version', implementation: impl, clauses, text: t };
}

/**
 * The request a Pipfile's `[requires]` table makes (`python_full_version` wins over `python_version`).
 * @example requestFromPipfileRequires({ python_version: '3.11' }) // like parsePythonRequest('3.11')
 */
export function requestFromPipfileRequires(requires: { python_version?: string; python_full_version?: string }): PythonRequest {
  const v = requires.python_full_version ?? requires.python_version;
  return v ? parsePythonRequest(v) : { kind: 'any' };
}

function normalizeImpl(s: string): string {
  const l = s.toLowerCase();
  if (l === 'cp' || l === 'python' || l === 'cpython') return 'cpython';
  if (l === 'pp' || l === 'pypy') return 'pypy';
  return l;
}

function cmp(a: number[], b: number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function clauseMatches(c: VersionClause, v: number[]): boolean {
  if (c.wildcard && (c.op === '==' || c.op === '!=')) {
    const eq = c.release.every((x, i) => v[i] === x);
    return c.op === '==' ? eq : !eq;
  }
  const d = cmp(v, c.release);
  switch (c.op) {
    case '==': return d === 0;
    case '!=': return d !== 0;
    case '<': return d < 0;
    case '<=': return d <= 0;
    case '>': return d > 0;
    case '>=': return d >= 0;
    case '~=': {
      if (d < 0) return false;
      const prefix = c.release.slice(0, Math.max(1, c.release.length - 1));
      return prefix.every((x, i) => v[i] === x);
    }
  }
}

/**
 * Whether a version (and implementation) satisfies a request. Path requests match anything here;
 * they are resolved by path, not by version.
 * @example requestMatches(parsePythonRequest('>=3.10'), [3, 12, 1], 'cpython') // true
 */
export function requestMatches(req: PythonRequest, version: number[], implementation: string): boolean {
  if (req.kind !== 'version') return true;
  if (req.implementation && req.implementation !== implementation) return false;
  return req.clauses.every((c) => clauseMatches(c, version));
}

/**
 * Whether a partial version known from a file name (`python3.11` -> `[3, 11]`) could satisfy the
 * request, so discovery can skip querying interpreters that cannot match.
 */
export function requestMayMatch(req: PythonRequest, partial: number[]): boolean {
  if (req.kind !== 'version' || partial.length === 0) return true;
  return req.clauses.every((c) => {
    if (c.op === '==' || c.op === '~=') {
      const n = Math.min(partial.length, c.release.length);
      return c.release.slice(0, n).every((x, i) => partial[i] === x) || (c.op === '~=' && partial[0] === c.release[0]);
    }
    if (partial.length >= 3) return clauseMatches(c, partial);
    return true;
  });
}
