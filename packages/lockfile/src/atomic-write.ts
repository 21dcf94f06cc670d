// Atomic file replacement: write a temp file in the same directory, fsync it, rename it over the
// target, fsync the directory. Readers see the old file or the new one, never half of either.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LockfileError } from './errors';

export interface WriteFileAtomicOptions {
  /** File mode for a new file (an existing file's mode is kept). Default 0o644. */
  mode?: number;
}

/**
 * Replace `file` with `data` atomically (temp file + fsync + rename).
 * @example await writeFileAtomic('Pipfile.lock', writeLockfile(lock));
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let mode = options.mode ?? 0o644;
  try {
    mode = (await fs.stat(file)).mode & 0o7777;
  } catch {
    // new file: keep the default mode
  }
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, file);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new LockfileError('WRITE_FAILED', `could not write: ${(e as Error).message}`, { file, cause: e, hint: 'check that the directory exists and is writable' });
  }
  try {
    const d = await fs.open(dir, 'r');
    await d.sync().catch(() => undefined);
    await d.close();
  } catch {
    // directories cannot be opened for fsync on some platforms; the rename already happened
  }
}
