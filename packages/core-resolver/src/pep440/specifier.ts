// One PEP 440 version specifier (`>=1.0`, `==1.4.*`, `~=2.2`, `===foo`): parsing with packaging's
// grammar, its exact version set as a VersionRange, and packaging's `contains`/`filter` rules.
import { InvalidSpecifier } from './errors';
import { isPyWhitespace, scanFailure, scanVersion } from './scan-version';
import { Version, compareVersions } from './version';
import { MIN_VERSION, VersionRange, afterLocals, afterPosts } from './version-range';

/** A specifier operator. */
export type SpecifierOperator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

/** Options of `contains` / `filter`: `prereleases` overrides the pre-release rule (see README). */
export interface PrereleaseOptions {
  prereleases?: boolean;
}

/** Options of `filter` on arbitrary items. */
export interface FilterOptions<T> extends PrereleaseOptions {
  key?: (item: T) => Version | string;
}

function trimPy(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isPyWhitespace(s.charCodeAt(i))) i++;
  while (j > i && isPyWhitespace(s.charCodeAt(j - 1))) j--;
  return i === 0 && j === s.length ? s : s.slice(i, j);
}

/** Coerce an item to a version (packaging's `_coerce_version`). */
export function coerceVersion(item: Version | string): Version | undefined {
  return typeof item === 'string' ? Version.tryParse(item) : item;
}

const PREFIX_RE = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/;

/** packaging's `_version_split`: epoch then dot items, splitting `1rc1` into `1`, `rc1`. */
function versionSplit(version: string): string[] {
  const bang = version.lastIndexOf('!');
  const epoch = bang >= 0 ? version.slice(0, bang) : '';
  const rest = bang >= 0 ? version.slice(bang + 1) : version;
  const out = [epoch || '0'];
  for (const item of rest.split('.')) {
    const m = PREFIX_RE.exec(item);
    if (m) out.push(m[1]!, m[2]!);
    else out.push(item);
  }
  return out;
}

const isDigits = (s: string): boolean => /^[0-9]+$/.test(s);
const isNotSuffix = (seg: string): boolean => !['dev', 'a', 'b', 'rc', 'post'].some((p) => seg.startsWith(p));

function numericPrefixLen(split: readonly string[]): number {
  let n = 0;
  for (const s of split) {
    if (!isDigits(s)) break;
    n++;
  }
  return n;
}

/** packaging's string-based prefix match for `==X.*` (used only where no exact range exists). */
function wildcardMatch(prospective: Version, prefix: string): boolean {
  const canon = Version.tryParse(prefix)?.toString() ?? prefix;
  const splitSpec = versionSplit(canon);
  const specNumLen = numericPrefixLen(splitSpec);
  let split = versionSplit(prospective.public.toString());
  const numLen = numericPrefixLen(split);
  if (specNumLen > numLen) {
    split = [...split.slice(0, numLen), ...Array<string>(specNumLen - numLen).fill('0'), ...split.slice(numLen)];
  }
  if (split.length < splitSpec.length) return false;
  for (let i = 0; i < splitSpec.length; i++) if (split[i] !== splitSpec[i]) return false;
  return true;
}

/** `[base.dev0, nextPrefix.dev0)` for the release prefix `release` (all of `==release.*`). */
function prefixRange(epoch: number, release: readonly number[]): VersionRange {
  const lo = Version._make(epoch, release, null, null, 0, null);
  const next = [...release];
  next[next.length - 1]! += 1;
  const hi = Version._make(epoch, next, null, null, 0, null);
  return VersionRange.between(lo, true, hi, false);
}

/**
 * One version specifier clause.
 *
 * @example
 * ```ts
 * const s = Specifier.parse('~=2.2');
 * s.contains('2.5'); // true
 * s.toRange().toString(); // '>=2.2, <3'
 * ```
 */
export class Specifier {
  readonly operator: SpecifierOperator;
  /** The version text as written (`1.0.*`, `v1.0`, or anything for `===`). */
  readonly version: string;
  /** Explicit pre-release override given at parse time. */
  readonly prereleaseOverride: boolean | undefined;
  /** The parsed version (undefined only for a `===` text that is not a version). */
  readonly parsedVersion: Version | undefined;
  readonly wildcard: boolean;
  private _range: VersionRange | undefined;
  /** When the set is not a pure version set (`===`, odd `~=` spellings), match literally. */
  private readonly literalPrefix: string | undefined;

  private constructor(op: SpecifierOperator, version: string, parsed: Version | undefined, wildcard: boolean, prereleases: boolean | undefined) {
    this.operator = op;
    this.version = version;
    this.parsedVersion = parsed;
    this.wildcard = wildcard;
    this.prereleaseOverride = prereleases;
    if (op === '~=') {
      const items = versionSplit(version);
      const kept: string[] = [];
      for (const it of items) {
        if (!isNotSuffix(it)) break;
        kept.push(it);
      }
      kept.pop();
      const prefix = `${kept[0]}!${kept.slice(1).join('.')}`;
      const canon = versionSplit(Version.tryParse(prefix)?.toString() ?? prefix);
      const sameAsRelease =
        canon.every(isDigits) && parsed !== undefined && canon.length - 1 === parsed.release.length - 1 &&
        Number(canon[0]) === parsed.epoch && canon.slice(1).every((x, i) => Number(x) === parsed.release[i]);
      if (!sameAsRelease) this.literalPrefix = prefix;
    }
  }

  /**
   * Parse one clause (packaging's `Specifier` grammar). Throws {@link InvalidSpecifier}.
   * @example Specifier.parse('>= 1.0').operator // '>='
   */
  static parse(text: string, options: PrereleaseOptions = {}): Specifier {
    const s = trimPy(text);
    let op: SpecifierOperator;
    if (s.startsWith('===')) op = '===';
    else if (s.startsWith('~=') || s.startsWith('==') || s.startsWith('!=') || s.startsWith('<=') || s.startsWith('>=')) op = s.slice(0, 2) as SpecifierOperator;
    else if (s.startsWith('<') || s.startsWith('>')) op = s[0] as SpecifierOperator;
    else throw new InvalidSpecifier(text, 'expected an operator (~=, ==, !=, <=, >=, <, >, ===)');
    const version = trimPy(s.slice(op.length));
    if (op === '===') {
      for (let i = 0; i < version.length; i++) {
        const c = version.charCodeAt(i);
        if (c === 59 || c === 41 || isPyWhitespace(c)) throw new InvalidSpecifier(text, `unexpected '${version[i]}' in arbitrary version`);
      }
      return new Specifier(op, version, Version.tryParse(version), false, options.prereleases);
    }
    const eq = op === '==' || op === '!=';
    const scanned = scanVersion(version, 0, version.length, { wildcard: eq, local: eq, minRelease: op === '~=' ? 2 : 1 });
    if (scanned === null) {
      if (!eq && version.includes('+')) throw new InvalidSpecifier(text, `local versions are only allowed with == and !=`);
      if (!eq && version.endsWith('.*')) throw new InvalidSpecifier(text, `.* is only allowed with == and !=`);
      throw new InvalidSpecifier(text, `invalid version '${version}' (${scanFailure.reason})`);
    }
    const parsed = Version.fromParts({ epoch: scanned.epoch, release: scanned.release, pre: scanned.pre, post: scanned.post, dev: scanned.dev, local: scanned.local });
    return new Specifier(op, version, parsed, scanned.wildcard, options.prereleases);
  }

  /** packaging's `Specifier.prereleases`: the override, else whether the clause names a pre-release. */
  get prereleases(): boolean | undefined {
    if (this.prereleaseOverride !== undefined) return this.prereleaseOverride;
    if (this.operator === '!=') return false;
    if (this.operator === '==' && this.wildcard) return false;
    return this.parsedVersion?.isPrerelease;
  }

  /**
   * The exact set of versions this clause matches when pre-releases are allowed, as a range.
   * `===` maps to the singleton of its version (string identity is not a version set; see README).
   */
  toRange(): VersionRange {
    if (this._range === undefined) this._range = this.computeRange();
    return this._range;
  }

  private computeRange(): VersionRange {
    const v = this.parsedVersion;
    if (v === undefined) return VersionRange.empty();
    switch (this.operator) {
      case '===':
        return VersionRange.singleton(v);
      case '>=':
        return VersionRange.between(v, true, null, false);
      case '<=':
        return VersionRange.between(MIN_VERSION, true, afterLocals(v), true);
      case '>':
        if (v.dev !== null || v.post !== null) return VersionRange.between(afterLocals(v), false, null, false);
        return VersionRange.between(afterPosts(v), false, null, false);
      case '<': {
        const bound = v.isPrerelease ? v : Version._make(v.epoch, v.release, v.pre, v.post, 0, null);
        return VersionRange.between(MIN_VERSION, true, bound, false);
      }
      case '==':
      case '!=': {
        let r: VersionRange;
        if (this.wildcard) r = prefixRange(v.epoch, v.release);
        else if (v.local !== null) r = VersionRange.singleton(v);
        else r = VersionRange.between(v, true, afterLocals(v), true);
        return this.operator === '==' ? r : r.complement();
      }
      case '~=': {
        const prefix = prefixRange(v.epoch, v.release.slice(0, -1));
        return prefix.intersection(VersionRange.between(v, true, null, false));
      }
    }
  }

  /** Whether the range is exactly this clause's set (false for `===` and odd `~=` spellings). */
  get isExactRange(): boolean {
    return this.operator !== '===' && this.literalPrefix === undefined;
  }

  /** The operator test alone, ignoring pre-release policy (packaging's `_compare_*`). */
  matches(item: Version | string): boolean {
    if (this.operator === '===') {
      const s = typeof item === 'string' ? item : item.toString();
      return s.toLowerCase() === this.version.toLowerCase();
    }
    const v = coerceVersion(item);
    if (v === undefined) return false;
    if (this.literalPrefix !== undefined) {
      return compareVersions(v.public, this.parsedVersion!) >= 0 && wildcardMatch(v, this.literalPrefix);
    }
    return this.toRange().contains(v);
  }

  /**
   * packaging's `Specifier.contains`: by default a pre-release matches only if the clause names one,
   * or when nothing else is being considered (a lone candidate).
   * @example Specifier.parse('>=1.0').contains('2.0a1', { prereleases: false }) // false
   */
  contains(item: Version | string, options: PrereleaseOptions = {}): boolean {
    return this.filter([item], options).length > 0;
  }

  /** packaging's `Specifier.filter`. */
  filter<T extends Version | string>(items: Iterable<T>, options?: PrereleaseOptions): T[];
  filter<T>(items: Iterable<T>, options: FilterOptions<T> & { key: (item: T) => Version | string }): T[];
  filter<T>(items: Iterable<T>, options: FilterOptions<T> = {}): T[] {
    const key = options.key ?? ((x: T) => x as unknown as Version | string);
    const prereleases = options.prereleases;
    const include = prereleases ?? this.prereleases ?? false;
    const out: T[] = [];
    const held: T[] = [];
    let found = false;
    for (const item of items) {
      const k = key(item);
      const parsed = coerceVersion(k);
      let match = false;
      if (parsed === undefined) {
        if (this.operator === '===' && this.matches(k)) out.push(item);
      } else {
        match = this.matches(this.operator === '===' ? k : parsed);
      }
      if (match && parsed !== undefined) {
        if (!parsed.isPrerelease || include) {
          found = true;
          out.push(item);
        } else if (prereleases === undefined && this.prereleaseOverride !== false) held.push(item);
      }
    }
    if (!found && prereleases === undefined && this.prereleaseOverride !== false) out.push(...held);
    return out;
  }

  /**
   * packaging's equality key: operator and the version with trailing release zeros stripped (kept for
   * `~=`); `===` and wildcards compare as written. `>=1.0` and `>= 1.0.0` share a key.
   */
  get canonicalKey(): string {
    const v = this.parsedVersion;
    if (this.operator === '===' || this.wildcard || v === undefined) return `${this.operator}${this.version}`;
    if (this.operator === '~=') return `${this.operator}${v.toString()}`;
    let n = v.release.length;
    while (n > 1 && v.release[n - 1] === 0) n--;
    const trimmed = n === v.release.length ? v : Version._make(v.epoch, v.release.slice(0, n), v.pre, v.post, v.dev, v.local);
    return `${this.operator}${trimmed.toString()}`;
  }

  /** The clause as written, e.g. `>=1.0` (operator and version, no inner space). */
  toString(): string {
    return `${this.operator}${this.version}`;
  }
}
