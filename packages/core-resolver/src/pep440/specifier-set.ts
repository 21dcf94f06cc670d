// A comma-separated set of specifiers (`>=1.0,<2.0`): packaging's `SpecifierSet` parsing, `contains` and
// `filter` (including its pre-release rules), and conversion to one VersionRange.
import { InvalidSpecifier } from './errors';
import { Specifier, coerceVersion, type FilterOptions, type PrereleaseOptions } from './specifier';
import { Version } from './version';
import { VersionRange } from './version-range';

/** Options of {@link SpecifierSet.parse}. */
export interface SpecifierSetParseOptions extends PrereleaseOptions {
  /** Accept empty clauses (`>=1.0,` or `, ,`) as packaging does. Default false: they are an error. */
  lenient?: boolean;
}

/** Options of {@link SpecifierSet.contains}. */
export interface ContainsOptions extends PrereleaseOptions {
  /** packaging's `installed=True`: an installed pre-release always counts. */
  installed?: boolean;
}

/** packaging's `_pep440_filter_prereleases`: finals if any, else everything. */
function filterPrereleases<T>(items: Iterable<T>, key: (t: T) => Version | string): T[] {
  const nonFinal: T[] = [];
  const arbitrary: T[] = [];
  const out: T[] = [];
  let foundFinal = false;
  for (const item of items) {
    const parsed = coerceVersion(key(item));
    if (parsed === undefined) {
      if (foundFinal) out.push(item);
      else {
        arbitrary.push(item);
        nonFinal.push(item);
      }
      continue;
    }
    if (!parsed.isPrerelease) {
      if (!foundFinal) {
        out.push(...arbitrary);
        foundFinal = true;
      }
      out.push(item);
      continue;
    }
    if (!foundFinal) nonFinal.push(item);
  }
  return foundFinal ? out : nonFinal;
}

/**
 * A set of specifier clauses, all of which must match.
 *
 * @example
 * ```ts
 * const set = SpecifierSet.parse('>=1.0, <2.0');
 * set.contains('1.5'); // true
 * set.filter(['0.9', '1.0', '1.9b1', '2.0']); // ['1.0']
 * VersionRange.fromSpecifierSet(set).toString(); // '>=1.0, <2.0'
 * ```
 */
export class SpecifierSet {
  readonly specifiers: readonly Specifier[];
  readonly prereleaseOverride: boolean | undefined;
  private readonly hasArbitrary: boolean;
  /** Every clause's range is exactly its set (no `===`, no odd `~=` spelling). */
  private readonly exact: boolean;
  private _range: VersionRange | undefined;

  private constructor(specs: readonly Specifier[], prereleases: boolean | undefined, hasArbitrary: boolean) {
    this.specifiers = specs;
    this.prereleaseOverride = prereleases;
    this.hasArbitrary = hasArbitrary;
    this.exact = !hasArbitrary && specs.every((s) => s.isExactRange);
  }

  /**
   * Parse `>=1.0, <2.0` (empty text = no constraint). Throws {@link InvalidSpecifier}.
   * @example SpecifierSet.parse('>=1.0,', { lenient: true }).toString() // '>=1.0'
   */
  static parse(text: string, options: SpecifierSetParseOptions = {}): SpecifierSet {
    const parts = text.split(',');
    const specs: Specifier[] = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (p.trim() === '') {
        if (options.lenient || parts.length === 1) continue;
        throw new InvalidSpecifier(text, i === parts.length - 1 ? 'trailing comma' : 'empty clause between commas');
      }
      try {
        specs.push(Specifier.parse(p));
      } catch (e) {
        throw new InvalidSpecifier(text, (e as Error).message, undefined);
      }
    }
    return new SpecifierSet(specs, options.prereleases, text.includes('==='));
  }

  /** A set from clauses. */
  static of(specs: readonly Specifier[], options: PrereleaseOptions = {}): SpecifierSet {
    return new SpecifierSet([...specs], options.prereleases, specs.some((s) => s.operator === '==='));
  }

  /** No clauses: every version. */
  get isEmpty(): boolean {
    return this.specifiers.length === 0;
  }

  get length(): number {
    return this.specifiers.length;
  }

  [Symbol.iterator](): Iterator<Specifier> {
    return this.specifiers[Symbol.iterator]();
  }

  /** packaging's `SpecifierSet.prereleases`. */
  get prereleases(): boolean | undefined {
    if (this.prereleaseOverride !== undefined) return this.prereleaseOverride;
    if (this.specifiers.length === 0) return undefined;
    return this.specifiers.some((s) => s.prereleases === true) ? true : undefined;
  }

  /** Both sets' clauses. */
  and(other: SpecifierSet): SpecifierSet {
    const a = this.prereleaseOverride;
    const b = other.prereleaseOverride;
    if (a !== undefined && b !== undefined && a !== b) {
      throw new InvalidSpecifier(`${this.toString()} & ${other.toString()}`, 'cannot combine opposite pre-release overrides');
    }
    return new SpecifierSet([...this.specifiers, ...other.specifiers], b ?? a, this.hasArbitrary || other.hasArbitrary);
  }

  /**
   * packaging's `SpecifierSet.contains`. By default a lone pre-release candidate matches when it is in
   * range (packaging >= 25 semantics); pass `{ prereleases: false }` to exclude pre-releases outright.
   * @example SpecifierSet.parse('<2.0').contains('2.0a1', { prereleases: true }) // false
   */
  contains(item: Version | string, options: ContainsOptions = {}): boolean {
    const version = coerceVersion(item);
    let prereleases = options.prereleases;
    if (version !== undefined && options.installed && version.isPrerelease) prereleases = true;
    if (version !== undefined && this.exact) {
      // Fast path (same answer as the filter below): one candidate, every clause an exact range.
      let p = prereleases;
      if (p === undefined) p = this.prereleases;
      if (p === false && version.isPrerelease) return false;
      return this.specifiers.length === 0 || this.toRange().contains(version);
    }
    const check = version === undefined || (this.hasArbitrary && typeof item === 'string') ? item : version;
    return this.filter([check], { prereleases }).length > 0;
  }

  /** packaging's `SpecifierSet.filter`: matching items, pre-releases only if allowed or if nothing else matches. */
  filter<T extends Version | string>(items: Iterable<T>, options?: PrereleaseOptions): T[];
  filter<T>(items: Iterable<T>, options: FilterOptions<T> & { key: (item: T) => Version | string }): T[];
  filter<T>(items: Iterable<T>, options: FilterOptions<T> = {}): T[] {
    const key = options.key ?? ((x: T) => x as unknown as Version | string);
    let prereleases = options.prereleases;
    if (prereleases === undefined && this.prereleases !== undefined) prereleases = this.prereleases;
    if (this.specifiers.length > 0) {
      const pass = prereleases ?? true;
      let filtered: T[];
      if (this.specifiers.length === 1) filtered = this.specifiers[0]!.filter(items, { prereleases: pass, key });
      else filtered = this.filterAll(items, key, pass);
      return prereleases !== undefined ? filtered : filterPrereleases(filtered, key);
    }
    if (prereleases === true) return [...items];
    if (prereleases === false) {
      return [...items].filter((item) => {
        const v = coerceVersion(key(item));
        return v === undefined || !v.isPrerelease;
      });
    }
    return filterPrereleases(items, key);
  }

  private filterAll<T>(items: Iterable<T>, key: (t: T) => Version | string, prereleases: boolean): T[] {
    const out: T[] = [];
    const specs = this.specifiers;
    for (const item of items) {
      const k = key(item);
      const parsed = coerceVersion(k);
      if (parsed === undefined) {
        if (specs.every((s) => s.operator === '===' && s.matches(k))) out.push(item);
      } else if (!prereleases && parsed.isPrerelease) {
        continue;
      } else if (specs.every((s) => s.matches(s.operator === '===' ? k : parsed))) out.push(item);
    }
    return out;
  }

  /** The versions every clause matches (pre-releases included), as one canonical range. */
  toRange(): VersionRange {
    if (this._range === undefined) {
      let r = VersionRange.full();
      for (const s of this.specifiers) r = r.intersection(s.toRange());
      this._range = r;
    }
    return this._range;
  }

  /** packaging's `str()`: clauses sorted by text, de-duplicated by meaning (first kept), joined by `,`. */
  toString(): string {
    const keys = new Set<string>();
    const out: string[] = [];
    for (const s of [...this.specifiers].sort((a, b) => pyStrCompare(a.toString(), b.toString()))) {
      const k = s.canonicalKey;
      if (keys.has(k)) continue;
      keys.add(k);
      out.push(s.toString());
    }
    return out.join(',');
  }
}

/** Python's str ordering (by code point). */
function pyStrCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
