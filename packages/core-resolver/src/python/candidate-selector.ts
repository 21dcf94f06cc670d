// Which version of a project to try next (uv's candidate_selector.rs): lock preference, then the
// strategy (highest / lowest / lowest-direct) over usable releases, stable before pre-release.
import type { Version } from '../pep440/index';

/** Why a release cannot be installed in the target, as known before fetching its metadata. */
export interface Unusable {
  reason: string;
  hint?: string;
}

/** One release of a project as the selector sees it. */
export interface Candidate {
  version: Version;
  /** The version exactly as the index spells it (for metadata requests). */
  raw: string;
  prerelease: boolean;
  /** Set when the release must not be installed (yanked, no compatible file, Requires-Python...). */
  unusable?: Unusable;
}

/** Resolution strategy (uv's `--resolution`). */
export type ResolutionStrategy = 'highest' | 'lowest' | 'lowest-direct';

/**
 * Pre-release policy.
 * - `if-necessary` (default, uv): a pre-release is chosen only when no final release in the allowed
 *   range is usable; a specifier naming a pre-release therefore does not by itself prefer it.
 * - `allow` (`--pre`): pre-releases compete with final releases.
 * - `disallow`: pre-releases are never chosen.
 */
export type PrereleasePolicy = 'if-necessary' | 'allow' | 'disallow';

/** Everything the selector needs besides the candidates. */
export interface SelectorOptions {
  strategy: ResolutionStrategy;
  prereleases: PrereleasePolicy;
}

/**
 * Picks the version to try for a project among its releases inside the allowed range.
 *
 * @example
 * ```ts
 * const selector = new CandidateSelector({ strategy: 'highest', prereleases: 'if-necessary' });
 * const c = selector.select(candidates, (v) => range.contains(v), { direct: true });
 * ```
 */
export class CandidateSelector {
  constructor(private readonly options: SelectorOptions) {}

  /**
   * The candidate to try, or `undefined` when no release lies in the range. `candidates` are sorted by
   * ascending version. Usable releases come first; when none is left the best unusable one is returned
   * so that the solver records *why* it cannot be used (a reason the report then shows).
   */
  select(
    candidates: readonly Candidate[],
    inRange: (v: Version) => boolean,
    context: { direct: boolean; preferred?: Version },
  ): Candidate | undefined {
    const lowest = this.options.strategy === 'lowest' || (this.options.strategy === 'lowest-direct' && context.direct);
    if (context.preferred !== undefined && inRange(context.preferred)) {
      const p = context.preferred;
      const hit = candidates.find((c) => !c.unusable && c.version.equals(p));
      if (hit && (this.options.prereleases !== 'disallow' || !hit.prerelease)) return hit;
    }
    let stable: Candidate | undefined;
    let pre: Candidate | undefined;
    let unusable: Candidate | undefined;
    // Walk from the preferred end; the first match of each kind is the best of its kind.
    const n = candidates.length;
    for (let i = 0; i < n; i++) {
      const c = candidates[lowest ? i : n - 1 - i]!;
      if (!inRange(c.version)) continue;
      if (c.unusable) {
        unusable ??= c;
        continue;
      }
      if (!c.prerelease) {
        stable = c;
        break;
      }
      pre ??= c;
      if (this.options.prereleases === 'allow') break;
    }
    // With `allow` the walk stopped at the first usable release, stable or not.
    if (this.options.prereleases === 'allow') return stable ?? pre ?? unusable;
    if (stable) return stable;
    if (pre && this.options.prereleases === 'if-necessary') return pre;
    return unusable;
  }
}
