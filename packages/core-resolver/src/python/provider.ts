// The PubGrub DependencyProvider for Python packages over a PackageSource: extras as virtual packages,
// markers, Requires-Python, yanked and file availability, constraints, overrides and prefetching.
import { Version, VersionRange } from '../pep440/index';
import type { NormalizedName } from '../pep508/name';
import type { Dependencies, DependencyProvider, PackageConflicts } from '../pubgrub/index';
import { NO_CONFLICTS } from '../pubgrub/index';
import { CandidateSelector, type Candidate, type PrereleasePolicy, type ResolutionStrategy, type Unusable } from './candidate-selector';
import type { TargetEnvironment } from './environment';
import { ResolveError } from './errors';
import { packageId, parsePackage, ROOT_PACKAGE, type PythonPackage } from './package';
import { parseRequirement, parseVersion, specifierRange, type PyRequirement } from './requirement';
import type { DistributionFile, PackageSource, ProjectInfo, ReleaseMetadata } from './source';

/** Conflicts after which a package moves up to a conflict priority tier (uv's `CONFLICT_THRESHOLD`). */
const CONFLICT_THRESHOLD = 5;

/**
 * The version the root package is given (it has exactly one).
 * @example await solve(provider, ROOT_PACKAGE, ROOT_VERSION, VersionRange)
 */
export const ROOT_VERSION: Version = Version.parse('0');

/** Options of {@link PythonDependencyProvider}; see `ResolveOptions` for their meaning. */
export interface ProviderOptions {
  environment: TargetEnvironment;
  strategy: ResolutionStrategy;
  prereleases: PrereleasePolicy;
  constraints: PyRequirement[];
  overrides: PyRequirement[];
  preferences: Map<NormalizedName, string>;
  noBuild: Set<NormalizedName> | 'all';
  noBinary: Set<NormalizedName> | 'all';
  requiresPythonUpperBound: 'respect' | 'ignore';
}

interface ProjectState {
  info: ProjectInfo | undefined;
  /** Ascending by version. */
  candidates: Candidate[];
  byVersion: Map<string, Candidate>;
}

type MetadataState = Extract<ReleaseMetadata, { kind: 'available' }> | { kind: 'error'; reason: string; hint?: string };

function has(set: Set<NormalizedName> | 'all', name: NormalizedName): boolean {
  return set === 'all' || set.has(name);
}

/**
 * Answers PubGrub's questions about Python projects. Package identities are strings: `<root>`, `name`,
 * `name[extra]` (an extra: depends on `name` at the same version plus the extra's requirements).
 *
 * @example
 * ```ts
 * const provider = new PythonDependencyProvider(source, ['requests[socks]>=2'], options);
 * const result = await solve(provider, ROOT_PACKAGE, ROOT_VERSION, VersionRange);
 * ```
 */
export class PythonDependencyProvider implements DependencyProvider<PythonPackage, Version, VersionRange> {
  private readonly projects = new Map<NormalizedName, ProjectState>();
  private readonly pending = new Map<NormalizedName, Promise<ProjectState>>();
  private readonly metadata = new Map<string, MetadataState | Promise<MetadataState>>();
  private readonly selector: CandidateSelector;
  private readonly root: PyRequirement[];
  private readonly directNames = new Set<NormalizedName>();
  private readonly allowedYanks = new Set<string>();
  private readonly overrides = new Map<NormalizedName, PyRequirement[]>();
  private readonly constraints = new Map<NormalizedName, VersionRange>();
  private readonly python: Version;
  private readonly preferred = new Map<NormalizedName, Version>();
  /** Dependencies handed to the solver, by `pkg@version`, for `requiredBy` in results. */
  readonly dependencyLog = new Map<string, Map<PythonPackage, VersionRange>>();

  constructor(
    private readonly source: PackageSource,
    rootRequirements: readonly string[],
    private readonly options: ProviderOptions,
  ) {
    this.selector = new CandidateSelector({ strategy: options.strategy, prereleases: options.prereleases });
    this.root = rootRequirements.map((r) => parseRequirement(r, 'root requirement'));
    const python = parseVersion(options.environment.python);
    if (!python) {
      throw new ResolveError('ERR_RESOLVE_BAD_ENVIRONMENT', `invalid target Python version '${options.environment.python}'`);
    }
    this.python = python;
    for (const r of this.root) this.directNames.add(r.name);
    for (const r of [...this.root, ...options.constraints, ...options.overrides]) {
      for (const pin of r.pins) this.allowedYanks.add(`${r.name}==${parseVersion(pin)?.toString() ?? pin}`);
    }
    for (const o of options.overrides) {
      if (o.applies && !o.applies(options.environment.markers)) continue;
      const list = this.overrides.get(o.name) ?? [];
      list.push(o);
      this.overrides.set(o.name, list);
    }
    for (const c of options.constraints) {
      if (c.applies && !c.applies(options.environment.markers)) continue;
      const prev = this.constraints.get(c.name);
      this.constraints.set(c.name, prev ? prev.intersection(c.range) : c.range);
    }
    for (const [name, v] of options.preferences) {
      const version = parseVersion(v);
      if (version) this.preferred.set(name, version);
    }
  }

  /**
   * Root first, then exact pins, then packages often involved in conflicts (uv's "conflict early" when
   * their versions were rejected 5 times, then "conflict late" when they caused 5 rejections), then
   * direct dependencies; ties: discovery order (the solver's).
   */
  prioritize(pkg: PythonPackage, range: VersionRange, conflicts: PackageConflicts = NO_CONFLICTS): number {
    if (pkg === ROOT_PACKAGE) return 4;
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') return 4;
    const state = this.projects.get(parsed.name);
    if (state) {
      let n = 0;
      for (const c of state.candidates) if (range.contains(c.version) && ++n > 1) break;
      if (n <= 1) return 3;
    }
    if (conflicts.affected >= CONFLICT_THRESHOLD) return 2.75;
    if (conflicts.culprit >= CONFLICT_THRESHOLD) return 2.5;
    if (parsed.kind === 'extra') return 1;
    return this.directNames.has(parsed.name) ? 2 : 0;
  }

  chooseVersion(pkg: PythonPackage, range: VersionRange): Version | undefined | Promise<Version | undefined> {
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') return range.contains(ROOT_VERSION) ? ROOT_VERSION : undefined;
    const pick = (state: ProjectState): Version | undefined => this.best(parsed.name, state, range)?.version;
    const state = this.projectNow(parsed.name);
    return state instanceof Promise ? state.then(pick) : pick(state);
  }

  getDependencies(
    pkg: PythonPackage,
    version: Version,
  ): Dependencies<PythonPackage, VersionRange> | Promise<Dependencies<PythonPackage, VersionRange>> {
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') return this.record(pkg, version, this.expand(this.root, undefined, undefined));
    const withState = (state: ProjectState): Dependencies<PythonPackage, VersionRange> | Promise<Dependencies<PythonPackage, VersionRange>> => {
      const candidate = state.byVersion.get(version.toString());
      if (!candidate) return { kind: 'unavailable', reason: `version ${version.toString()} is not in the index` };
      if (candidate.unusable) return { kind: 'unavailable', ...candidate.unusable };
      const meta = this.metadataNow(parsed.name, candidate.raw);
      const withMeta = (m: MetadataState): Dependencies<PythonPackage, VersionRange> => {
        if (m.kind === 'error') return { kind: 'unavailable', reason: m.reason, ...(m.hint ? { hint: m.hint } : {}) };
        const rp = m.requiresPython !== undefined ? this.checkRequiresPython(m.requiresPython) : undefined;
        if (rp) return { kind: 'unavailable', ...rp };
        let requirements: PyRequirement[];
        try {
          requirements = m.requiresDist.map((r) => parseRequirement(r, `Requires-Dist of ${parsed.name} ${candidate.raw}`));
        } catch (e) {
          // A broken release in an index must not abort the whole resolution: skip it, say why.
          return { kind: 'unavailable', reason: `has invalid metadata: ${(e as Error).message}` };
        }
        if (parsed.kind === 'project') return this.record(pkg, version, this.expand(requirements, undefined, parsed.name));
        const deps = this.expand(requirements, parsed.extra, parsed.name, pkg);
        if (deps.kind === 'available') deps.dependencies.set(parsed.name, VersionRange.singleton(version));
        return this.record(pkg, version, deps);
      };
      return meta instanceof Promise ? meta.then(withMeta) : withMeta(meta);
    };
    const state = this.projectNow(parsed.name);
    return state instanceof Promise ? state.then(withState) : withState(state);
  }

  /** Every version, preferred first (for the SAT engine). */
  listVersions(pkg: PythonPackage): readonly Version[] | Promise<readonly Version[]> {
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') return [ROOT_VERSION];
    const order = (state: ProjectState): Version[] => {
      const out: Version[] = [];
      const remaining = [...state.candidates];
      while (remaining.length > 0) {
        const c = this.selector.select(remaining, () => true, this.selection(parsed.name));
        if (!c) break;
        out.push(c.version);
        remaining.splice(remaining.indexOf(c), 1);
      }
      return out;
    };
    const state = this.projectNow(parsed.name);
    return state instanceof Promise ? state.then(order) : order(state);
  }

  /**
   * The solver met `pkg` (or its range changed): start loading its release list, then the metadata of
   * the release that would be chosen in `range`, without waiting for either.
   */
  prefetch(pkg: PythonPackage, range: VersionRange): void {
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') return;
    const warm = (state: ProjectState): void => {
      const c = this.best(parsed.name, state, range);
      if (!c || c.unusable || this.metadata.has(`${parsed.name}==${c.raw}`)) return;
      this.source.prefetch?.([{ name: parsed.name, version: c.raw }]);
      const m = this.metadataNow(parsed.name, c.raw);
      if (m instanceof Promise) m.catch(() => undefined);
    };
    const known = this.projects.get(parsed.name);
    if (known) return warm(known);
    if (!this.pending.has(parsed.name)) this.source.prefetch?.([{ name: parsed.name }]);
    let state: ProjectState | Promise<ProjectState>;
    try {
      state = this.projectNow(parsed.name);
    } catch {
      return; // surfaces again from chooseVersion
    }
    if (state instanceof Promise) state.then(warm, () => undefined);
    else warm(state);
  }

  /**
   * The solver's lookahead: true only when the release list of `pkg` is already loaded and the candidate
   * selector (pre-release and yanked rules included) would find nothing in `range`; false when unsure.
   */
  hasNoVersions(pkg: PythonPackage, range: VersionRange): boolean {
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') return !range.contains(ROOT_VERSION);
    const state = this.projects.get(parsed.name);
    if (!state) return false;
    return this.best(parsed.name, state, range) === undefined;
  }

  /** The candidate of project `name` the selector picks inside `range` (pre-release, yanked and lock rules). */
  private best(name: NormalizedName, state: ProjectState, range: VersionRange): Candidate | undefined {
    return this.selector.select(state.candidates, (v) => range.contains(v), this.selection(name));
  }

  /** What the selector needs to know about project `name`: a direct requirement? a locked version? */
  private selection(name: NormalizedName): { direct: boolean; preferred: Version | undefined } {
    return { direct: this.directNames.has(name), preferred: this.preferred.get(name) };
  }

  describeNoVersions(pkg: PythonPackage, range: VersionRange): string | undefined {
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') return undefined;
    const state = this.projects.get(parsed.name);
    if (!state) return undefined;
    if (!state.info) return `${parsed.name} was not found in the package index`;
    if (state.info.releases.length === 0) return `${parsed.name} has no releases in the package index`;
    if (state.candidates.length === 0) return `${parsed.name} has no releases with a valid PEP 440 version`;
    if (this.options.prereleases === 'disallow') {
      const pre = state.candidates.filter((c) => c.prerelease && range.contains(c.version));
      if (pre.length > 0) {
        return `pre-releases of ${parsed.name} exist (${pre.map((c) => c.raw).join(', ')}); allow them with --pre`;
      }
    }
    return undefined;
  }

  /** The versions of a package's project, ascending, once its release list is known (for reports). */
  knownVersions(pkg: PythonPackage): readonly Version[] | undefined {
    const parsed = parsePackage(pkg);
    if (parsed.kind === 'root') return undefined;
    return this.projects.get(parsed.name)?.candidates.map((c) => c.version);
  }

  /** Whether the project exists in the source (after it has been loaded). */
  knownProject(name: NormalizedName): boolean | undefined {
    const state = this.projects.get(name);
    return state ? state.info !== undefined : undefined;
  }

  /** The release spelling of `version` of `name` as the index lists it. */
  rawVersion(name: NormalizedName, version: Version): string {
    return this.projects.get(name)?.byVersion.get(version.toString())?.raw ?? version.toString();
  }

  private record(pkg: PythonPackage, version: Version, deps: Dependencies<PythonPackage, VersionRange>): Dependencies<PythonPackage, VersionRange> {
    if (deps.kind === 'available') this.dependencyLog.set(`${pkg}@${version.toString()}`, deps.dependencies);
    return deps;
  }

  /**
   * Requirements -> solver dependencies. For an extra, keep only what the extra adds (markers true with
   * the extra and not without it); apply overrides, constraints and marker evaluation; drop self-edges.
   */
  private expand(
    requirements: readonly PyRequirement[],
    extra: string | undefined,
    self: NormalizedName | undefined,
    selfPkg?: PythonPackage,
  ): Dependencies<PythonPackage, VersionRange> {
    const env = this.options.environment.markers;
    const deps = new Map<PythonPackage, VersionRange>();
    const add = (pkg: PythonPackage, range: VersionRange): void => {
      if (pkg === selfPkg || (pkg === self && extra === undefined)) return;
      const prev = deps.get(pkg);
      deps.set(pkg, prev ? prev.intersection(range) : range);
    };
    for (const original of requirements) {
      if (extra === undefined) {
        if (original.applies && !original.applies(env, undefined)) continue;
      } else {
        if (!original.applies || !original.mentionsExtra) continue;
        if (!original.applies(env, extra) || original.applies(env, undefined)) continue;
      }
      const replaced = this.overrides.get(original.name) ?? [original];
      for (const r of replaced) {
        const constraint = this.constraints.get(r.name);
        const range = constraint ? r.range.intersection(constraint) : r.range;
        add(packageId(r.name), range);
        for (const e of r.extras) add(packageId(r.name, e), range);
      }
    }
    return { kind: 'available', dependencies: deps };
  }

  private checkRequiresPython(spec: string): Unusable | undefined {
    const range = specifierRange(spec, this.options.requiresPythonUpperBound === 'ignore');
    if (!range) return undefined; // an unparsable Requires-Python is ignored, as pip does
    if (range.contains(this.python)) return undefined;
    const target = this.options.environment.python;
    return {
      reason: `requires Python ${spec.trim()} (the target is ${target})`,
      hint: `some releases do not support the target Python ${target} (Requires-Python); resolve for another Python version or require releases that support it`,
    };
  }

  private projectNow(name: NormalizedName): ProjectState | Promise<ProjectState> {
    const state = this.projects.get(name);
    if (state) return state;
    const inflight = this.pending.get(name);
    if (inflight) return inflight;
    let info: ProjectInfo | undefined | Promise<ProjectInfo | undefined>;
    try {
      info = this.source.getProject(name);
    } catch (e) {
      throw new ResolveError('ERR_RESOLVE_SOURCE', `could not list versions of ${name}: ${(e as Error).message}`, { cause: e });
    }
    if (!(info instanceof Promise)) return this.store(name, info);
    const p = info.then(
      (i) => this.store(name, i),
      (e: unknown) => {
        this.pending.delete(name);
        throw new ResolveError('ERR_RESOLVE_SOURCE', `could not list versions of ${name}: ${(e as Error).message}`, { cause: e });
      },
    );
    this.pending.set(name, p);
    return p;
  }

  private store(name: NormalizedName, info: ProjectInfo | undefined): ProjectState {
    const candidates: Candidate[] = [];
    const byVersion = new Map<string, Candidate>();
    for (const release of info?.releases ?? []) {
      const version = parseVersion(release.version);
      if (!version) continue;
      const key = version.toString();
      if (byVersion.has(key)) continue;
      const c: Candidate = { version, raw: release.version, prerelease: version.isPrerelease };
      const unusable = this.judge(name, key, release.files);
      if (unusable) c.unusable = unusable;
      candidates.push(c);
      byVersion.set(key, c);
    }
    candidates.sort((a, b) => a.version.compare(b.version));
    const state: ProjectState = { info, candidates, byVersion };
    this.projects.set(name, state);
    this.pending.delete(name);
    return state;
  }

  /** Why a release cannot be used, judged from its files alone (before any metadata). */
  private judge(name: NormalizedName, version: string, files: readonly DistributionFile[]): Unusable | undefined {
    if (files.length > 0 && files.every((f) => f.yanked !== undefined && f.yanked !== false)) {
      if (!this.allowedYanks.has(`${name}==${version}`)) {
        const why = files.find((f) => typeof f.yanked === 'string')?.yanked;
        return {
          reason: `was yanked${typeof why === 'string' && why !== '' ? ` (reason: ${why})` : ''}`,
          hint: `a yanked release is only used when pinned exactly: ${name}==${version}`,
        };
      }
    }
    const usable = files.filter(
      (f) =>
        f.compatible !== false &&
        !(f.kind === 'sdist' && has(this.options.noBuild, name)) &&
        !(f.kind === 'wheel' && has(this.options.noBinary, name)),
    );
    if (files.length > 0 && usable.length === 0) {
      const wheels = files.filter((f) => f.kind === 'wheel');
      const sdists = files.filter((f) => f.kind === 'sdist');
      const tags = wheels.map((f) => f.filename.replace(/\.whl$/, '').split('-').slice(-3).join('-'));
      const noWheel = `no wheel for this platform: ${name} ${version} ${
        tags.length > 0 ? `has wheels only for ${tags.join(', ')}` : 'publishes no wheels'
      }`;
      if (sdists.length > 0 && has(this.options.noBuild, name) && wheels.every((f) => f.compatible === false || has(this.options.noBinary, name))) {
        return { reason: 'has no wheel for this platform (and building from source is disabled)', hint: noWheel };
      }
      if (wheels.length > 0 && has(this.options.noBinary, name)) {
        return { reason: `has only wheels (binaries are disabled for ${name})`, hint: `allow binaries for ${name}` };
      }
      return { reason: 'has no wheel for this platform and no source distribution', hint: noWheel };
    }
    const rp = usable.find((f) => f.requiresPython !== undefined)?.requiresPython;
    if (rp !== undefined) return this.checkRequiresPython(rp);
    return undefined;
  }

  private metadataNow(name: NormalizedName, raw: string): MetadataState | Promise<MetadataState> {
    const key = `${name}==${raw}`;
    const hit = this.metadata.get(key);
    if (hit) return hit;
    const convert = (m: ReleaseMetadata): MetadataState => {
      const out: MetadataState =
        m.kind === 'available'
          ? m
          : m.kind === 'needs-build'
            ? { kind: 'error', reason: `has no wheel and its metadata needs building the sdist (${m.reason})`, hint: 'no wheel for this platform' }
            : { kind: 'error', reason: `has unavailable metadata (${m.reason})` };
      this.metadata.set(key, out);
      return out;
    };
    let m: ReleaseMetadata | Promise<ReleaseMetadata>;
    try {
      m = this.source.getMetadata(name, raw);
    } catch (e) {
      throw new ResolveError('ERR_RESOLVE_SOURCE', `could not read metadata of ${name} ${raw}: ${(e as Error).message}`, { cause: e });
    }
    if (!(m instanceof Promise)) return convert(m);
    const p = m.then(convert, (e: unknown) => {
      this.metadata.delete(key);
      throw new ResolveError('ERR_RESOLVE_SOURCE', `could not read metadata of ${name} ${raw}: ${(e as Error).message}`, { cause: e });
    });
    this.metadata.set(key, p);
    return p;
  }
}
