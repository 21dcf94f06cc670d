// Generated benchmark problems: large random graphs (N packages x 20 versions) and deep conflict chains,
// deterministic (seeded) so every engine and every run sees the same problem.
import { prng } from '../generate/prng';
import type { Interval, Problem } from './problem';

/**
 * `n` packages `p0..p{n-1}` x `versions` versions; each version of p_i depends on up to `fanout`
 * packages among the next `window` ones (wrapping around), with a lower bound that rises with the version (newer
 * releases need newer dependencies) and, for a fraction `upperFraction`, an upper bound too (which
 * creates conflicts to backtrack over).
 */
export function wideGraph(opts: {
  n: number;
  versions: number;
  fanout: number;
  window: number;
  upperFraction: number;
  rootDeps: number;
  seed: number;
}): Problem {
  const r = prng(opts.seed).next;
  const problem: Problem = {};
  const V = opts.versions;
  // The root depends on `rootDeps` packages spread evenly, so the whole graph is reachable.
  const step = Math.max(1, Math.floor(opts.n / opts.rootDeps));
  problem.root = {
    '1': Object.fromEntries(
      Array.from({ length: Math.min(opts.rootDeps, opts.n) }, (_, i) => [`p${i * step}`, [[null, null]] as Interval[]]),
    ),
  };
  for (let i = 0; i < opts.n; i++) {
    const versions: Problem[string] = {};
    for (let v = 1; v <= V; v++) {
      const deps: Record<string, Interval[]> = {};
      const k = Math.floor(r() * (opts.fanout + 1));
      for (let j = 0; j < k; j++) {
        const d = (i + 1 + Math.floor(r() * opts.window)) % opts.n;
        if (d === i) continue;
        const lo = Math.max(1, Math.floor((v * V) / (V + 4) - r() * 6));
        const hi = r() < opts.upperFraction ? Math.min(V + 1, lo + 2 + Math.floor(r() * 8)) : null;
        deps[`p${d}`] = [[lo, hi]];
      }
      versions[String(v)] = deps;
    }
    problem[`p${i}`] = versions;
  }
  return problem;
}

/**
 * A deep conflict chain: root -> c0; every version v of c_i depends on c_{i+1} in [v, ∞) (or == v
 * when `exact`); only version 1 of the last package is usable (the others depend on a package that
 * does not exist). A solver must discover, level by level, that only the all-ones chain works.
 */
export function conflictChain(depth: number, versions: number, exact: boolean): Problem {
  const problem: Problem = { root: { '1': { c0: [[null, null]] } } };
  for (let i = 0; i < depth; i++) {
    const pv: Problem[string] = {};
    for (let v = 1; v <= versions; v++) {
      if (i === depth - 1) pv[String(v)] = v === 1 ? {} : { missing: [[null, null]] };
      else pv[String(v)] = { [`c${i + 1}`]: [[v, exact ? v + 1 : null]] };
    }
    problem[`c${i}`] = pv;
  }
  return problem;
}

/**
 * An unsatisfiable problem found only at the bottom of a long chain: root -> a0 -> ... -> a{depth-1}
 * (each 20 versions, any version of the next), and root -> z; every version of z conflicts with every
 * version of the chain's last package. The failure must be explained through the whole chain.
 */
export function unsatChain(depth: number, versions: number): Problem {
  const problem: Problem = { root: { '1': { a0: [[null, null]], z: [[null, null]] } } };
  for (let i = 0; i < depth; i++) {
    const pv: Problem[string] = {};
    for (let v = 1; v <= versions; v++) {
      pv[String(v)] = i === depth - 1 ? { z: [[null, 0]] } : { [`a${i + 1}`]: [[null, null]] };
    }
    problem[`a${i}`] = pv;
  }
  problem.z = Object.fromEntries(Array.from({ length: versions }, (_, v) => [String(v + 1), {}]));
  return problem;
}
