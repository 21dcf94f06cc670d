// RECORD-driven uninstall that works on what pip installed too: files are moved aside into a commit
// journal and deleted only when the whole change succeeded, so a failure restores the environment.
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { VenvError, describe } from '../errors';
import type { VirtualEnv } from '../create/layout';
import { withSignalsDeferred } from '../critical-section';
import { CommitJournal } from '../wheel/commit-journal';
import { readRecordPaths, type InstalledDistribution } from './distributions';

/**
 * Remove an installed distribution (all RECORD files, its bytecode, then empty directories).
 * Returns the paths removed. With a shared `journal` the files stay restorable until the caller
 * finishes or rolls back the journal; without one, a failure restores them before throwing.
 * @example
 * const dist = (await listInstalled(env)).find((d) => d.key === 'requests');
 * if (dist) await uninstallDistribution(env, dist);
 */
export async function uninstallDistribution(env: VirtualEnv, dist: InstalledDistribution, journal?: CommitJournal): Promise<string[]> {
  let paths: string[];
  try {
    paths = await readRecordPaths(dist);
  } catch (e) {
    throw new VenvError('UNINSTALL_FAILED', `Cannot uninstall ${dist.name} ${dist.version}: no readable RECORD in ${dist.distInfo}`, {
      cause: e,
      hint: 'It was probably installed by a tool that does not write RECORD; remove it by hand.',
    });
  }
  const inside = paths.filter((p) => p.startsWith(env.root + path.sep));
  const log = journal ?? (await CommitJournal.open(env));
  const removed: string[] = [];
  try {
    for (const p of inside) {
      try {
        await lstat(p);
      } catch {
        continue;
      }
      await log.moveAside(p);
      removed.push(p);
    }
  } catch (e) {
    if (!journal) await log.rollback();
    const undone = journal ? '' : ' and was rolled back';
    throw new VenvError('UNINSTALL_FAILED', `Uninstalling ${dist.name} ${dist.version} failed${undone}: ${describe(e)}`, { cause: e });
  }
  log.emptiedFrom([...removed, path.join(dist.distInfo, 'RECORD')]);
  if (!journal) await log.finish();
  return removed;
}

/** Options of {@link uninstallDistributions}. */
export interface UninstallManyOptions {
  /** Once aborted, the removals stop and the ones already done are restored. */
  signal?: AbortSignal;
  /** Called after each distribution was moved out (e.g. for progress output). */
  onRemoved?: (dist: InstalledDistribution) => void;
}

/**
 * Remove several distributions all-or-nothing: one journal for all of them, SIGINT/SIGTERM deferred
 * meanwhile. A failure, an aborted `signal` or a signal mid-way restores every one of them.
 * @example
 * const extraneous = (await listInstalled(env)).filter((d) => !locked.has(d.key));
 * await uninstallDistributions(env, extraneous);
 */
export async function uninstallDistributions(env: VirtualEnv, dists: readonly InstalledDistribution[], options: UninstallManyOptions = {}): Promise<string[]> {
  if (dists.length === 0) return [];
  return withSignalsDeferred(async (watch) => {
    const journal = await CommitJournal.open(env);
    const removed: string[] = [];
    try {
      for (const dist of dists) {
        const why = watch.received ?? (options.signal?.aborted ? 'abort' : null);
        if (why) throw new VenvError('SYNC_INTERRUPTED', `Interrupted (${why}) while uninstalling from ${env.root}; every removal was rolled back.`);
        await uninstallDistribution(env, dist, journal);
        removed.push(`${dist.name}==${dist.version}`);
        options.onRemoved?.(dist);
      }
      await journal.finish();
    } catch (e) {
      await journal.rollback();
      throw e;
    }
    return removed;
  });
}
