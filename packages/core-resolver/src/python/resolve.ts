// The high-level entry of the Python layer: requirements + source + target -> pinned packages or a
// failure report. Chooses the engine (PubGrub, or the SAT backend) and shapes the result.
import { VersionRange, type Version } from '../pep440/index';
import { normalizeName, type NormalizedName } from '../pep508/name';
import { solve, type DerivationTree, type SolveStats } from '../pubgrub/index';
import { solveSat, type SatStats } from '../sat/index';
import type { PrereleasePolicy, ResolutionStrategy } from './candidate-selector';
import type { TargetEnvironment } from './environment';
import { ResolveError } from './errors';
import { parsePackage, ROOT_PACKAGE, type PythonPackage } from './package';
import { PythonDependencyProvider, ROOT_VERSION } from './provider';
import { pythonReport } from './report';
import { parseRequirement } from './requirement';
import type { PackageSource } from './source';

/** Options of {@link resolve}. */
export interface ResolveOptions {
  /** `pubgrub` (default) or the `sat` backend (same problem, logic-solver; no failure explanation). */
  engine?: 'pubgrub' | 'sat';
  /** `highest` (default), `lowest`, or `lowest-direct` (lowest for direct requirements only). */
  strategy?: ResolutionStrategy;
  /** Pre-release policy; default `if-necessary` (see {@link PrereleasePolicy}). */
  prereleases?: PrereleasePolicy;
  /** PEP 508 strings that restrict a project's versions without requiring it (pip `-c`). */
  constraints?: string[];
  /** PEP 508 strings that replace every requirement on their project (uv `--override`). */
  overrides?: string[];
  /** Versions to keep when still allowed, e.g. from an existing lock: name -> version. */
  preferences?: ReadonlyMap<string, string> | Record<string, string>;
  /** Projects whose sdists must not be built (`:all:` for every project). */
  noBuild?: string[];
  /** Projects whose wheels must not be used (`:all:` for every project). */
  noBinary?: string[];
  /** `respect` (default, pip) or `ignore` the upper bounds of `Requires-Python` (uv). */
  requiresPythonUpperBound?: 'respect' | 'ignore';
  /** Give up (with a `SolverError`) after this many decisions. */
  maxDecisions?: number;
}

/** Input of {@link resolve}. */
export interface ResolveRequest {
  source: PackageSource;
  /** The user's PEP 508 requirements. */
  requirements: readonly string[];
  environment: TargetEnvironment;
  options?: ResolveOptions;
}

/** One pinned distribution of a solution. */
export interface ResolvedPackage {
  name: NormalizedName;
  /** The version as the index spells it. */
  version: string;
  /** Extras of this project that are part of the solution (sorted). */
  extras: string[];
  /** Whether the user's requirements name it. */
  direct: boolean;
  /** Projects of the solution that depend on it (sorted; the user's request is not listed). */
  requiredBy: NormalizedName[];
}

/** Statistics of a resolution: the engine's own counters, tagged with the engine. */
export type ResolveStats = ({ engine: 'pubgrub' } & SolveStats) | ({ engine: 'sat' } & SatStats);

/**
 * The outcome of {@link resolve}: pins, or a failure with its explanation (text and derivation tree).
 */
export type ResolveResult =
  | { kind: 'solved'; packages: ResolvedPackage[]; stats: ResolveStats }
  | {
      kind: 'failed';
      /** Human-readable explanation (Dart pub / uv style), hints at the end. */
      report: string;
      tree: DerivationTree<PythonPackage, Version, VersionRange> | undefined;
      stats: ResolveStats;
    };

function nameSet(list: readonly string[] | undefined): Set<NormalizedName> | 'all' {
  if (!list) return new Set();
  if (list.includes(':all:')) return 'all';
  return new Set(list.map(normalizeName));
}

/**
 * Resolve Python requirements against a package source for one target environment.
 *
 * @example
 * ```ts
 * const source = new InMemorySource({ a: { '1.0.0': { requiresDist: ['b<2'] } }, b: { '1.0.0': {}, '2.0.0': {} } });
 * const result = await resolve({ source, requirements: ['a'], environment: targetEnvironment({ python: '3.12' }) });
 * // result.kind === 'solved'; result.packages -> a 1.0.0, b 1.0.0
 * ```
 */
export async function resolve(request: ResolveRequest): Promise<ResolveResult> {
  const o = request.options ?? {};
  const preferences = new Map<NormalizedName, string>();
  if (o.preferences) {
    const entries = o.preferences instanceof Map ? [...o.preferences.entries()] : Object.entries(o.preferences);
    for (const [n, v] of entries) preferences.set(normalizeName(n), v);
  }
  const provider = new PythonDependencyProvider(request.source, request.requirements, {
    environment: request.environment,
    strategy: o.strategy ?? 'highest',
    prereleases: o.prereleases ?? 'if-necessary',
    constraints: (o.constraints ?? []).map((c) => parseRequirement(c, 'constraint')),
    overrides: (o.overrides ?? []).map((c) => parseRequirement(c, 'override')),
    preferences,
    noBuild: nameSet(o.noBuild),
    noBinary: nameSet(o.noBinary),
    requiresPythonUpperBound: o.requiresPythonUpperBound ?? 'respect',
  });
  const directNames = new Set(request.requirements.map((r) => parseRequirement(r, 'root requirement').name));
  const solveOptions = o.maxDecisions !== undefined ? { maxDecisions: o.maxDecisions } : {};
  if (o.engine === 'sat') {
    const sat = await solveSat(provider, ROOT_PACKAGE, ROOT_VERSION);
    const stats: ResolveStats = { engine: 'sat', ...sat.stats };
    if (sat.kind === 'failed') return { kind: 'failed', report: `No solution (SAT engine): ${sat.reason}`, tree: undefined, stats };
    return { kind: 'solved', packages: toPackages(provider, sat.solution, directNames), stats };
  }
  const result = await solve(provider, ROOT_PACKAGE, ROOT_VERSION, VersionRange, solveOptions);
  const stats: ResolveStats = { engine: 'pubgrub', ...result.stats };
  if (result.kind === 'failed') {
    return { kind: 'failed', report: pythonReport(result.tree, (pkg) => provider.knownVersions(pkg)), tree: result.tree, stats };
  }
  checkSolution(provider, result.solution);
  return { kind: 'solved', packages: toPackages(provider, result.solution, directNames), stats };
}

/**
 * Refuse to return a solution that breaks a dependency the provider gave (a solver defect must not
 * become a silently broken lock).
 */
function checkSolution(provider: PythonDependencyProvider, solution: Map<PythonPackage, Version>): void {
  for (const [pkg, version] of solution) {
    for (const [dep, range] of provider.dependencyLog.get(`${pkg}@${version.toString()}`) ?? []) {
      const chosen = solution.get(dep);
      if (chosen === undefined || !range.contains(chosen)) {
        throw new ResolveError(
          'ERR_RESOLVE_INTERNAL',
          `internal error: the solver returned ${pkg} ${version.toString()} without ${dep} ${range.toString()} (got ${chosen?.toString() ?? 'nothing'})`,
          { hint: 'please report this with the requirements; `--engine sat` may resolve it meanwhile' },
        );
      }
    }
  }
}

function toPackages(
  provider: PythonDependencyProvider,
  solution: Map<PythonPackage, Version>,
  directNames: Set<NormalizedName>,
): ResolvedPackage[] {
  const byName = new Map<NormalizedName, ResolvedPackage>();
  const extras = new Map<NormalizedName, string[]>();
  for (const [pkg, version] of solution) {
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') continue;
    if (parsed.kind === 'extra') {
      const list = extras.get(parsed.name) ?? [];
      list.push(parsed.extra);
      extras.set(parsed.name, list);
      continue;
    }
    byName.set(parsed.name, {
      name: parsed.name,
      version: provider.rawVersion(parsed.name, version),
      extras: [],
      direct: directNames.has(parsed.name),
      requiredBy: [],
    });
  }
  const requiredBy = new Map<NormalizedName, Set<NormalizedName>>();
  for (const [pkg, version] of solution) {
    const from = parsePackage(pkg);
    if (from.kind === 'root') continue;
    for (const dep of provider.dependencyLog.get(`${pkg}@${version.toString()}`)?.keys() ?? []) {
      const to = parsePackage(dep);
      if (to.kind === 'root' || to.name === from.name) continue;
      const set = requiredBy.get(to.name) ?? new Set();
      set.add(from.name);
      requiredBy.set(to.name, set);
    }
  }
  const out = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const p of out) {
    p.extras = [...new Set(extras.get(p.name) ?? [])].sort();
    p.requiredBy = [...(requiredBy.get(p.name) ?? [])].sort();
  }
  return out;
}
