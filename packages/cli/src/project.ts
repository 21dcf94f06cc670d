// Project discovery as Pipenv does it: PIPENV_PIPFILE if set, else the nearest Pipfile in the current
// directory or its parents (PIPENV_MAX_DEPTH directories in all). The project root is its folder.

import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CliError } from './errors';

/** Where a project's files are. */
export interface ProjectPaths {
  root: string;
  pipfile: string;
  lockfile: string;
}

/** Paths for a project rooted at `root` (whether or not the files exist yet). */
export function projectAt(root: string, pipfileName = 'Pipfile'): ProjectPaths {
  const pipfile = join(root, pipfileName);
  return { root, pipfile, lockfile: `${pipfile}.lock` };
}

/**
 * Find the project for `cwd`, or `undefined` when there is no Pipfile within reach.
 * @example findProject('/home/me/app/src', {}, 3) // { root: '/home/me/app', pipfile: '/home/me/app/Pipfile', ... }
 */
export function findProject(cwd: string, pipfileOverride: string | undefined, maxDepth: number): ProjectPaths | undefined {
  if (pipfileOverride) {
    const pipfile = resolve(cwd, pipfileOverride);
    if (!existsSync(pipfile)) {
      throw new CliError('CLI_NO_PIPFILE', `PIPENV_PIPFILE points to ${pipfile}, which does not exist.`, {
        hint: 'Fix PIPENV_PIPFILE or unset it to search from the current directory.',
      });
    }
    return { root: dirname(pipfile), pipfile, lockfile: `${pipfile}.lock` };
  }
  let dir = resolve(cwd);
  for (let i = 0; i < Math.max(1, maxDepth); i++) {
    const candidate = join(dir, 'Pipfile');
    if (existsSync(candidate) && statSync(candidate).isFile()) return projectAt(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/** Like `findProject`, but a missing Pipfile is an error with a hint. */
export function requireProject(cwd: string, pipfileOverride: string | undefined, maxDepth: number): ProjectPaths {
  const found = findProject(cwd, pipfileOverride, maxDepth);
  if (found) return found;
  throw new CliError('CLI_NO_PIPFILE', `No Pipfile found in ${resolve(cwd)} or its parents.`, {
    hint: 'Run `pipgrub install` to create one, or set PIPENV_PIPFILE.',
  });
}
