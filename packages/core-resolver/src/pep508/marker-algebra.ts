// Marker algebra for cross-platform locks: a normalized DNF over per-variable constraints (version
// ranges for version variables, finite/co-finite string sets for the rest), with simplification,
// canonical printing, "always false" and disjointness. Comparisons it cannot model stay opaque atoms.
import { Specifier } from '../pep440/specifier';
import { Version, compareVersions } from '../pep440/version';
import { VersionRange } from '../pep440/version-range';
import { normalizeName } from './name';
import { formatComparison, type MarkerComparison, type MarkerList, type MarkerVariableName } from './marker-ast';

const VERSION_VARS: readonly MarkerVariableName[] = ['python_version', 'python_full_version', 'implementation_version', 'platform_release'];
const STRING_VARS: readonly MarkerVariableName[] = [
  'os_name', 'sys_platform', 'platform_system', 'platform_machine', 'platform_python_implementation', 'implementation_name', 'platform_version', 'extra',
];
const ORDER = new Map<string, number>([...VERSION_VARS, ...STRING_VARS].map((v, i) => [v, i]));

/** One conjunct of a DNF clause. */
export type MarkerAtom =
  | { readonly kind: 'version'; readonly variable: MarkerVariableName; readonly range: VersionRange }
  | { readonly kind: 'string'; readonly variable: MarkerVariableName; readonly values: ReadonlySet<string>; readonly negated: boolean }
  | { readonly kind: 'opaque'; readonly text: string };

/** A conjunction of atoms (at most one version/string atom per variable). Empty = true. */
export type MarkerClause = readonly MarkerAtom[];
/** A disjunction of clauses. Empty = false. */
export type MarkerDnf = readonly MarkerClause[];

/** Clause-count cap: normalization gives up (returns undefined) beyond it rather than blow up. */
export const MAX_CLAUSES = 512;

const TRUE: MarkerDnf = [[]];
const FALSE: MarkerDnf = [];

function atomOf(c: MarkerComparison): MarkerDnf {
  const opaque: MarkerDnf = [[{ kind: 'opaque', text: formatComparison(c) }]];
  if (c.lhs.kind === 'variable' && c.rhs.kind === 'value') {
    const name = c.lhs.name;
    const value = c.rhs.value;
    if (VERSION_VARS.includes(name)) {
      if (c.op === 'in' || c.op === 'not in') return opaque;
      let spec: Specifier;
      try {
        spec = Specifier.parse(`${c.op}${value}`);
      } catch {
        return opaque; // string fallback comparison: kept as written
      }
      if (!spec.isExactRange) return opaque;
      const range = spec.toRange();
      if (range.isEmpty()) return FALSE;
      if (range.isFull()) return TRUE;
      return [[{ kind: 'version', variable: name, range }]];
    }
    if (STRING_VARS.includes(name)) return stringAtom(name, c.op, value) ?? opaque;
    return opaque;
  }
  if (c.lhs.kind === 'value' && c.rhs.kind === 'variable' && STRING_VARS.includes(c.rhs.name) && c.op !== 'in' && c.op !== 'not in') {
    return stringAtom(c.rhs.name, c.op, c.lhs.value) ?? opaque;
  }
  return opaque;
}

/** packaging's string semantics: `==`,`<=`,`>=` are equality, `<`,`>` are always false. */
function stringAtom(variable: MarkerVariableName, op: string, value: string): MarkerDnf | undefined {
  // The environment's `extra` is always normalized, so an unnormalized value (kept by packaging inside
  // parentheses) can never be equal to it.
  if (variable === 'extra' && value !== normalizeName(value) && ['==', '<=', '>=', '!='].includes(op)) return op === '!=' ? TRUE : FALSE;
  switch (op) {
    case '==':
    case '<=':
    case '>=':
      return [[{ kind: 'string', variable, values: new Set([value]), negated: false }]];
    case '!=':
      return [[{ kind: 'string', variable, values: new Set([value]), negated: true }]];
    case '<':
    case '>':
      return FALSE;
    default:
      return undefined;
  }
}

function andAtoms(a: MarkerAtom, b: MarkerAtom): MarkerAtom | null | 'true' {
  if (a.kind === 'version' && b.kind === 'version') {
    const r = a.range.intersection(b.range);
    return r.isEmpty() ? null : { kind: 'version', variable: a.variable, range: r };
  }
  if (a.kind === 'string' && b.kind === 'string') return normString(a.variable, ...setAnd(a, b));
  return 'true';
}

function setAnd(a: { values: ReadonlySet<string>; negated: boolean }, b: { values: ReadonlySet<string>; negated: boolean }): [Set<string>, boolean] {
  if (!a.negated && !b.negated) return [new Set([...a.values].filter((x) => b.values.has(x))), false];
  if (a.negated && b.negated) return [new Set([...a.values, ...b.values]), true];
  const [pos, neg] = a.negated ? [b, a] : [a, b];
  return [new Set([...pos.values].filter((x) => !neg.values.has(x))), false];
}

function setOr(a: { values: ReadonlySet<string>; negated: boolean }, b: { values: ReadonlySet<string>; negated: boolean }): [Set<string>, boolean] {
  if (!a.negated && !b.negated) return [new Set([...a.values, ...b.values]), false];
  if (a.negated && b.negated) return [new Set([...a.values].filter((x) => b.values.has(x))), true];
  const [pos, neg] = a.negated ? [b, a] : [a, b];
  return [new Set([...neg.values].filter((x) => !pos.values.has(x))), true];
}

/** null = empty set, 'true' = every string. */
function normString(variable: MarkerVariableName, values: Set<string>, negated: boolean): MarkerAtom | null | 'true' {
  if (!negated && values.size === 0) return null;
  if (negated && values.size === 0) return 'true';
  return { kind: 'string', variable, values, negated };
}

function key(a: MarkerAtom): string {
  return a.kind === 'opaque' ? `~${a.text}` : a.variable;
}

/** Conjunction of two clauses; null when unsatisfiable. */
function andClauses(x: MarkerClause, y: MarkerClause): MarkerClause | null {
  const byKey = new Map<string, MarkerAtom>();
  for (const a of [...x, ...y]) {
    const k = key(a);
    const prev = byKey.get(k);
    if (!prev) {
      byKey.set(k, a);
      continue;
    }
    if (a.kind === 'opaque') continue;
    const r = andAtoms(prev, a);
    if (r === null) return null;
    if (r === 'true') byKey.delete(k);
    else byKey.set(k, r);
  }
  // python_version is major.minor of python_full_version in every real environment: a clause that
  // constrains both is unsatisfiable when the two constraints share no interpreter.
  const pv = byKey.get('python_version');
  const pfv = byKey.get('python_full_version');
  if (pv?.kind === 'version' && pfv?.kind === 'version') {
    const asFull = pythonVersionAsFull(pv.range);
    if (asFull !== undefined && asFull.isDisjoint(pfv.range)) return null;
  }
  // `"x" in v` and `"x" not in v` together are contradictory.
  for (const k of byKey.keys()) {
    if (k.startsWith('~') && k.includes(' in ') && !k.includes(' not in ') && byKey.has(k.replace(' in ', ' not in '))) return null;
  }
  return sortClause([...byKey.values()]);
}

function sortClause(c: MarkerAtom[]): MarkerClause {
  return c.sort((a, b) => {
    const oa = a.kind === 'opaque' ? 1000 : ORDER.get(a.variable) ?? 999;
    const ob = b.kind === 'opaque' ? 1000 : ORDER.get(b.variable) ?? 999;
    if (oa !== ob) return oa - ob;
    const ta = formatAtom(a);
    const tb = formatAtom(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

/** A two-part final version `a.b` (as `python_version` values are). */
function minorVersion(a: number, b: number): Version {
  return Version.fromParts({ release: [a, b] });
}

/**
 * The python_full_version values whose major.minor lies in `range` (a set of python_version values):
 * each interval maps to `[low.dev0, high.dev0)` over the `a.b` values it contains. Undefined for epochs.
 */
export function pythonVersionAsFull(range: VersionRange): VersionRange | undefined {
  const parts: VersionRange[] = [];
  for (const iv of range.intervals) {
    if (iv.lo.epoch !== 0 || (iv.hi !== null && iv.hi.epoch !== 0)) return undefined;
    let low = minorVersion(iv.lo.release[0] ?? 0, iv.lo.release[1] ?? 0);
    const c = compareVersions(low, iv.lo);
    if (c < 0 || (c === 0 && !iv.loInclusive)) low = minorVersion(low.release[0]!, low.release[1]! + 1);
    let high: Version | null = null;
    if (iv.hi !== null) {
      high = minorVersion(iv.hi.release[0] ?? 0, iv.hi.release[1] ?? 0);
      const d = compareVersions(high, iv.hi);
      if (d < 0 || (d === 0 && iv.hiInclusive)) high = minorVersion(high.release[0]!, high.release[1]! + 1);
      if (compareVersions(low, high) >= 0) continue;
    }
    const dev0 = (v: Version): Version => Version.fromParts({ release: v.release, dev: 0 });
    parts.push(VersionRange.between(dev0(low), true, high === null ? null : dev0(high), false));
  }
  return parts.reduce((acc, r) => acc.union(r), VersionRange.empty());
}

/** Whether clause `a` implies clause `b` (every atom of b is implied by a's atom on the same key). */
function implies(a: MarkerClause, b: MarkerClause): boolean {
  for (const y of b) {
    const x = a.find((z) => key(z) === key(y));
    if (!x) return false;
    if (x.kind === 'opaque' || y.kind === 'opaque') continue; // same key = same text
    if (x.kind === 'version' && y.kind === 'version') {
      if (!x.range.isSubsetOf(y.range)) return false;
    } else if (x.kind === 'string' && y.kind === 'string') {
      const [vals, neg] = setAnd(x, { values: y.values, negated: !y.negated });
      if (normString(x.variable, vals, neg) !== null) return false; // x and not y is satisfiable
    } else return false;
  }
  return true;
}

/** Merge two clauses that differ only in one variable's constraint (`a or b` on that variable). */
function mergeClauses(a: MarkerClause, b: MarkerClause): MarkerClause | undefined {
  if (a.length !== b.length) return undefined;
  let diff = -1;
  for (let i = 0; i < a.length; i++) {
    if (key(a[i]!) !== key(b[i]!)) return undefined;
    if (formatAtom(a[i]!) !== formatAtom(b[i]!)) {
      if (diff >= 0) return undefined;
      diff = i;
    }
  }
  if (diff < 0) return a;
  const x = a[diff]!;
  const y = b[diff]!;
  let merged: MarkerAtom | 'true';
  if (x.kind === 'version' && y.kind === 'version') {
    const r = x.range.union(y.range);
    merged = r.isFull() ? 'true' : { kind: 'version', variable: x.variable, range: r };
  } else if (x.kind === 'string' && y.kind === 'string') {
    const m = normString(x.variable, ...setOr(x, y));
    if (m === null) return undefined;
    merged = m;
  } else return undefined;
  const out = [...a];
  if (merged === 'true') out.splice(diff, 1);
  else out[diff] = merged;
  return out;
}

/** Simplify a DNF: drop implied clauses, merge neighbours, sort canonically. */
export function simplifyDnf(dnf: MarkerDnf): MarkerDnf {
  let clauses = [...dnf];
  if (clauses.some((c) => c.length === 0)) return TRUE;
  for (let round = 0; round < 64; round++) {
    let changed = false;
    // Merge pairs that differ in one variable (each merge removes a clause, so this terminates).
    for (let i = 0; i < clauses.length; i++) {
      for (let j = i + 1; j < clauses.length; j++) {
        const m = mergeClauses(clauses[i]!, clauses[j]!);
        if (!m) continue;
        if (m.length === 0) return TRUE;
        clauses[i] = m;
        clauses.splice(j, 1);
        j = i;
        changed = true;
      }
    }
    // Drop clauses implied by another.
    const kept: MarkerClause[] = [];
    for (let i = 0; i < clauses.length; i++) {
      const c = clauses[i]!;
      const redundant = clauses.some((d, j) => j !== i && implies(c, d) && (!implies(d, c) || j < i));
      if (redundant) changed = true;
      else kept.push(c);
    }
    clauses = kept;
    if (!changed) break;
  }
  return clauses.sort((a, b) => {
    const ta = formatClause(a);
    const tb = formatClause(b);
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  });
}

/** DNF of a marker tree; undefined when it would exceed {@link MAX_CLAUSES}. */
export function toDnf(tree: MarkerList | MarkerComparison): MarkerDnf | undefined {
  if (!Array.isArray(tree)) return atomOf(tree as MarkerComparison);
  const groups: MarkerDnf[] = [];
  let current: MarkerDnf = TRUE;
  for (const item of tree as MarkerList) {
    if (item === 'and') continue;
    if (item === 'or') {
      groups.push(current);
      current = TRUE;
      continue;
    }
    const d = toDnf(item as MarkerList | MarkerComparison);
    if (d === undefined) return undefined;
    const next = andDnf(current, d);
    if (next === undefined) return undefined;
    current = next;
  }
  groups.push(current);
  const all = groups.flat();
  if (all.length > MAX_CLAUSES) return undefined;
  return simplifyDnf(all);
}

/** Conjunction of two DNFs (distribution), simplified. */
export function andDnf(a: MarkerDnf, b: MarkerDnf): MarkerDnf | undefined {
  if (a.length * b.length > MAX_CLAUSES) return undefined;
  const out: MarkerClause[] = [];
  for (const x of a) {
    for (const y of b) {
      const c = andClauses(x, y);
      if (c) out.push(c);
    }
  }
  return simplifyDnf(out);
}

/** Disjunction of two DNFs, simplified. */
export function orDnf(a: MarkerDnf, b: MarkerDnf): MarkerDnf {
  return simplifyDnf([...a, ...b]);
}

function quoteValue(v: string): string {
  return `"${v}"`;
}

function formatVersionAtom(variable: string, range: VersionRange): string {
  const groups = range.toString().split(' | ').map((g) =>
    g.split(', ').map((clause) => {
      const m = /^(===|==|!=|<=|>=|<|>)(.*)$/.exec(clause);
      return m ? `${variable} ${m[1]} ${quoteValue(m[2]!)}` : `${variable} == ${quoteValue(clause)}`;
    }).join(' and '),
  );
  if (groups.length === 1) return groups[0]!;
  return `(${groups.map((g) => (g.includes(' and ') ? `(${g})` : g)).join(' or ')})`;
}

/** Print one atom as marker text. */
export function formatAtom(a: MarkerAtom): string {
  if (a.kind === 'opaque') return a.text;
  if (a.kind === 'version') return formatVersionAtom(a.variable, a.range);
  const vals = [...a.values].sort();
  const parts = vals.map((v) => `${a.variable} ${a.negated ? '!=' : '=='} ${quoteValue(v)}`);
  if (parts.length === 1) return parts[0]!;
  return a.negated ? parts.join(' and ') : `(${parts.join(' or ')})`;
}

/** Print one clause (`and` of atoms). */
export function formatClause(c: MarkerClause): string {
  return c.map(formatAtom).join(' and ');
}

/** Print a DNF canonically; `''` for true is the caller's business (there is no "true" marker text). */
export function formatDnf(d: MarkerDnf): string {
  return d.map(formatClause).join(' or ');
}
