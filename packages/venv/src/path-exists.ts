// Whether a path exists, without following a final symlink (lstat): a dangling link still counts, which
// is what venv creation and installs need before they replace or refuse a path.
import { lstat } from 'node:fs/promises';

/** `true` when something (a file, directory or link, even a dangling one) is at `p`. */
export async function pathExists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}
