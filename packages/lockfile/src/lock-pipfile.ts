// Lock a Pipfile: resolve each category with @pipgrub/core-resolver against any PackageSource (default
// first; other categories constrained to its pins, as Pipenv does) and build the Pipfile.lock.

import type { NormalizedName, PackageSource, ResolveStats, TargetEnvironment } from '@pipgrub/core-resolver';
import { buildLock, type LockedFile, type ResolvedPackage } from './build-lock';
import { pipfileRequirement } from './entries';
import { localPackageRequirement, withLocalPackages, type LocalPackage } from './local-packages';
import type { Lockfile } from './lockfile';
import { lockSectionName, type Pipfile } from './pipfile';

/** What {@link lockPipfile} locks, and against what. */
export interface LockPipfileInput {
  pipfile: Pipfile;
  /** Where releases, metadata and file hashes come from (e.g. pypi-source's `IndexClient`). */
  source: PackageSource;
  /** The marker environment to resolve for (e.g. the project's interpreter). */
  environment: TargetEnvironment;
  /** Pipfile categories to lock (`packages`, `dev-packages`, custom); `packages` is resolved first. */
  categories: readonly string[];
  /** Versions to keep when still allowed, by lock section then name (see {@link lockPreferences}). */
  preferences?: Record<string, Record<string, string>>;
  /** Allow pre-releases (`--pre` or the Pipfile's `[pipenv] allow_prereleases`). */
  pre?: boolean;
  /** Called when a category has finished resolving, with its package count. */
  onCategory?: (category: string, packages: number) => void;
  /**
   * The Pipfile's path, file and VCS entries, by normalized name, with the metadata their build gave
   * (a build frontend such as `@pipgrub/venv`'s `LocalProjects` fills this in). Each is the only
   * candidate for its name: the source is never asked about it, and dependencies on it from other
   * packages are satisfied by it. A local Pipfile entry missing here is refused.
   */
  localPackages?: ReadonlyMap<string, LocalPackage>;
}

/** A lock, or the resolver's explanation of why a category cannot be locked. */
export type LockPipfileResult =
  | { kind: 'locked'; lock: Lockfile; packageCount: number; stats: ResolveStats[] }
  | { kind: 'failed'; category: string; report: string };

/** Every file of a release, as the lock lists them (all platforms, so the lock installs anywhere). */
async function releaseFiles(source: PackageSource, name: NormalizedName, version: string): Promise<LockedFile[]> {
  const project = await source.getProject(name);
  const release = project?.releases.find((r) => r.version === version);
  return (release?.files ?? []).map((f) => ({ filename: f.filename, url: f.url, hashes: f.hashes, ...(f.size !== undefined ? { size: f.size } : {}), kind: f.kind }));
}

/**
 * Lock the chosen categories of a Pipfile. Path, file and VCS entries are locked from
 * `localPackages` (refused with a LockfileError when they are not there).
 * @example
 * const r = await lockPipfile({ pipfile, source: new InMemorySource(index), environment: targetEnvironment({ python: '3.12' }), categories: ['packages', 'dev-packages'] });
 * if (r.kind === 'locked') writeLockfile(r.lock); else console.error(r.report);
 */
export async function lockPipfile(input: LockPipfileInput): Promise<LockPipfileResult> {
  // Loaded on use: reading and writing Pipfiles and locks never pays for the resolver's start-up.
  const { resolve } = await import('@pipgrub/core-resolver');
  const { pipfile, environment } = input;
  const locals = input.localPackages ?? new Map<string, LocalPackage>();
  const source = withLocalPackages(input.source, locals);
  const resolved: Record<string, ResolvedPackage[]> = {};
  const stats: ResolveStats[] = [];
  let defaultPins: string[] = [];
  const names = new Set<string>();
  const ordered = [...input.categories].sort((a, b) => (a === 'packages' ? -1 : b === 'packages' ? 1 : 0));
  for (const category of ordered) {
    const requirements = (pipfile.categories.get(category) ?? []).map((p) => localPackageRequirement(p, locals) ?? pipfileRequirement(p, { directReferences: 'refuse', file: pipfile.path }));
    const section = lockSectionName(category);
    const preferences = { ...(input.preferences?.default ?? {}), ...(input.preferences?.[section] ?? {}) };
    const result = await resolve({
      source,
      requirements,
      environment,
      options: {
        preferences,
        prereleases: input.pre ? 'allow' : 'if-necessary',
        ...(category === 'packages' ? {} : { constraints: defaultPins }),
      },
    });
    if (result.kind === 'failed') return { kind: 'failed', category, report: result.report };
    stats.push(result.stats);
    const packages: ResolvedPackage[] = [];
    for (const p of result.packages) {
      const local = locals.get(p.name);
      if (local) packages.push({ name: p.name, ...local.entry });
      else packages.push({ name: p.name, version: p.version, files: await releaseFiles(source, p.name, p.version) });
      names.add(p.name);
    }
    resolved[category] = packages;
    if (category === 'packages') defaultPins = result.packages.map((p) => `${p.name}==${p.version}`);
    input.onCategory?.(category, packages.length);
  }
  return { kind: 'locked', lock: buildLock({ pipfile, categories: resolved }), packageCount: names.size, stats };
}

/**
 * Preferences for {@link lockPipfile} from an existing lock: section -> name -> version (without
 * `==`), leaving out the packages in `unlock` (what `pipenv update <pkg>` lets move).
 * @example lockPreferences(readLockfile(text), new Set(['requests'])).default // { urllib3: '2.2.1', ... }
 */
export function lockPreferences(lock: Lockfile | undefined, unlock: ReadonlySet<string> = new Set()): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (!lock) return out;
  for (const [section, entries] of Object.entries(lock.sections)) {
    const prefs: Record<string, string> = {};
    for (const [name, e] of Object.entries(entries)) {
      if (unlock.has(name) || !e.version) continue;
      prefs[name] = e.version.replace(/^===?/, '');
    }
    out[section] = prefs;
  }
  return out;
}
