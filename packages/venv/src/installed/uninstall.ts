// RECORD-driven uninstall that works on what pip installed too: files are moved aside first and
// deleted only when every move succeeded, so a failure restores the environment.
import { lstat, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { VenvError, describe } from '../errors';
import type { VirtualEnv } from '../create/layout';
import { pruneEmptyDirs } from '../wheel/staged-install';
import { readRecordPaths, type InstalledDistribution } from './distributions';

/**
 * Remove an installed distribution (all RECORD files, its bytecode, then empty directories).
 * Returns the paths removed.
 * @example
 * const dist = (await listInstalled(env)).find((d) => d.key === 'requests');
 * if (dist) await uninstallDistribution(env, dist);
 */
export async function uninstallDistribution(env: VirtualEnv, dist: InstalledDistribution): Promise<string[]> {
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
  const trash = path.join(env.root, `.pipgrub-trash-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  await mkdir(trash);
  const moved: Array<[string, string]> = [];
  try {
    let i = 0;
    for (const p of inside) {
      try {
        await lstat(p);
      } catch {
        continue;
      }
      const to = path.join(trash, `t${i++}`);
      await rename(p, to);
      moved.push([p, to]);
    }
  } catch (e) {
    for (const [from, to] of moved.reverse()) await rename(to, from).catch(() => undefined);
    await rm(trash, { recursive: true, force: true });
    throw new VenvError('UNINSTALL_FAILED', `Uninstalling ${dist.name} ${dist.version} failed and was rolled back: ${describe(e)}`, { cause: e });
  }
  await rm(trash, { recursive: true, force: true });
  const removed = moved.map(([p]) => p);
  await pruneEmptyDirs([...removed, path.join(dist.distInfo, 'RECORD')], env);
  return removed;
}
