// Where pipgrub keeps per-user state: the cache root ($PIPGRUB_CACHE_DIR, else XDG / platform
// conventions). Only locations here; what goes inside is decided by the modules that use them.
import os from 'node:os';
import path from 'node:path';

/**
 * The default cache root.
 * @example defaultCacheDir() // '/home/me/.cache/pipgrub'
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PIPGRUB_CACHE_DIR) return path.resolve(env.PIPGRUB_CACHE_DIR);
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'pipgrub', 'Cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'pipgrub');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'pipgrub');
}
