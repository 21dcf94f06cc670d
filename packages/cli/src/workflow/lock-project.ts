// ADAPTER (should move to a library: a "lock a Pipfile" entry point): resolve each Pipfile category
// with @pipgrub/core-resolver against a PackageSource and turn the pins into a Pipfile.lock via
// @pipgrub/lockfile's buildLock. Default first; other categories are constrained to its pins.

import { resolve, type PackageSource, type TargetEnvironment, type ResolveStats } from '@pipgrub/core-resolver';
import { buildLock, categoryRequirements, lockSectionName, type LockedFile, type Lockfile, type Pipfile, type ResolvedPackage as LockPackage } from '@pipgrub/lockfile';

export interface LockProjectInput {
  pipfile: Pipfile;
  source: PackageSource;
  environment: TargetEnvironment;
  /** Pipfile categories to lock, default first (`packages`, `dev-packages`, custom). */
  categories: string[];
  /** Versions to keep when still allowed, by lock section then name (from the existing lock). */
  preferences?: Record<string, Record<string, string>>;
  /** Allow pre-releases (`--pre` or the Pipfile's `[pipenv] allow_prereleases`). */
  pre?: boolean;
  /** A category finished resolving. */
  onCategory?: (category: string, packages: number) => void;
}

export type LockProjectResult =
  | { kind: 'locked'; lock: Lockfile; packageCount: number; stats: ResolveStats[] }
  | { kind: 'failed'; category: string; report: string };

/** Every file of a release, as the lock lists them (all platforms, so the lock installs anywhere). */
async function releaseFiles(source: PackageSource, name: string, version: string): Promise<LockedFile[]> {
  const project = await source.getProject(name as never);
  const release = project?.releases.find((r) => r.version === version);
  return (release?.files ?? []).map((f) => ({ filename: f.filename, url: f.url, hashes: f.hashes, ...(f.size !== undefined ? { size: f.size } : {}), kind: f.kind }));
}

/**
 * Lock the chosen categories of a Pipfile.
 * @example const r = await lockProject({ pipfile, source, environment, categories: ['packages', 'dev-packages'] });
 */
export async function lockProject(input: LockProjectInput): Promise<LockProjectResult> {
  const { pipfile, source, environment } = input;
  const resolved: Record<string, LockPackage[]> = {};
  const stats: ResolveStats[] = [];
  let defaultPins: string[] = [];
  const names = new Set<string>();
  const ordered = [...input.categories].sort((a, b) => (a === 'packages' ? -1 : b === 'packages' ? 1 : 0));
  for (const category of ordered) {
    const requirements = categoryRequirements(pipfile, category, { directReferences: 'refuse' });
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
    const packages: LockPackage[] = [];
    for (const p of result.packages) {
      packages.push({ name: p.name, version: p.version, files: await releaseFiles(source, p.name, p.version) });
      names.add(p.name);
    }
    resolved[category] = packages;
    if (category === 'packages') defaultPins = result.packages.map((p) => `${p.name}==${p.version}`);
    input.onCategory?.(category, packages.length);
  }
  return { kind: 'locked', lock: buildLock({ pipfile, categories: resolved }), packageCount: names.size, stats };
}

/** Preferences from an existing lock: section -> name -> version (without `==`). */
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
