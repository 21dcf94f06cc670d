// Test-only: a Pipfile.lock entry as written (JSON) turned back into the ResolvedPackage `lockEntry`
// and `buildLock` take, so corpus locks and goldens can be rebuilt and compared byte for byte.
import type { ResolvedPackage } from './build-lock';

/**
 * The ResolvedPackage whose lock entry is `e` (version, hashes, markers, index, extras, editable,
 * path, file, and a git/hg/svn/bzr source with its ref and subdirectory).
 * @example resolvedFromEntry('six', { version: '==1.16.0', hashes: ['sha256:...'] }).version // '==1.16.0'
 */
export function resolvedFromEntry(name: string, e: Record<string, unknown>): ResolvedPackage {
  const vcsKind = (['git', 'hg', 'svn', 'bzr'] as const).find((k) => typeof e[k] === 'string');
  return {
    name,
    version: typeof e.version === 'string' ? e.version : undefined,
    hashes: e.hashes as string[] | undefined,
    markers: e.markers as string | undefined,
    index: e.index as string | undefined,
    extras: e.extras as string[] | undefined,
    editable: e.editable as boolean | undefined,
    path: e.path as string | undefined,
    file: e.file as string | undefined,
    vcs: vcsKind ? { kind: vcsKind, url: e[vcsKind] as string, ref: e.ref as string | undefined, subdirectory: e.subdirectory as string | undefined } : undefined,
  };
}
