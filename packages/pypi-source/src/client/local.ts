// Local sources without a server: a find-links directory of wheels/sdists (hashes computed from the
// files) and find-links pages; `file://` indexes go through the normal page path of the Fetcher.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { IndexFile } from '../index/page';

/** Whether a find-links entry names a local directory (plain path or `file://`). */
export function isLocalPath(entry: string): boolean {
  return entry.startsWith('file:') || !/^[a-z][a-z0-9+.-]*:\/\//i.test(entry);
}

/** Local path of a plain path or `file://` URL. */
export function toPath(entry: string): string {
  return entry.startsWith('file:') ? fileURLToPath(entry) : entry;
}

/**
 * List a find-links directory as index files (sha256 computed, since lock files need hashes).
 * @example const files = await listFindLinksDir('./wheelhouse');
 */
export async function listFindLinksDir(dir: string): Promise<IndexFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: IndexFile[] = [];
  for (const name of names.sort()) {
    if (!/\.(whl|tar\.gz|zip|tgz|tar\.bz2|tar\.xz)$/i.test(name)) continue;
    const path = join(dir, name);
    const bytes = await readFile(path).catch(() => undefined);
    if (!bytes) continue;
    const file: IndexFile = {
      filename: name,
      url: pathToFileURL(path).toString(),
      hashes: { sha256: createHash('sha256').update(bytes).digest('hex') },
      size: bytes.length,
    };
    out.push(file);
  }
  return out;
}
