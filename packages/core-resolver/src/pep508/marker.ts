// PEP 508 environment markers: parse, print (as packaging does), evaluate against an environment with
// packaging's exact rules (PEP 440 comparisons for version variables, string fallback otherwise).
import { Specifier } from '../pep440/specifier';
import { InvalidMarker, UndefinedComparison, UndefinedEnvironmentName } from './errors';
import { formatMarkerList, type MarkerComparison, type MarkerList, type MarkerVariableName } from './marker-ast';
import { andDnf, formatDnf, toDnf, type MarkerDnf } from './marker-algebra';
import { SyntaxProblem, parseFullMarker } from './marker-parser';
import { normalizeName } from './name';

/**
 * The values markers are evaluated against (PEP 508 names). `extra` is the extra being evaluated
 * (absent or `''` for none); `extras` / `dependency_groups` are the sets of lock-file markers.
 */
export interface MarkerEnvironment {
  implementation_name: string;
  implementation_version: string;
  os_name: string;
  platform_machine: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  python_full_version: string;
  platform_python_implementation: string;
  python_version: string;
  sys_platform: string;
  extra?: string;
  extras?: ReadonlySet<string> | readonly string[];
  dependency_groups?: ReadonlySet<string> | readonly string[];
}

const VERSION_KEYS = new Set<string>(['implementation_version', 'platform_release', 'python_full_version', 'python_version']);
const SET_KEYS = new Set<string>(['extras', 'dependency_groups']);

type EnvValue = string | ReadonlySet<string>;

const specCache = new Map<string, Specifier | null>();

function versionSpec(op: string, rhs: string): Specifier | null {
  const key = `${op}${rhs}`;
  let s = specCache.get(key);
  if (s === undefined) {
    try {
      s = Specifier.parse(key);
    } catch {
      s = null;
    }
    if (specCache.size > 10000) specCache.clear();
    specCache.set(key, s);
  }
  return s;
}

function evalOp(lhs: string, op: string, rhs: EnvValue, key: string, source: string): boolean {
  if (VERSION_KEYS.has(key) && typeof rhs === 'string') {
    const spec = versionSpec(op, rhs);
    if (spec !== null) return spec.contains(lhs, { prereleases: true });
  }
  switch (op) {
    case 'in':
      return typeof rhs === 'string' ? rhs.includes(lhs) : rhs.has(lhs);
    case 'not in':
      return typeof rhs === 'string' ? !rhs.includes(lhs) : !rhs.has(lhs);
    case '<':
    case '>':
      return false;
    case '<=':
    case '==':
    case '>=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    default:
      throw new UndefinedComparison(`undefined ${op} on '${lhs}' and '${typeof rhs === 'string' ? rhs : [...rhs].join(',')}'`, source);
  }
}

function lookup(env: Record<string, EnvValue>, name: string, source: string): EnvValue {
  const v = env[name];
  if (v === undefined) throw new UndefinedEnvironmentName(name, source);
  return v;
}

function evaluateList(list: MarkerList, env: Record<string, EnvValue>, source: string): boolean {
  // `and` binds tighter than `or`: any(all(group) for group in groups). Every comparison is evaluated
  // (no short-circuit), so an undefined comparison raises exactly when packaging's would.
  let groupOk = true;
  let any = false;
  for (const m of list) {
    if (m === 'or') {
      if (groupOk) any = true;
      groupOk = true;
    } else if (m !== 'and') {
      const r = Array.isArray(m) ? evaluateList(m as MarkerList, env, source) : evaluateItem(m as MarkerComparison, env, source);
      groupOk = groupOk && r;
    }
  }
  return any || groupOk;
}

function evaluateItem(c: MarkerComparison, env: Record<string, EnvValue>, source: string): boolean {
  let key: MarkerVariableName;
  let lhs: EnvValue;
  let rhs: EnvValue;
  if (c.lhs.kind === 'variable') {
    key = c.lhs.name;
    lhs = lookup(env, key, source);
    rhs = c.rhs.kind === 'value' ? c.rhs.value : c.rhs.name;
  } else {
    if (c.rhs.kind === 'value') throw new UndefinedEnvironmentName(c.rhs.value, source);
    lhs = c.lhs.value;
    key = c.rhs.name;
    rhs = lookup(env, key, source);
  }
  if (typeof lhs !== 'string') throw new UndefinedComparison(`the left side of '${c.op}' must be a string`, source);
  if (SET_KEYS.has(key)) {
    lhs = normalizeName(lhs);
    rhs = typeof rhs === 'string' ? normalizeName(rhs) : new Set([...rhs].map((x) => normalizeName(x)));
  }
  return evalOp(lhs, c.op, rhs, key, source);
}

/** Build the lookup table packaging evaluates against (extra normalized, `python_full_version` repaired). */
function toEnvTable(env: MarkerEnvironment): Record<string, EnvValue> {
  const table: Record<string, EnvValue> = { ...(env as unknown as Record<string, string>) };
  table.extra = env.extra ? normalizeName(env.extra) : '';
  const asSet = (x: ReadonlySet<string> | readonly string[] | undefined): ReadonlySet<string> =>
    x === undefined ? new Set() : x instanceof Set ? x : new Set(x as readonly string[]);
  table.extras = asSet(env.extras);
  table.dependency_groups = asSet(env.dependency_groups);
  if (typeof table.python_full_version === 'string' && table.python_full_version.endsWith('+')) {
    table.python_full_version = `${table.python_full_version}local`;
  }
  return table;
}

/** Result of {@link Marker.normalize}: a marker can simplify to "always" or "never". */
export type NormalizedMarker =
  | { readonly kind: 'always' }
  | { readonly kind: 'never' }
  | { readonly kind: 'marker'; readonly marker: Marker }
  /** Too large to normalize (more than 512 DNF clauses): the marker, unchanged. */
  | { readonly kind: 'unsimplified'; readonly marker: Marker };

/**
 * A PEP 508 environment marker.
 *
 * @example
 * ```ts
 * const m = Marker.parse("python_version >= '3.8' and sys_platform == 'win32'");
 * m.toString(); // 'python_version >= "3.8" and sys_platform == "win32"'
 * m.evaluate(targetEnvironment({ python: '3.12', os: 'windows' }).markers); // true
 * ```
 */
export class Marker {
  /** The syntax tree, as packaging keeps it. */
  readonly tree: MarkerList;
  private _str: string | undefined;
  private _dnf: MarkerDnf | undefined | null = null;

  private constructor(tree: MarkerList) {
    this.tree = tree;
  }

  /** Parse a marker expression. Throws {@link InvalidMarker} naming the text and position. */
  static parse(text: string): Marker {
    try {
      return new Marker(parseFullMarker(text));
    } catch (e) {
      if (e instanceof SyntaxProblem) throw new InvalidMarker(e.message, text, e.span);
      throw e;
    }
  }

  /** @internal Wrap an already-parsed tree. */
  static fromTree(tree: MarkerList): Marker {
    return new Marker(tree);
  }

  /** `(this) and (other)`, as packaging's `Marker.__and__`. */
  and(other: Marker): Marker {
    return new Marker([this.tree, 'and', other.tree]);
  }

  /** `(this) or (other)`, as packaging's `Marker.__or__`. */
  or(other: Marker): Marker {
    return new Marker([this.tree, 'or', other.tree]);
  }

  /**
   * Evaluate against an environment (packaging's "metadata" context: `extra` defaults to `''`).
   * Throws `UndefinedComparison` for `~=`/`===` between non-versions, as packaging does.
   */
  evaluate(env: MarkerEnvironment): boolean {
    return evaluateList(this.tree, toEnvTable(env), this.toString());
  }

  /** @internal The simplified DNF (undefined when too large). */
  dnf(): MarkerDnf | undefined {
    if (this._dnf === null) this._dnf = toDnf(this.tree);
    return this._dnf;
  }

  /**
   * Simplify to a canonical disjunctive normal form: per-variable version ranges and string sets,
   * implied clauses dropped, neighbours merged, printed in a fixed order. Equivalent markers with the
   * same atoms print the same text. See the README for what is modelled.
   * @example Marker.parse('os_name == "nt" or (os_name == "nt" and python_version >= "3.8")').normalize() // marker: os_name == "nt"
   */
  normalize(): NormalizedMarker {
    const d = this.dnf();
    if (d === undefined) return { kind: 'unsimplified', marker: this };
    if (d.length === 0) return { kind: 'never' };
    if (d.some((c) => c.length === 0)) return { kind: 'always' };
    const text = formatDnf(d);
    try {
      return { kind: 'marker', marker: Marker.parse(text) };
    } catch {
      return { kind: 'unsimplified', marker: this };
    }
  }

  /** No environment satisfies it (e.g. `os_name == "nt" and os_name == "posix"`). Sound, not complete. */
  isAlwaysFalse(): boolean {
    const d = this.dnf();
    return d !== undefined && d.length === 0;
  }

  /** Every environment satisfies it (e.g. `python_version >= "3" or python_version < "3"`). */
  isAlwaysTrue(): boolean {
    const d = this.dnf();
    return d !== undefined && d.some((c) => c.length === 0);
  }

  /** No environment satisfies both markers. */
  isDisjoint(other: Marker): boolean {
    return Marker.isDisjoint(this, other);
  }

  /**
   * Whether no environment satisfies both `a` and `b` (for splitting cross-platform locks).
   * @example Marker.isDisjoint(Marker.parse('sys_platform == "win32"'), Marker.parse('sys_platform == "linux"')) // true
   */
  static isDisjoint(a: Marker, b: Marker): boolean {
    const x = a.dnf();
    const y = b.dnf();
    if (x === undefined || y === undefined) return false;
    const both = andDnf(x, y);
    return both !== undefined && both.length === 0;
  }

  /** The marker as packaging prints it: values double-quoted, redundant outer parentheses dropped. */
  toString(): string {
    if (this._str === undefined) this._str = formatMarkerList(this.tree);
    return this._str;
  }

  toJSON(): string {
    return this.toString();
  }
}
