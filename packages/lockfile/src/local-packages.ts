// Local projects (Pipfile path, file and VCS entries) in resolution: data only — their built metadata
// comes from the caller — as the sole candidate of their name, layered over any package source.

import type { NormalizedName, PackageSource, ProjectInfo, ReleaseMetadata } from '@pipgrub/core-resolver';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import type { ResolvedPackage } from './build-lock';
import type { PipfilePackage } from './pipfile';

/** A local project as resolution and the lock need it: its built metadata and its lock fields. */
export interface LocalPackage {
  /** The version its metadata declares. */
  version: string;
  /** `Requires-Dist` strings of its metadata. */
  requiresDist: readonly string[];
  requiresPython?: string;
  providesExtra?: readonly string[];
  /**
   * What the lock records for it, as Pipenv does: `path`/`editable`, `file` + archive `hashes`, or
   * `vcs` with `ref` set to the resolved commit; plus the Pipfile's `extras`/`markers` when given.
   */
  entry: Omit<ResolvedPackage, 'name' | 'version' | 'files'>;
}

/**
 * The root requirement of a Pipfile entry that is a local package (`name[extras] ; markers`, no
 * version: the local project is the only candidate), or undefined for any other entry.
 * @example localPackageRequirement(pkg, new Map([['mylib', local]])) // 'mylib[cli]'
 */
export function localPackageRequirement(pkg: PipfilePackage, locals: ReadonlyMap<string, LocalPackage>): string | undefined {
  if (!(pkg.vcs || pkg.path !== undefined || pkg.file !== undefined) || !locals.has(pkg.normalizedName)) return undefined;
  const extras = pkg.extras?.length ? `[${pkg.extras.join(',')}]` : '';
  return `${pkg.name}${extras}${pkg.markers ? ` ; ${pkg.markers}` : ''}`;
}

/**
 * A package source in which each local package has exactly one release (its own version, no files)
 * with its built metadata; every other name is asked of `source`.
 * @example const src = withLocalPackages(indexClient, new Map([['mylib', { version: '1.0', requiresDist: ['six'], entry: { path: '.', editable: true } }]]));
 */
export function withLocalPackages(source: PackageSource, locals: ReadonlyMap<string, LocalPackage>): PackageSource {
  if (locals.size === 0) return source;
  const byName = new Map([...locals].map(([k, v]) => [normalizeName(k), v]));
  return {
    getProject(name: NormalizedName): Promise<ProjectInfo | undefined> | ProjectInfo | undefined {
      const local = byName.get(name);
      return local ? { name, releases: [{ version: local.version, files: [] }] } : source.getProject(name);
    },
    getMetadata(name: NormalizedName, version: string): Promise<ReleaseMetadata> | ReleaseMetadata {
      const local = byName.get(name);
      if (!local) return source.getMetadata(name, version);
      return {
        kind: 'available', name, version: local.version, requiresDist: [...local.requiresDist],
        ...(local.requiresPython ? { requiresPython: local.requiresPython } : {}), providesExtra: [...(local.providesExtra ?? [])],
      };
    },
    prefetch(requests) {
      source.prefetch?.(requests.filter((r) => !byName.has(r.name)));
    },
  };
}
