// From a lock's local entries (path, file, git) to what sync installs: decide per entry whether the
// installed copy can stay, and otherwise build (or take from the cache) the wheel to install.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import type { LockEntry } from '@pipgrub/lockfile';
import { VenvError } from '../errors';
import type { InstalledDistribution } from '../installed/distributions';
import type { WantedPackage } from '../sync';
import type { LocalMetadata } from './frontend';
import { directUrlOf, isLocalEntry, localProjectSpec, type LocalProjects } from './local-project';

/** Options of {@link localWheels}. */
export interface LocalWheelsOptions {
  /** The folder of the Pipfile (relative `path`/`file` entries are resolved against it). */
  projectDir: string;
  /** What the environment holds now (see `listInstalled`); decides what can stay. */
  installed: readonly InstalledDistribution[];
  /** Whether a lock entry's `markers` hold for the target; entries whose marker fails are skipped. */
  markerHolds?: (marker: string) => boolean;
}

/**
 * Split lock entries into index packages and local projects (path, file, VCS).
 * @example const { index, local } = splitLocalEntries(lockedEntries(lock, ['default']));
 */
export function splitLocalEntries(entries: ReadonlyMap<string, LockEntry>): { index: Map<string, LockEntry>; local: Map<string, LockEntry> } {
  const index = new Map<string, LockEntry>();
  const local = new Map<string, LockEntry>();
  for (const [name, e] of entries) (isLocalEntry(e) ? local : index).set(name, e);
  return { index, local };
}

interface InstalledDirectUrl {
  url?: string;
  dir_info?: { editable?: boolean };
  vcs_info?: { commit_id?: string };
  archive_info?: { hash?: string; hashes?: Record<string, string> };
}

/** Whether the installed METADATA says the same as freshly prepared metadata (version and dependencies). */
async function sameMetadata(d: InstalledDistribution, m: LocalMetadata): Promise<boolean> {
  if (d.version !== m.version) return false;
  let text: string;
  try {
    text = await readFile(path.join(d.distInfo, 'METADATA'), 'utf8');
  } catch {
    return false;
  }
  const { parseCoreMetadata } = await import('@pipgrub/pypi-source');
  const parsed = parseCoreMetadata(text);
  if (!parsed.ok) return false;
  const key = (x: { requiresDist: string[]; requiresPython?: string | undefined; providesExtra: string[] }) =>
    JSON.stringify([[...x.requiresDist].sort(), x.requiresPython ?? '', [...x.providesExtra].sort()]);
  return key(parsed.metadata) === key(m);
}

/**
 * What to install for the local entries of a lock. The policy (documented in the venv README):
 * - editable path: reinstalled only when the project's metadata (version, dependencies, extras,
 *   Requires-Python) changed — the code itself is live, so nothing else needs a reinstall;
 * - non-editable path: rebuilt and reinstalled on every sync (as uv does: its files may have changed);
 * - file archive: kept while the installed copy records the locked archive hash (no build);
 * - git (editable or not): kept while the installed copy records the locked commit (no build; built
 *   wheels of commits are cached).
 * @example const wanted = await localWheels(projects, local, { projectDir, installed: await listInstalled(env) });
 */
export async function localWheels(projects: LocalProjects, entries: ReadonlyMap<string, LockEntry>, options: LocalWheelsOptions): Promise<WantedPackage[]> {
  const have = new Map(options.installed.map((d) => [d.key, d]));
  const out: WantedPackage[] = [];
  for (const [name, entry] of entries) {
    if (entry.markers && options.markerHolds && !options.markerHolds(entry.markers)) continue;
    const spec = localProjectSpec(name, entry, options.projectDir);
    if (spec.kind === 'git' && !(entry.ref && /^[0-9a-f]{40}$/.test(entry.ref))) {
      throw new VenvError('LOCK_ENTRY_UNSUPPORTED', `Pipfile.lock: ${name} is a git entry without a resolved commit (ref)`, { hint: 'run `pipgrub lock` to pin it' });
    }
    const d = have.get(normalizeName(name));
    const du = (d?.directUrl ?? undefined) as InstalledDirectUrl | undefined;
    const wanted = directUrlOf(spec, { hashes: entry.hashes, commit: entry.ref });
    const keep = (): WantedPackage => ({ name, version: d!.version, directUrl: wanted });
    if (d && du?.url === wanted.url) {
      // A git install (editable ones too: their code lives in the commit's checkout) at the locked commit.
      if (spec.kind === 'git' && du.vcs_info?.commit_id === entry.ref) {
        out.push(keep());
        continue;
      }
      if (spec.kind === 'file') {
        const recorded = du.archive_info?.hashes?.sha256 ?? /^sha256=([0-9a-f]+)$/.exec(du.archive_info?.hash ?? '')?.[1];
        if (recorded && (entry.hashes ?? []).includes(`sha256:${recorded}`)) {
          out.push(keep());
          continue;
        }
      }
      if (spec.kind === 'path' && spec.editable && du.dir_info?.editable) {
        const prepared = await projects.prepare(name, spec);
        if (await sameMetadata(d, prepared.metadata)) {
          out.push(keep());
          continue;
        }
      }
    }
    const built = await projects.wheel(name, spec);
    if (spec.kind === 'file' && entry.hashes?.length && built.hashes && !built.hashes.some((h) => entry.hashes!.includes(h))) {
      throw new VenvError('HASH_MISMATCH', `${name}: ${spec.location} does not match the hashes in Pipfile.lock (it is ${built.hashes[0]})`, {
        hint: 'the archive changed since it was locked: run `pipgrub lock` if the change is expected',
      });
    }
    out.push({ name, version: built.metadata.version, path: built.wheel, directUrl: directUrlOf(spec, { hashes: built.hashes ?? entry.hashes, commit: built.commit ?? entry.ref }), reinstall: true });
  }
  return out;
}
