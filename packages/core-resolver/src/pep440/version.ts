// PEP 440 versions: parsing, normalization and the total order of Python's `packaging.version`.
// Comparison uses two packed numbers per version in the common case, so it allocates nothing.
import { InvalidVersion } from './errors';
import { scanFailure, scanVersion, type LocalSegment, type PreKind } from './scan-version';

export type { LocalSegment, PreKind } from './scan-version';

/** The parts of a version, as accepted by {@link Version.fromParts}. */
export interface VersionParts {
  epoch?: number;
  release: readonly number[];
  pre?: readonly [PreKind, number] | null;
  post?: number | null;
  dev?: number | null;
  local?: readonly LocalSegment[] | null;
}

const TRIM = { trim: true } as const;

/** Digits-only component at `pos` (1-15 digits); sets `fpPos`; -1 when absent or too long. */
let fpPos = 0;
function fpNumber(text: string, i: number, len: number): number {
  let n = 0;
  const start = i;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    i++;
  }
  fpPos = i;
  return i === start || i - start > 15 ? -1 : n;
}

/** Whether `text` has the lowercase ASCII `word` at `i`. */
function fpWord(text: string, i: number, len: number, word: string): boolean {
  if (i + word.length > len) return false;
  for (let k = 0; k < word.length; k++) if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * Fast path for already-normalized spellings: `N(.N)*` (up to 4 parts) optionally followed by
 * `aN`/`bN`/`rcN`, `.postN`, `.devN`, in that order. Anything else (epochs, locals, whitespace,
 * `v`, other spellings, implicit numbers) returns undefined and goes through the full scanner, which
 * accepts these same strings with the same result.
 */
function fastParse(text: string): Version | undefined {
  const len = text.length;
  if (len === 0 || len > 64) return undefined;
  const r0 = fpNumber(text, 0, len);
  if (r0 < 0) return undefined;
  let i = fpPos;
  let count = 1;
  let r1 = 0;
  let r2 = 0;
  let r3 = 0;
  while (i + 1 < len && text.charCodeAt(i) === 46) {
    const c = text.charCodeAt(i + 1);
    if (c < 48 || c > 57) break;
    if (count === 4) return undefined;
    const n = fpNumber(text, i + 1, len);
    if (n < 0) return undefined;
    if (count === 1) r1 = n;
    else if (count === 2) r2 = n;
    else r3 = n;
    count++;
    i = fpPos;
  }
  const release = count === 1 ? [r0] : count === 2 ? [r0, r1] : count === 3 ? [r0, r1, r2] : [r0, r1, r2, r3];
  if (i === len) return fastFinish(release, r0, r1, r2, r3, null, null, null);
  let pre: [PreKind, number] | null = null;
  let post: number | null = null;
  let dev: number | null = null;
  let c = text.charCodeAt(i);
  if (c === 97 || c === 98 || (c === 114 && i + 1 < len && text.charCodeAt(i + 1) === 99)) {
    const kind: PreKind = c === 97 ? 'a' : c === 98 ? 'b' : 'rc';
    const n = fpNumber(text, c === 114 ? i + 2 : i + 1, len);
    if (n < 0) return undefined;
    pre = [kind, n];
    i = fpPos;
    if (i === len) return fastFinish(release, r0, r1, r2, r3, pre, null, null);
    c = text.charCodeAt(i);
  }
  if (c !== 46) return undefined;
  if (fpWord(text, i + 1, len, 'post')) {
    post = fpNumber(text, i + 5, len);
    if (post < 0) return undefined;
    i = fpPos;
    if (i === len) return fastFinish(release, r0, r1, r2, r3, pre, post, null);
    if (text.charCodeAt(i) !== 46) return undefined;
  }
  if (!fpWord(text, i + 1, len, 'dev')) return undefined;
  dev = fpNumber(text, i + 4, len);
  if (dev < 0 || fpPos !== len) return undefined;
  return fastFinish(release, r0, r1, r2, r3, pre, post, dev);
}

const PRE_RANK: Record<PreKind, number> = { a: 1, b: 2, rc: 3 };
const P16 = 65536;
const P37 = 2 ** 37;

/** Pack the key straight from the fast path's parts (same layout as {@link packKey}). */
function fastFinish(
  release: number[], r0: number, r1: number, r2: number, r3: number,
  pre: [PreKind, number] | null, post: number | null, dev: number | null,
): Version {
  if (r0 >= 2097152 || r1 >= P16 || r2 >= P16 || r3 >= P16 || (pre !== null && pre[1] >= 1024) || (post !== null && post >= 4094) || (dev !== null && dev >= 4095)) {
    return Version._make(0, release, pre, post, dev, null);
  }
  const preRank = pre !== null ? PRE_RANK[pre[0]] : post === null && dev !== null ? 0 : 4;
  const k2 = r3 * P37 + preRank * 2 ** 34 + (pre !== null ? pre[1] : 0) * 2 ** 24 + (post === null ? 0 : post + 1) * 4096 + (dev === null ? 4095 : dev);
  return Version._withKey(release, pre, post, dev, r0 * 4294967296 + r1 * P16 + r2, k2);
}

/** Result of {@link packKey}: high and low part (high is -1 when the version needs the slow path). */
let keyHi = -1;
let keyLo = 0;

/**
 * Packed key: epoch 0, release <= 4 significant parts (first < 2^21, others < 2^16), pre/post/dev
 * numbers small, no local, no sentinel. Two exact integers below 2^53 ordered like packaging's key.
 */
function packKey(
  epoch: number, release: readonly number[], pre: readonly [PreKind, number] | null, post: number | null,
  dev: number | null, local: readonly LocalSegment[] | null, sentinel: Sentinel,
): void {
  keyHi = -1;
  keyLo = 0;
  let len = release.length;
  while (len > 0 && release[len - 1] === 0) len--;
  if (
    epoch === 0 && local === null && sentinel === Sentinel.None && len <= 4 &&
    (len < 1 || release[0]! < 2097152) && (len < 2 || release[1]! < P16) &&
    (len < 3 || release[2]! < P16) && (len < 4 || release[3]! < P16) &&
    (pre === null || pre[1] < 1024) && (post === null || post < 4094 || post === Infinity) && (dev === null || dev < 4095)
  ) {
    const r0 = len > 0 ? release[0]! : 0;
    const r1 = len > 1 ? release[1]! : 0;
    const r2 = len > 2 ? release[2]! : 0;
    const r3 = len > 3 ? release[3]! : 0;
    keyHi = r0 * 4294967296 + r1 * P16 + r2;
    const preRank = pre !== null ? PRE_RANK[pre[0]] : post === null && dev !== null ? 0 : 4;
    const preN = pre !== null ? pre[1] : 0;
    const postF = post === null ? 0 : post === Infinity ? 4095 : post + 1; // Infinity: the `v.post*` bound
    const devF = dev === null ? 4095 : dev;
    keyLo = r3 * P37 + preRank * 2 ** 34 + preN * 2 ** 24 + postF * 4096 + devF;
  }
}

/** Sentinel kinds used only as range bounds (never produced by parsing). */
export const Sentinel = {
  None: 0,
  /** Greater than every local label of this public version (`1.0+<max>`). */
  MaxLocal: 1,
} as const;
/** A {@link Sentinel} value. */
export type Sentinel = (typeof Sentinel)[keyof typeof Sentinel];

/**
 * A parsed PEP 440 version. Immutable; `toString()` is the normalized form.
 *
 * @example
 * ```ts
 * const v = Version.parse('V1.0-RC.1');
 * v.toString(); // '1.0rc1'
 * v.isPrerelease; // true
 * compareVersions(v, Version.parse('1.0')); // -1
 * ```
 */
export class Version {
  declare readonly epoch: number;
  /** Release components as written (trailing zeros kept: `1.0.0` -> `[1, 0, 0]`). */
  declare readonly release: readonly number[];
  declare readonly pre: readonly [PreKind, number] | null;
  /** Post-release number; `Infinity` only in internal range bounds ("after every post-release"). */
  declare readonly post: number | null;
  declare readonly dev: number | null;
  declare readonly local: readonly LocalSegment[] | null;
  /** @internal Packed key, high part; -1 when this version needs the slow comparison path. */
  declare readonly _k1: number;
  /** @internal Packed key, low part. */
  declare readonly _k2: number;
  /** @internal Range-bound sentinel kind. */
  declare readonly _sentinel: Sentinel;
  private declare _str: string | undefined;

  private constructor(
    epoch: number,
    release: readonly number[],
    pre: readonly [PreKind, number] | null,
    post: number | null,
    dev: number | null,
    local: readonly LocalSegment[] | null,
    sentinel: Sentinel,
    k1: number,
    k2: number,
  ) {
    this.epoch = epoch;
    this.release = release;
    this.pre = pre;
    this.post = post;
    this.dev = dev;
    this.local = local;
    this._sentinel = sentinel;
    this._k1 = k1;
    this._k2 = k2;
    this._str = undefined;
  }

  /** @internal Build with the packed key computed from the parts (see {@link packKey}). */
  private static create(
    epoch: number, release: readonly number[], pre: readonly [PreKind, number] | null, post: number | null,
    dev: number | null, local: readonly LocalSegment[] | null, sentinel: Sentinel,
  ): Version {
    packKey(epoch, release, pre, post, dev, local, sentinel);
    return new Version(epoch, release, pre, post, dev, local, sentinel, keyHi, keyLo);
  }

  /** @internal Fast-path construction with a key the caller packed itself (epoch 0, no local). */
  static _withKey(release: readonly number[], pre: readonly [PreKind, number] | null, post: number | null, dev: number | null, k1: number, k2: number): Version {
    return new Version(0, release, pre, post, dev, null, Sentinel.None, k1, k2);
  }

  /**
   * Parse a version string (surrounding whitespace allowed). Throws {@link InvalidVersion} naming it.
   * @example Version.parse('1!2.3.dev4+abc.5').toString() // '1!2.3.dev4+abc.5'
   */
  static parse(text: string): Version {
    const v = Version.tryParse(text);
    if (v === undefined) {
      throw new InvalidVersion(text, scanFailure.reason || undefined);
    }
    return v;
  }

  /**
   * Parse, or `undefined` for invalid text (no exception, for bulk filtering of index listings).
   * @example Version.tryParse('not a version') // undefined
   */
  static tryParse(text: string): Version | undefined {
    if (typeof text !== 'string') return undefined;
    const fast = fastParse(text);
    if (fast !== undefined) return fast;
    const s = scanVersion(text, 0, text.length, TRIM);
    if (s === null) return undefined;
    return Version.create(s.epoch, s.release, s.pre, s.post, s.dev, s.local, Sentinel.None);
  }

  /** Whether `text` is a valid PEP 440 version. */
  static isValid(text: string): boolean {
    return fastParse(text) !== undefined || scanVersion(text, 0, text.length, TRIM) !== null;
  }

  /**
   * Build a version from its parts.
   * @example Version.fromParts({ release: [1, 2], pre: ['rc', 1] }).toString() // '1.2rc1'
   */
  static fromParts(parts: VersionParts): Version {
    const ok = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
    const epoch = parts.epoch ?? 0;
    const pre = parts.pre ?? null;
    const post = parts.post ?? null;
    const dev = parts.dev ?? null;
    if (
      !ok(epoch) || parts.release.length === 0 || !parts.release.every(ok) ||
      (pre !== null && (!ok(pre[1]) || !(pre[0] in PRE_RANK))) || (post !== null && !ok(post)) || (dev !== null && !ok(dev))
    ) {
      throw new InvalidVersion(JSON.stringify(parts), 'invalid parts');
    }
    const local = parts.local ? parts.local.map((x) => (typeof x === 'string' ? x.toLowerCase() : x)) : null;
    return Version.create(epoch, [...parts.release], pre ? [pre[0], pre[1]] : null, post, dev, local && local.length ? local : null, Sentinel.None);
  }

  /** @internal Construct a range-bound sentinel or a derived version without validation. */
  static _make(
    epoch: number, release: readonly number[], pre: readonly [PreKind, number] | null, post: number | null,
    dev: number | null, local: readonly LocalSegment[] | null, sentinel: Sentinel = Sentinel.None,
  ): Version {
    return Version.create(epoch, release, pre, post, dev, local, sentinel);
  }

  /** Has a pre-release or dev-release segment (`1.0a1`, `1.0.dev0`). */
  get isPrerelease(): boolean {
    return this.pre !== null || this.dev !== null;
  }

  /** Has a dev-release segment. */
  get isDevrelease(): boolean {
    return this.dev !== null;
  }

  /** Has a post-release segment. */
  get isPostrelease(): boolean {
    return this.post !== null;
  }

  /** Has a local label (`1.0+ubuntu.1`). */
  get isLocal(): boolean {
    return this.local !== null;
  }

  /** Epoch and release only (`1!2.0rc1.post3` -> `1!2.0`), as packaging's `base_version`. */
  get baseVersion(): Version {
    if (this.pre === null && this.post === null && this.dev === null && this.local === null) return this;
    return Version.create(this.epoch, this.release, null, null, null, null, Sentinel.None);
  }

  /** The version without its local label (packaging's `public`). */
  get public(): Version {
    return this.local === null ? this : Version.create(this.epoch, this.release, this.pre, this.post, this.dev, null, Sentinel.None);
  }

  /** First, second, third release component (0 when absent). */
  get major(): number {
    return this.release[0] ?? 0;
  }
  get minor(): number {
    return this.release[1] ?? 0;
  }
  get micro(): number {
    return this.release[2] ?? 0;
  }

  /** Order against another version: negative, zero or positive. */
  compare(other: Version): number {
    return compareVersions(this, other);
  }

  /** Same position in the order (`1.0 == 1.0.0`). */
  equals(other: Version): boolean {
    return compareVersions(this, other) === 0;
  }

  /** Normalized form, e.g. `1!2.0rc1.post3.dev4+abc.5`. */
  toString(): string {
    if (this._str !== undefined) return this._str;
    let out = this.epoch ? `${this.epoch}!${this.release.join('.')}` : this.release.join('.');
    if (this.pre !== null) out += `${this.pre[0]}${this.pre[1]}`;
    if (this.post !== null) out += this.post === Infinity ? '.post*' : `.post${this.post}`;
    if (this.dev !== null) out += `.dev${this.dev}`;
    if (this.local !== null) out += `+${this.local.join('.')}`;
    if (this._sentinel === Sentinel.MaxLocal) out += '+<max>';
    this._str = out;
    return out;
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * Total order of PEP 440 versions, exactly as `packaging.version.Version` orders them.
 * Returns -1, 0 or 1; allocates nothing.
 *
 * @example
 * ```ts
 * ['1.0', '1.0a1', '1.0.post1', '1.0.dev0'].map(Version.parse).sort(compareVersions).join(' ');
 * // '1.0.dev0 1.0a1 1.0 1.0.post1'
 * ```
 */
export function compareVersions(a: Version, b: Version): number {
  const a1 = a._k1;
  const b1 = b._k1;
  if (a1 >= 0 && b1 >= 0) {
    // Branch-free sign (`+bool` compiles to a flag move): random orderings mispredict branches.
    if (a1 !== b1) return +(a1 > b1) - +(a1 < b1);
    const a2 = a._k2;
    const b2 = b._k2;
    return +(a2 > b2) - +(a2 < b2);
  }
  return compareSlow(a, b);
}

function compareSlow(a: Version, b: Version): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const ra = a.release;
  const rb = b.release;
  const n = ra.length > rb.length ? ra.length : rb.length;
  for (let i = 0; i < n; i++) {
    const x = i < ra.length ? ra[i]! : 0;
    const y = i < rb.length ? rb[i]! : 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  // Suffix: (pre rank, pre n, post rank, post n, dev rank, dev n) as packaging's _cmpkey.
  const pa = preRank(a);
  const pb = preRank(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.pre !== null && b.pre !== null && a.pre[1] !== b.pre[1]) return a.pre[1] < b.pre[1] ? -1 : 1;
  const qa = a.post === null ? -1 : a.post;
  const qb = b.post === null ? -1 : b.post;
  if (qa !== qb) return qa < qb ? -1 : 1;
  const da = a.dev === null ? Infinity : a.dev;
  const db = b.dev === null ? Infinity : b.dev;
  if (da !== db) return da < db ? -1 : 1;
  return compareLocal(a, b);
}

function preRank(v: Version): number {
  if (v.pre !== null) return PRE_RANK[v.pre[0]];
  return v.post === null && v.dev !== null ? 0 : 4;
}

function compareLocal(a: Version, b: Version): number {
  const ma = a._sentinel === Sentinel.MaxLocal;
  const mb = b._sentinel === Sentinel.MaxLocal;
  if (ma || mb) {
    if (ma && mb) return 0;
    return ma ? 1 : -1;
  }
  const la = a.local;
  const lb = b.local;
  if (la === null || lb === null) {
    if (la === lb) return 0;
    return la === null ? -1 : 1;
  }
  const n = la.length < lb.length ? la.length : lb.length;
  for (let i = 0; i < n; i++) {
    const x = la[i]!;
    const y = lb[i]!;
    if (x === y) continue;
    const xs = typeof x === 'string';
    const ys = typeof y === 'string';
    if (xs !== ys) return xs ? -1 : 1; // strings sort before numbers
    return x < y ? -1 : 1;
  }
  return la.length === lb.length ? 0 : la.length < lb.length ? -1 : 1;
}
