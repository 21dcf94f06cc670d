// Layered random ecosystems for scale studies: packages in `depth` layers, each version depending on a few
// packages of the next layer with rising lower bounds and (at a chosen density) upper bounds that conflict.
import type { CaseIndex, CaseRelease, ResolverCase } from '../cases/format';
import { prng } from './prng';

/** Knobs of {@link layeredEcosystem}. */
export interface LayeredOptions {
  /** Total number of package versions, 100 to 100,000 (rounded to whole packages). */
  size: number;
  /** Versions per package (default 10). */
  versionsPerPackage?: number;
  /** Number of layers (dependency depth; default 5). The root requires every package of layer 0. */
  depth?: number;
  /** Dependencies per version, drawn from the next layer (default 3). */
  fanout?: number;
  /**
   * Probability that a dependency also carries an upper bound (`<x`) below the dependency's newest
   * version (0 to 1; default 0). Upper bounds make parents disagree, so the solver must backtrack.
   */
  conflictDensity?: number;
  /** PRNG seed (default 1). Same options + seed = byte-identical case. */
  seed?: number;
}

/** The name of package `i` of layer `layer`. */
export function layeredName(layer: number, i: number): string {
  return `l${layer}-p${i}`;
}

function versionString(i: number): string {
  return `${i + 1}.0`;
}

/**
 * Generate a layered ecosystem as a ResolverCase (suite `generated`). Without conflicts the case carries
 * its expected solution (the newest version of every reachable package); with conflicts it carries none,
 * and the runner verifies whatever solution is found.
 *
 * @example
 * ```ts
 * const c = layeredEcosystem({ size: 1000, conflictDensity: 0.1, seed: 7 });
 * Object.keys(c.index).length; // 100 packages x 10 versions
 * ```
 */
export function layeredEcosystem(options: LayeredOptions): ResolverCase {
  const V = Math.max(1, Math.floor(options.versionsPerPackage ?? 10));
  const depth = Math.max(1, Math.floor(options.depth ?? 5));
  const fanout = Math.max(0, Math.floor(options.fanout ?? 3));
  const density = Math.min(1, Math.max(0, options.conflictDensity ?? 0));
  const seed = options.seed ?? 1;
  const packages = Math.max(depth, Math.round(options.size / V));
  const r = prng(seed);

  // Layer sizes as equal as possible; layer L holds packages [start[L], start[L] + count[L]).
  const counts = Array.from({ length: depth }, (_, L) => Math.floor(packages / depth) + (L < packages % depth ? 1 : 0));
  const index: CaseIndex = {};
  for (let L = 0; L < depth; L++) {
    const next = L + 1 < depth ? Array.from({ length: counts[L + 1]! }, (_, i) => i) : [];
    for (let i = 0; i < counts[L]!; i++) {
      // A package keeps its dependency names across versions; its oldest third lacks the last one.
      const deps = r.sample(next, fanout);
      const releases: Record<string, CaseRelease> = {};
      for (let v = 0; v < V; v++) {
        const requiresDist: string[] = [];
        const used = v < Math.floor(V / 3) ? deps.slice(0, Math.max(0, deps.length - 1)) : deps;
        for (const d of used) {
          // Newer releases need newer dependencies (lower bound rises with the version).
          const lo = Math.floor(v * 0.6);
          let spec = `>=${versionString(lo)}`;
          if (density > 0 && r.chance(density) && lo + 1 < V) {
            const hi = r.int(lo + 1, V - 1);
            spec += `,<${versionString(hi)}`;
          }
          requiresDist.push(`${layeredName(L + 1, d)}${spec}`);
        }
        releases[versionString(v)] = requiresDist.length > 0 ? { requiresDist } : {};
      }
      index[layeredName(L, i)] = releases;
    }
  }
  const root = Array.from({ length: counts[0]! }, (_, i) => layeredName(0, i));
  const name = `layered-n${packages * V}-d${depth}-f${fanout}-c${density}-s${seed}`;
  const c: ResolverCase = {
    suite: 'generated',
    category: density > 0 ? 'layered-conflicts' : 'layered',
    name,
    description: `${packages} packages x ${V} versions in ${depth} layers, fanout ${fanout}, conflict density ${density}, seed ${seed}`,
    index,
    root,
    environment: { python: '3.12' },
  };
  if (density === 0) c.expected = { satisfiable: true, packages: newestClosure(index, root) };
  return c;
}

/** Without upper bounds, the newest version of everything reachable is the (highest-strategy) solution. */
function newestClosure(index: CaseIndex, root: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const queue = [...root];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (out[name] !== undefined) continue;
    const versions = Object.keys(index[name] ?? {});
    const newest = versions[versions.length - 1]!;
    out[name] = newest;
    for (const req of index[name]![newest]!.requiresDist ?? []) queue.push(req.split(/[<>=!~ ;[]/)[0]!);
  }
  return out;
}

/** Total number of package versions in a case's index. */
export function countVersions(index: CaseIndex): number {
  let n = 0;
  for (const releases of Object.values(index)) n += Object.keys(releases).length;
  return n;
}
