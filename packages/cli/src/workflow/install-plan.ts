// ADAPTER (should move to a library, e.g. @pipgrub/venv or pypi-source: "lock entries -> wheels to
// install for this interpreter"): choose, for each locked package that applies to the target, the
// index file whose hash the lock lists and whose tags the target accepts.

import type { DistributionFile, PackageSource } from '@pipgrub/core-resolver';
import type { Lockfile, LockEntry } from '@pipgrub/lockfile';
import type { WantedPackage } from '@pipgrub/venv';
import { CliError } from '../errors';

/** Decides whether a lock entry's marker holds for the target (`undefined` marker: always). */
export type MarkerCheck = (marker: string) => boolean;

/** The lock entries of `sections`, later sections overriding earlier ones, markers applied. */
export function lockedPackages(lock: Lockfile, sections: readonly string[], markerHolds: MarkerCheck): Map<string, LockEntry> {
  const out = new Map<string, LockEntry>();
  for (const section of sections) {
    for (const [name, entry] of Object.entries(lock.sections[section] ?? {})) {
      if (entry.markers && !markerHolds(entry.markers)) continue;
      out.set(name, entry);
    }
  }
  return out;
}

function sha256(file: DistributionFile): string | undefined {
  return file.hashes.sha256?.toLowerCase();
}

/**
 * The wheels to install for `packages`, found in `source` by the locked hashes.
 * @example const wanted = await installPlan(source, lockedPackages(lock, ['default'], () => true));
 */
export async function installPlan(source: PackageSource, packages: ReadonlyMap<string, LockEntry>): Promise<WantedPackage[]> {
  const names = [...packages.keys()];
  source.prefetch?.(names.map((name) => ({ name: name as never })));
  return Promise.all(
    names.map(async (name) => {
      const entry = packages.get(name)!;
      if (!entry.version) {
        throw new CliError('CLI_UNSUPPORTED_REQUIREMENT', `Pipfile.lock: ${name} is a path, file or VCS entry, which pipgrub cannot install yet.`);
      }
      const version = entry.version.replace(/^===?/, '');
      const project = await source.getProject(name as never);
      const release = project?.releases.find((r) => r.version === version || r.version.replace(/^v/, '') === version);
      if (!release) {
        throw new CliError('CLI_LOCKED_VERSION_MISSING', `${name} ${version} from Pipfile.lock is not on the index any more.`, {
          hint: `Run \`pipgrub update ${name}\` to pick another version.`,
        });
      }
      const allowed = new Set((entry.hashes ?? []).filter((h) => h.startsWith('sha256:')).map((h) => h.slice(7).toLowerCase()));
      const wheels = release.files.filter((f) => f.kind === 'wheel' && f.compatible !== false && (allowed.size === 0 || allowed.has(sha256(f) ?? '')));
      const file = wheels[0];
      if (!file) {
        const onlySdist = release.files.some((f) => f.kind === 'sdist');
        throw new CliError('CLI_NO_WHEEL', `${name} ${version} has no wheel for this Python${onlySdist ? ' (only an sdist, and pipgrub does not build sdists)' : ''}.`, {
          hint: 'Pick a version with a compatible wheel, e.g. `pipgrub install "' + name + '<' + version + '"`.',
        });
      }
      // The chosen file's own digest (one of the locked ones): what the download is verified against.
      const hashes = Object.entries(file.hashes).map(([a, h]) => `${a}:${h.toLowerCase()}`);
      return { name, version, url: file.url, hashes };
    }),
  );
}
