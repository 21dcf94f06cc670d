// From a lock to what sync installs: for each locked package that applies to the target, the wheel
// the lock lists a hash for that ranks best in the interpreter's supported tags.

import type { DistributionFile, PackageSource } from '@pipgrub/core-resolver';
import type { LockEntry } from '@pipgrub/lockfile';
import { VenvError } from '../errors';
import type { WantedPackage } from '../sync';
import { bestWheel } from './select';

/** The outcome of choosing a lock entry's wheel among a release's files. */
export type LockedWheelChoice =
  | { kind: 'chosen'; want: WantedPackage }
  | { kind: 'no-wheel'; onlySdist: boolean };

/**
 * The wheel to install for one locked release: among `files`, the compatible wheels whose sha256 the
 * lock lists (any, when it lists none), the one ranked best by `tags`; its own digest is what the
 * download is then verified against (not the sdist's listed next to it).
 * @example chooseLockedWheel('six', '1.16.0', { hashes: ['sha256:ff…'] }, release.files, await supportedTags(py))
 */
export function chooseLockedWheel(name: string, version: string, entry: Pick<LockEntry, 'hashes'>, files: readonly DistributionFile[], tags: readonly string[]): LockedWheelChoice {
  const allowed = new Set((entry.hashes ?? []).filter((h) => h.startsWith('sha256:')).map((h) => h.slice(7).toLowerCase()));
  const wheels = files.filter((f) => f.kind === 'wheel' && f.compatible !== false && (allowed.size === 0 || allowed.has(f.hashes['sha256']?.toLowerCase() ?? '')));
  const file = wheels[bestWheel(wheels.map((f) => f.filename), tags)];
  if (!file) return { kind: 'no-wheel', onlySdist: files.some((f) => f.kind === 'sdist') };
  const hashes = Object.entries(file.hashes).map(([a, h]) => `${a}:${h.toLowerCase()}`);
  return { kind: 'chosen', want: { name, version, url: file.url, hashes } };
}

/** Options of {@link lockedWheels}. */
export interface LockedWheelsOptions {
  /** Wheel tags the target accepts, best first (see `supportedTags`). */
  tags: readonly string[];
  /** Whether a lock entry's `markers` hold for the target; entries whose marker fails are skipped. */
  markerHolds?: (marker: string) => boolean;
}

/**
 * The wheels to install for lock entries (e.g. `lockedEntries(lock, ['default'])`), found in `source`
 * by the locked versions and hashes; throws a VenvError naming the package when one cannot be had.
 * @example const wanted = await lockedWheels(source, lockedEntries(lock, ['default']), { tags: await supportedTags(py) });
 */
export async function lockedWheels(source: PackageSource, entries: ReadonlyMap<string, LockEntry>, options: LockedWheelsOptions): Promise<WantedPackage[]> {
  const applicable = [...entries].filter(([, e]) => !e.markers || !options.markerHolds || options.markerHolds(e.markers));
  source.prefetch?.(applicable.map(([name]) => ({ name: name as never })));
  return Promise.all(
    applicable.map(async ([name, entry]) => {
      if (!entry.version) {
        throw new VenvError('LOCK_ENTRY_UNSUPPORTED', `Pipfile.lock: ${name} is a path, file or VCS entry, not an index package.`, {
          hint: 'split the entries with splitLocalEntries and install the local ones with localWheels',
        });
      }
      const version = entry.version.replace(/^===?/, '');
      const project = await source.getProject(name as never);
      const release = project?.releases.find((r) => r.version === version || r.version.replace(/^v/, '') === version);
      if (!release) {
        throw new VenvError('LOCKED_VERSION_MISSING', `${name} ${version} from Pipfile.lock is not on the index any more.`, {
          hint: `Run \`pipgrub update ${name}\` to pick another version.`,
        });
      }
      const choice = chooseLockedWheel(name, version, entry, release.files, options.tags);
      if (choice.kind === 'chosen') return choice.want;
      throw new VenvError('NO_COMPATIBLE_WHEEL', `${name} ${version} has no wheel for this Python${choice.onlySdist ? ' (only an sdist, and pipgrub does not build sdists)' : ''}.`, {
        hint: `Pick a version with a compatible wheel, e.g. \`pipgrub install "${name}<${version}"\`.`,
      });
    }),
  );
}
