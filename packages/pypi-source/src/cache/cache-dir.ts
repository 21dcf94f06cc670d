// Where pipgrub keeps its cache: `$PIPGRUB_CACHE_DIR`, else the platform's user cache directory
// (~/.cache/pipgrub, ~/Library/Caches/pipgrub, %LOCALAPPDATA%\pipgrub\Cache).
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The default cache directory for this platform and environment.
 * @example defaultCacheDir({ PIPGRUB_CACHE_DIR: '/tmp/c' }) // '/tmp/c'
 */
export function defaultCacheDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const explicit = env['PIPGRUB_CACHE_DIR'];
  if (explicit) return explicit;
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(home, 'AppData', 'Local'), 'pipgrub', 'Cache');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'pipgrub');
  return join(env['XDG_CACHE_HOME'] || join(home, '.cache'), 'pipgrub');
}
