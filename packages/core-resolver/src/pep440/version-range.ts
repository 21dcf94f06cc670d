// VersionRange: a set of PEP 440 versions as a canonical, sorted list of disjoint intervals, with
// the boolean algebra PubGrub needs. Canonical form makes `equals` structural (uv's pubgrub ranges).
import type { VersionSet, VersionSetKind } from '../pubgrub/version-set';
import { Sentinel, Version, compareVersions } from './version';

/** One interval. `hi === null` means unbounded above; the lowest version is `0.dev0` (inclusive). */
export interface Interval {
  readonly lo: Version;
  readonly loInclusive: boolean;
  readonly hi: Version | null;
  readonly hiInclusive: boolean;
}

/** The smallest PEP 440 version: `0.dev0`. Every range starts at or above it. */
export const MIN_VERSION: Version = Version._make(0, [0], null, null, 0, null);

/** The version right after `v` and all its local labels (public `v` only); see README "Range bounds". */
export function successor(v: Version): Version {
  if (v.dev !== null) return Version._make(v.epoch, v.release, v.pre, v.post, v.dev + 1, null);
  return Version._make(v.epoch, v.release, v.pre, v.post === null ? 0 : v.post + 1, 0, null);
}

/** `v+<max>`: above every local label of the public version `v`. */
export function afterLocals(v: Version): Version {
  return Version._make(v.epoch, v.release, v.pre, v.post, v.dev, null, Sentinel.MaxLocal);
}

/** Above every post-release of `v` (which has no post or dev part): `v.post*`. */
export function afterPosts(v: Version): Version {
  return Version._make(v.epoch, v.release, v.pre, Infinity, null, null);
}

// Bounds at sentinels (which are not versions) are normalized so that one set has one spelling:
// `(.., v+<max>]` == `(.., succ(v))` and `(v.post*, ..)` of a pre-release == `[next pre.dev0, ..)`.
function normLo(v: Version, inclusive: boolean): [Version, boolean] {
  if (v._sentinel === Sentinel.MaxLocal) return [successor(v), true];
  if (v.post === Infinity) {
    if (v.pre !== null) return [Version._make(v.epoch, v.release, [v.pre[0], v.pre[1] + 1], null, 0, null), true];
    return [v, false];
  }
  return [v, inclusive];
}

function normHi(v: Version, inclusive: boolean): [Version, boolean] {
  if (v._sentinel === Sentinel.MaxLocal) return [successor(v), false];
  if (v.post === Infinity) {
    if (v.pre !== null) return [Version._make(v.epoch, v.release, [v.pre[0], v.pre[1] + 1], null, 0, null), false];
    return [v, false];
  }
  return [v, inclusive];
}

function interval(lo: Version, loInc: boolean, hi: Version | null, hiInc: boolean): Interval {
  const [l, li] = normLo(lo, loInc);
  if (hi === null) return { lo: l, loInclusive: li, hi: null, hiInclusive: false };
  const [h, hinc] = normHi(hi, hiInc);
  return { lo: l, loInclusive: li, hi: h, hiInclusive: hinc };
}

function isEmptyInterval(iv: Interval): boolean {
  if (iv.hi === null) return false;
  const c = compareVersions(iv.lo, iv.hi);
  return c > 0 || (c === 0 && !(iv.loInclusive && iv.hiInclusive));
}

/** Lower bounds: smaller version first; at a tie, inclusive starts earlier. */
function cmpLo(a: Interval, b: Interval): number {
  const c = compareVersions(a.lo, b.lo);
  if (c !== 0) return c;
  return a.loInclusive === b.loInclusive ? 0 : a.loInclusive ? -1 : 1;
}

/** Upper bounds: null is +infinity; at a tie, exclusive ends earlier. */
function cmpHi(a: Interval, b: Interval): number {
  if (a.hi === null || b.hi === null) return a.hi === b.hi ? 0 : a.hi === null ? 1 : -1;
  const c = compareVersions(a.hi, b.hi);
  if (c !== 0) return c;
  return a.hiInclusive === b.hiInclusive ? 0 : a.hiInclusive ? 1 : -1;
}

/** Whether `b` (starting at or after `a`) overlaps or touches `a`. */
function touches(a: Interval, b: Interval): boolean {
  if (a.hi === null) return true;
  const c = compareVersions(b.lo, a.hi);
  // Sentinels are not versions: two intervals meeting at one leave no gap.
  return c < 0 || (c === 0 && (a.hiInclusive || b.loInclusive || a.hi.post === Infinity));
}

/**
 * A set of versions: canonical sorted disjoint intervals. Immutable. This is the version-set type the
 * PubGrub solver works with. Pre-release *policy* is not part of a range: `>=1.0` contains `2.0a1`.
 *
 * @example
 * ```ts
 * const r = VersionRange.fromSpecifierSet(SpecifierSet.parse('>=1.0,<2.0,!=1.5'));
 * r.contains(Version.parse('1.4')); // true
 * r.toString(); // '>=1.0, !=1.5, <2.0'
 * r.complement().intersection(r).isEmpty(); // true
 * ```
 */
export class VersionRange implements VersionSet<Version, VersionRange> {
  readonly intervals: readonly Interval[];
  private _complement: VersionRange | undefined;

  private constructor(intervals: readonly Interval[]) {
    this.intervals = intervals;
  }

  private static readonly EMPTY = new VersionRange([]);
  private static readonly FULL = new VersionRange([{ lo: MIN_VERSION, loInclusive: true, hi: null, hiInclusive: false }]);

  /** The empty set (prints `<none>`). */
  static empty(): VersionRange {
    return VersionRange.EMPTY;
  }

  /** Every version (prints `*`). */
  static full(): VersionRange {
    return VersionRange.FULL;
  }

  /** Exactly `v` (not its local variants: `singleton(1.0)` does not contain `1.0+abc`). */
  static singleton(v: Version): VersionRange {
    return new VersionRange([interval(v, true, v, true)]);
  }

  /**
   * The exact version set of a specifier set, pre-releases included: for every version `v`,
   * `fromSpecifierSet(set).contains(v) === set.contains(v, { prereleases: true })` (except `===`).
   * @example VersionRange.fromSpecifierSet(SpecifierSet.parse('<2.0')).contains(Version.parse('2.0a1')) // false
   */
  static fromSpecifierSet(set: { toRange(): VersionRange }): VersionRange {
    return set.toRange();
  }

  /** The exact version set of one specifier clause. */
  static fromSpecifier(spec: { toRange(): VersionRange }): VersionRange {
    return spec.toRange();
  }

  /** `[lo, hi)` style constructor; `hi` null for unbounded. */
  static between(lo: Version, loInclusive: boolean, hi: Version | null, hiInclusive: boolean): VersionRange {
    return VersionRange.fromIntervals([interval(lo, loInclusive, hi, hiInclusive)]);
  }

  /** Canonicalize any list of intervals (sorted, merged, empties dropped). */
  static fromIntervals(list: readonly Interval[]): VersionRange {
    const items = list.map((iv) => interval(iv.lo, iv.loInclusive, iv.hi, iv.hiInclusive)).filter((iv) => !isEmptyInterval(iv));
    if (items.length === 0) return VersionRange.EMPTY;
    items.sort(cmpLo);
    const out: Interval[] = [];
    let cur = items[0]!;
    for (let i = 1; i < items.length; i++) {
      const next = items[i]!;
      if (touches(cur, next)) {
        if (cmpHi(next, cur) > 0) cur = { lo: cur.lo, loInclusive: cur.loInclusive, hi: next.hi, hiInclusive: next.hiInclusive };
      } else {
        out.push(cur);
        cur = next;
      }
    }
    out.push(cur);
    return new VersionRange(out);
  }

  isEmpty(): boolean {
    return this.intervals.length === 0;
  }

  /** Whether this is every version. */
  isFull(): boolean {
    const iv = this.intervals;
    return iv.length === 1 && iv[0]!.hi === null && iv[0]!.loInclusive && compareVersions(iv[0]!.lo, MIN_VERSION) === 0;
  }

  contains(v: Version): boolean {
    const iv = this.intervals;
    for (let i = 0; i < iv.length; i++) {
      const x = iv[i]!;
      if (x.hi !== null) {
        const d = compareVersions(v, x.hi);
        if (d > 0 || (d === 0 && !x.hiInclusive)) continue;
      }
      const c = compareVersions(v, x.lo);
      return c > 0 || (c === 0 && x.loInclusive);
    }
    return false;
  }

  union(other: VersionRange): VersionRange {
    if (this.isEmpty() || other === this) return other;
    if (other.isEmpty()) return this;
    return VersionRange.fromIntervals([...this.intervals, ...other.intervals]);
  }

  intersection(other: VersionRange): VersionRange {
    if (other === this) return this;
    const a = this.intervals;
    const b = other.intervals;
    if (a.length === 0 || b.length === 0) return VersionRange.EMPTY;
    if (this === VersionRange.FULL) return other;
    if (other === VersionRange.FULL) return this;
    if (a.length === 1 && b.length === 1) {
      // The common case: no allocation when one side contains the other.
      const x = a[0]!;
      const y = b[0]!;
      const loX = cmpLo(x, y) >= 0;
      const hiX = cmpHi(x, y) <= 0;
      if (loX && hiX) return this;
      if (!loX && !hiX) return other;
      const iv: Interval = loX
        ? { lo: x.lo, loInclusive: x.loInclusive, hi: y.hi, hiInclusive: y.hiInclusive }
        : { lo: y.lo, loInclusive: y.loInclusive, hi: x.hi, hiInclusive: x.hiInclusive };
      return isEmptyInterval(iv) ? VersionRange.EMPTY : new VersionRange([iv]);
    }
    const out: Interval[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      const lo = cmpLo(x, y) >= 0 ? x : y;
      const hiFromX = cmpHi(x, y) <= 0;
      const hi = hiFromX ? x : y;
      const iv: Interval = { lo: lo.lo, loInclusive: lo.loInclusive, hi: hi.hi, hiInclusive: hi.hiInclusive };
      if (!isEmptyInterval(iv)) out.push(iv);
      if (hiFromX) i++;
      else j++;
    }
    if (out.length === 0) return VersionRange.EMPTY;
    return new VersionRange(out);
  }

  complement(): VersionRange {
    if (this._complement === undefined) {
      const c = this.computeComplement();
      this._complement = c;
      c._complement = this;
    }
    return this._complement;
  }

  private computeComplement(): VersionRange {
    if (this.intervals.length === 0) return VersionRange.FULL;
    if (this.isFull()) return VersionRange.EMPTY;
    const out: Interval[] = [];
    let lo: Version | null = MIN_VERSION;
    let loInc = true;
    for (const iv of this.intervals) {
      if (lo === null) break;
      out.push(interval(lo, loInc, iv.lo, !iv.loInclusive));
      lo = iv.hi;
      loInc = !iv.hiInclusive;
    }
    if (lo !== null) out.push(interval(lo, loInc, null, false));
    return new VersionRange(out.filter((iv) => !isEmptyInterval(iv)));
  }

  equals(other: VersionRange): boolean {
    if (other === this) return true;
    const a = this.intervals;
    const b = other.intervals;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      if (cmpLo(a[i]!, b[i]!) !== 0 || cmpHi(a[i]!, b[i]!) !== 0) return false;
    }
    return true;
  }

  isDisjoint(other: VersionRange): boolean {
    const a = this.intervals;
    const b = other.intervals;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      const lo = cmpLo(x, y) >= 0 ? x : y;
      const hiFromX = cmpHi(x, y) <= 0;
      const hi = hiFromX ? x : y;
      if (!isEmptyInterval({ lo: lo.lo, loInclusive: lo.loInclusive, hi: hi.hi, hiInclusive: hi.hiInclusive })) return false;
      if (hiFromX) i++;
      else j++;
    }
    return true;
  }

  isSubsetOf(other: VersionRange): boolean {
    if (other === this || other === VersionRange.FULL || this.intervals.length === 0) return true;
    const b = other.intervals;
    let j = 0;
    for (const x of this.intervals) {
      // Find the interval of `other` that must contain x: the last one starting at or before x.
      while (j < b.length && cmpHi(b[j]!, x) < 0) j++;
      if (j >= b.length) return false;
      const y = b[j]!;
      if (cmpLo(y, x) > 0 || cmpHi(y, x) < 0) return false;
    }
    return true;
  }

  /** A readable specifier: `>=1.0, <2.0`, `==1.2.3`, `*` (full), `<none>` (empty); unions join with ` | `. */
  toString(): string {
    if (this.isEmpty()) return '<none>';
    if (this.isFull()) return '*';
    const groups: string[][] = [];
    let current: string[] = [];
    const iv = this.intervals;
    for (let k = 0; k < iv.length; k++) {
      const x = iv[k]!;
      if (k === 0 || !isPointGap(iv[k - 1]!, x)) {
        if (current.length) groups.push(current);
        current = [];
        const lo = formatLo(x);
        if (lo) current.push(lo);
      } else {
        current.push(`!=${iv[k - 1]!.hi!.toString()}`);
      }
      if (x.hi !== null && x.loInclusive && !x.hiInclusive && compareVersions(x.hi, successor(x.lo)) === 0 && x.lo.local === null && current.length === 1) {
        current[0] = `==${x.lo.toString()}`;
        continue;
      }
      const wildcard = wildcardText(x);
      if (wildcard !== undefined && current.length <= 1) {
        current[0] = wildcard;
        continue;
      }
      if (x.hi !== null && x.loInclusive && x.hiInclusive && compareVersions(x.lo, x.hi) === 0 && current.length === 1) {
        current[0] = `==${x.lo.toString()}`;
        continue;
      }
      if (k + 1 < iv.length && isPointGap(x, iv[k + 1]!)) continue;
      const hi = formatHi(x);
      if (hi) current.push(hi);
    }
    if (current.length) groups.push(current);
    return groups.map((g) => g.join(', ')).join(' | ');
  }

  toJSON(): string {
    return this.toString();
  }
}

/** `==1.2.*` for exactly `[1.2.dev0, 1.3.dev0)`; undefined otherwise. */
function wildcardText(x: Interval): string | undefined {
  const lo = x.lo;
  const hi = x.hi;
  if (hi === null || !x.loInclusive || x.hiInclusive) return undefined;
  const plainDev0 = (v: Version): boolean => v.dev === 0 && v.pre === null && v.post === null && v.local === null;
  if (!plainDev0(lo) || !plainDev0(hi) || lo.epoch !== hi.epoch || lo.release.length !== hi.release.length) return undefined;
  const n = lo.release.length;
  for (let i = 0; i < n - 1; i++) if (lo.release[i] !== hi.release[i]) return undefined;
  if (hi.release[n - 1] !== lo.release[n - 1]! + 1) return undefined;
  return `==${Version._make(lo.epoch, lo.release, null, null, null, null).toString()}.*`;
}

/** The gap between `a` and `b` is exactly one public version and its locals (`!=v`). */
function isPointGap(a: Interval, b: Interval): boolean {
  if (a.hi === null || a.hiInclusive || !b.loInclusive || a.hi.local !== null) return false;
  return compareVersions(successor(a.hi), b.lo) === 0;
}

function formatLo(x: Interval): string {
  if (x.loInclusive && compareVersions(x.lo, MIN_VERSION) === 0) return '';
  if (x.loInclusive) return `>=${x.lo.toString()}`;
  if (x.lo.post === Infinity) {
    return `>${Version._make(x.lo.epoch, x.lo.release, x.lo.pre, null, null, null).toString()}`;
  }
  return `>${x.lo.toString()}`;
}

function formatHi(x: Interval): string {
  const v = x.hi;
  if (v === null) return '';
  if (x.hiInclusive) return `<=${v.toString()}`;
  if (v.post === Infinity) return `<=${Version._make(v.epoch, v.release, v.pre, null, null, null).toString()}.post*`;
  if (v.local === null && v.dev === 0) {
    if (v.post === 0) return `<=${Version._make(v.epoch, v.release, v.pre, null, null, null).toString()}`;
    if (v.pre === null) return `<${Version._make(v.epoch, v.release, null, v.post, null, null).toString()}`;
  }
  return `<${v.toString()}`;
}

/** The constructors PubGrub needs for {@link VersionRange} (its `VersionSetKind`). */
export const versionRangeKind: VersionSetKind<Version, VersionRange> = VersionRange;
