// Removing directories that an uninstall or a replaced version left empty, bottom-up, without ever
// climbing above the environment's own roots (site-packages, bin, the prefix itself).
import { rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { VirtualEnv } from '../create/layout';

/**
 * Remove directories left empty by removed files, bottom-up, never above the env's scheme roots.
 * @example await pruneEmptyDirs(['/p/.venv/lib/python3.12/site-packages/six/__init__.py'], env);
 */
export async function pruneEmptyDirs(removed: readonly string[], env: VirtualEnv): Promise<void> {
  const stops = new Set([env.root, env.scheme.purelib, env.scheme.platlib, env.scheme.scripts, env.scheme.data, path.join(env.root, 'include')]);
  const dirs = new Set<string>();
  for (const f of removed) {
    let d = path.dirname(f);
    while (!stops.has(d) && d.startsWith(env.root + path.sep)) {
      dirs.add(d);
      d = path.dirname(d);
    }
  }
  for (const d of [...dirs].sort((a, b) => b.length - a.length)) {
    await rmdir(d).catch(() => undefined);
  }
}
