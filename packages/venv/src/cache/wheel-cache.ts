// The global, content-addressed cache: downloaded wheels and their unpacked (verified) trees, both
// keyed by the wheel's sha256, so a second environment with the same packages only makes hardlinks.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultCacheDir } from './dirs';

/** One file of an unpacked wheel, as verified against RECORD. */
export interface UnpackedFile {
  /** Archive path (`/`-separated). */
  path: string;
  /** RECORD-style `sha256=...`. */
  hash: string;
  size: number;
  executable: boolean;
}

/** What the cache remembers about an unpacked wheel (written last: its presence means complete). */
export interface UnpackManifest {
  sha256: string;
  filename: string;
  name: string;
  version: string;
  distInfo: string;
  rootIsPurelib: boolean;
  files: UnpackedFile[];
  /** The wheel's RECORD text, verbatim. */
  record: string;
  /** The wheel's entry_points.txt text, or empty. */
  entryPoints: string;
}

/**
 * The cache layout: `wheels/<sha256>/<file>.whl` and `unpacked/<sha256>/` + `unpacked/<sha256>.json`.
 * @example const cache = new WheelCache(); const hit = await cache.unpacked(sha);
 */
export class WheelCache {
  readonly root: string;

  constructor(root: string = defaultCacheDir()) {
    this.root = path.resolve(root);
  }

  unpackedDir(sha256: string): string {
    return path.join(this.root, 'unpacked', sha256);
  }

  /** The manifest of a complete unpacked tree, or null. */
  async unpacked(sha256: string): Promise<UnpackManifest | null> {
    try {
      return JSON.parse(await readFile(`${this.unpackedDir(sha256)}.json`, 'utf8')) as UnpackManifest;
    } catch {
      return null;
    }
  }

  /** A fresh temporary directory inside the cache (same filesystem as its final place). */
  async tempDir(prefix: string): Promise<string> {
    const dir = path.join(this.root, 'tmp', `${prefix}-${process.pid}-${Math.random().toString(36).slice(2)}`);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  /**
   * Move a finished tree into place, then write its manifest (the completeness marker). If another
   * process already placed the same hash, keep its tree: the content is the same verified bytes, so
   * writing our manifest next to it is correct even if that process died before writing its own.
   */
  async publishUnpacked(tmpDir: string, manifest: UnpackManifest): Promise<void> {
    const dir = this.unpackedDir(manifest.sha256);
    await mkdir(path.dirname(dir), { recursive: true });
    try {
      await rename(tmpDir, dir);
    } catch (e) {
      await rm(tmpDir, { recursive: true, force: true });
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM') throw e;
      if (await this.unpacked(manifest.sha256)) return;
    }
    const json = `${dir}.json`;
    const tmpJson = `${json}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    await writeFile(tmpJson, JSON.stringify(manifest));
    await rename(tmpJson, json);
  }

  /** A cached wheel file with this sha256, or null. */
  async wheel(sha256: string): Promise<string | null> {
    const dir = path.join(this.root, 'wheels', sha256);
    const names = await readdir(dir).catch(() => [] as string[]);
    const name = names.find((n) => n.endsWith('.whl'));
    return name ? path.join(dir, name) : null;
  }

  /** Store a verified wheel file under its hash (hardlink, else copy). Returns the cached path. */
  async storeWheel(file: string, sha256: string, filename = path.basename(file)): Promise<string> {
    const dir = path.join(this.root, 'wheels', sha256);
    await mkdir(dir, { recursive: true });
    const dest = path.join(dir, filename);
    const tmp = `${dest}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    await linkOrCopy(file, tmp);
    await rename(tmp, dest);
    return dest;
  }

  /** Remove everything. */
  async clear(): Promise<void> {
    await rm(this.root, { recursive: true, force: true });
  }
}

/**
 * Hardlink `src` to `dest`, copying when links are impossible (cross-device, unsupported fs).
 * @example await linkOrCopy(cachedFile, stagedFile) // 'link' | 'copy'
 */
export async function linkOrCopy(src: string, dest: string): Promise<'link' | 'copy'> {
  try {
    await link(src, dest);
    return 'link';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw e;
    await copyFile(src, dest);
    return 'copy';
  }
}

/** Streaming digest of a file (hex). */
export function fileDigest(file: string, algorithm = 'sha256'): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash(algorithm);
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}
