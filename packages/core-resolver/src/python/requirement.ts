// The Python layer's view of a PEP 508 requirement: normalized name and extras, the version range its
// specifier allows, a marker test, and the exact pins (`==`/`===`) that may select a yanked release.
import { SpecifierSet, Version, VersionRange } from '../pep440/index';
import { Requirement, type MarkerEnvironment } from '../pep508/index';
import { normalizeName, type NormalizedName } from '../pep508/name';
import { ResolveError } from './errors';
import { normalizeExtra } from './package';

/** A parsed requirement, ready for dependency expansion. */
export interface PyRequirement {
  /** The text it was parsed from. */
  text: string;
  name: NormalizedName;
  extras: string[];
  range: VersionRange;
  /** The specifier as written (`>=1.0, <2`), empty for none. */
  specifier: string;
  /** Marker test; absent = always applies. `extra` is the extra being expanded (or none). */
  applies?: (env: MarkerEnvironment, extra?: string) => boolean;
  /** Whether the marker mentions `extra` at all. */
  mentionsExtra: boolean;
  /** Versions named by `==` (no wildcard) or `===`: PEP 592 lets these select a yanked release. */
  pins: string[];
  /** Direct URL (`name @ url`); the range is then "any". */
  url?: string;
}

const cache = new Map<string, PyRequirement>();

const extraEnvs = new WeakMap<MarkerEnvironment, Map<string, MarkerEnvironment>>();

/** `env` with `extra` set, memoized per environment object (markers are evaluated very often). */
function withExtra(env: MarkerEnvironment, extra: string): MarkerEnvironment {
  let byExtra = extraEnvs.get(env);
  if (!byExtra) extraEnvs.set(env, (byExtra = new Map()));
  let e = byExtra.get(extra);
  if (!e) byExtra.set(extra, (e = { ...env, extra }));
  return e;
}

/**
 * Parse a PEP 508 requirement string (memoized: dependency strings repeat across releases).
 * Throws `ResolveError` (`ERR_RESOLVE_BAD_REQUIREMENT`) naming the text and `where` it came from.
 *
 * @example
 * ```ts
 * const r = parseRequirement('Requests[SOCKS]>=2.0 ; python_version >= "3.8"', 'root');
 * r.name; // 'requests'
 * r.extras; // ['socks']
 * ```
 */
export function parseRequirement(text: string, where: string): PyRequirement {
  const hit = cache.get(text);
  if (hit) return hit;
  let req: Requirement;
  try {
    req = Requirement.parse(text);
  } catch (e) {
    throw new ResolveError('ERR_RESOLVE_BAD_REQUIREMENT', `invalid requirement '${text}' (${where}): ${(e as Error).message}`, {
      cause: e,
      hint: 'requirements follow PEP 508, e.g. `name[extra]>=1.0 ; python_version >= "3.8"`',
    });
  }
  const specifier = req.specifier.toString();
  const pins: string[] = [];
  for (const m of specifier.matchAll(/(===?)\s*([^,\s]+)/g)) {
    if (!m[2]!.endsWith('.*')) pins.push(m[2]!);
  }
  const marker = req.marker;
  const markerText = marker ? marker.toString() : '';
  const out: PyRequirement = {
    text,
    name: normalizeName(req.name),
    extras: [...req.extras].map(normalizeExtra),
    range: req.url ? VersionRange.full() : VersionRange.fromSpecifierSet(req.specifier),
    specifier,
    mentionsExtra: /\bextra\b/.test(markerText),
    pins,
  };
  if (marker) out.applies = (env, extra) => marker.evaluate(withExtra(env, extra ?? ''));
  if (req.url) out.url = req.url;
  cache.set(text, out);
  return out;
}

const versionCache = new Map<string, Version | null>();

/**
 * Parse a version, `undefined` when it is not PEP 440 (such releases are ignored, as pip does). Memoized.
 * @example parseVersion('1.0.post1')?.isPostrelease // true; parseVersion('latest') // undefined
 */
export function parseVersion(text: string): Version | undefined {
  let v = versionCache.get(text);
  if (v === undefined) {
    try {
      v = Version.parse(text);
    } catch {
      v = null;
    }
    versionCache.set(text, v);
  }
  return v ?? undefined;
}

const specCache = new Map<string, VersionRange | null>();

/**
 * The range of a specifier set such as a `Requires-Python` value. With `ignoreUpperBounds`, `<` and `<=`
 * clauses are dropped first (uv's reading of `Requires-Python`). `undefined` when it does not parse.
 * @example specifierRange('>=3.8, <3.11', true)?.toString() // '>=3.8'
 */
export function specifierRange(text: string, ignoreUpperBounds = false): VersionRange | undefined {
  const key = `${ignoreUpperBounds ? 'L' : 'F'}${text}`;
  let r = specCache.get(key);
  if (r === undefined) {
    try {
      const clauses = text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '' && !(ignoreUpperBounds && s.startsWith('<')));
      r = VersionRange.fromSpecifierSet(SpecifierSet.parse(clauses.join(',')));
    } catch {
      r = null;
    }
    specCache.set(key, r);
  }
  return r ?? undefined;
}
