// A test-only version set over integers: a canonical sorted list of half-open intervals [lo, hi).
// Small and obviously correct, for generic solver tests and property tests (not exported publicly).
import type { VersionSet, VersionSetKind } from '../version-set';

/**
 * A new bounds list `[lo, hi]` held as doubles. Every bounds list is kept in V8's double-element kind
 * (a list holding only small integers would start in the integer kind, and one holding ±Infinity is
 * in the double kind): then the loops over bounds see one kind and their loads stay monomorphic.
 */
function pair(lo: number, hi: number): number[] {
  const b = [0.5, 0.5];
  b[0] = lo;
  b[1] = hi;
  return b;
}

/** An empty bounds list in the double-element kind (see `pair`). */
function doubles(): number[] {
  const b = [0.5];
  b.pop();
  return b;
}

/** Intervals [lo, hi) with lo < hi, sorted, non-adjacent; hi may be Infinity. */
export class IntRange implements VersionSet<number, IntRange> {
  private constructor(readonly bounds: readonly number[]) {}

  static empty(): IntRange {
    return EMPTY;
  }
  static full(): IntRange {
    return FULL;
  }
  static singleton(v: number): IntRange {
    return new IntRange(pair(v, v + 1));
  }
  /** [lo, hi). */
  static between(lo: number, hi: number): IntRange {
    return lo < hi ? new IntRange(pair(lo, hi)) : EMPTY;
  }
  static higherThan(lo: number): IntRange {
    return new IntRange(pair(lo, Infinity));
  }
  static lowerThan(hi: number): IntRange {
    return new IntRange(pair(-Infinity, hi));
  }
  /** Union of [lo, hi) pairs (any order, may overlap). */
  static of(...pairs: Array<[number, number]>): IntRange {
    return pairs.reduce((acc, [lo, hi]) => acc.union(IntRange.between(lo, hi)), EMPTY);
  }

  complement(): IntRange {
    const b = this.bounds;
    const out = doubles();
    let cursor = -Infinity;
    for (let i = 0; i < b.length; i += 2) {
      if (b[i]! > cursor) out.push(cursor, b[i]!);
      cursor = b[i + 1]!;
    }
    if (cursor < Infinity) out.push(cursor, Infinity);
    return new IntRange(out);
  }

  union(other: IntRange): IntRange {
    const a = this.bounds;
    const b = other.bounds;
    if (a.length === 0) return other;
    if (b.length === 0) return this;
    // Merge two sorted interval lists, coalescing overlapping or adjacent intervals.
    const out = doubles();
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      let lo: number;
      let hi: number;
      if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
        lo = a[i]!;
        hi = a[i + 1]!;
        i += 2;
      } else {
        lo = b[j]!;
        hi = b[j + 1]!;
        j += 2;
      }
      const n = out.length;
      if (n > 0 && lo <= out[n - 1]!) {
        if (hi > out[n - 1]!) out[n - 1] = hi;
      } else {
        out.push(lo, hi);
      }
    }
    return new IntRange(out);
  }

  intersection(other: IntRange): IntRange {
    const a = this.bounds;
    const b = other.bounds;
    const out = doubles();
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = Math.max(a[i]!, b[j]!);
      const hi = Math.min(a[i + 1]!, b[j + 1]!);
      if (lo < hi) out.push(lo, hi);
      if (a[i + 1]! < b[j + 1]!) i += 2;
      else j += 2;
    }
    return new IntRange(out);
  }

  contains(v: number): boolean {
    const b = this.bounds;
    for (let i = 0; i < b.length; i += 2) if (v >= b[i]! && v < b[i + 1]!) return true;
    return false;
  }
  isEmpty(): boolean {
    return this.bounds.length === 0;
  }
  equals(other: IntRange): boolean {
    return this.bounds.length === other.bounds.length && this.bounds.every((x, i) => x === other.bounds[i]);
  }
  isDisjoint(other: IntRange): boolean {
    const a = this.bounds;
    const b = other.bounds;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (Math.max(a[i]!, b[j]!) < Math.min(a[i + 1]!, b[j + 1]!)) return false;
      if (a[i + 1]! < b[j + 1]!) i += 2;
      else j += 2;
    }
    return true;
  }
  isSubsetOf(other: IntRange): boolean {
    // Every interval of this must lie inside one interval of other (both are canonical).
    const a = this.bounds;
    const b = other.bounds;
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      while (j < b.length && b[j + 1]! < a[i + 1]!) j += 2;
      if (j >= b.length || b[j]! > a[i]!) return false;
    }
    return true;
  }

  toString(): string {
    const b = this.bounds;
    if (b.length === 0) return '∅';
    const parts: string[] = [];
    for (let i = 0; i < b.length; i += 2) {
      const lo = b[i]!;
      const hi = b[i + 1]!;
      if (lo === -Infinity && hi === Infinity) parts.push('*');
      else if (hi === lo + 1) parts.push(`==${lo}`);
      else if (lo === -Infinity) parts.push(`<${hi}`);
      else if (hi === Infinity) parts.push(`>=${lo}`);
      else parts.push(`>=${lo}, <${hi}`);
    }
    return parts.join(' | ');
  }
}

const EMPTY = new (IntRange as unknown as new (b: number[]) => IntRange)(doubles());
const FULL = new (IntRange as unknown as new (b: number[]) => IntRange)([-Infinity, Infinity]);

/** The static side for `solve(..., IntRangeKind)`. */
export const IntRangeKind: VersionSetKind<number, IntRange> = {
  empty: () => IntRange.empty(),
  full: () => IntRange.full(),
  singleton: (v) => IntRange.singleton(v),
};
