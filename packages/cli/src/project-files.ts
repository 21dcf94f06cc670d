// Reading the project's Pipfile and Pipfile.lock through @pipgrub/lockfile, with file names in
// errors. Only reading: every write goes through the libraries' atomic writers.

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parsePipfile, readLockfile, type Lockfile, type Pipfile } from '@pipgrub/lockfile';
import type { Context } from './context';
import type { ProjectPaths } from './project';

/** A path as the user should see it: relative to the working directory when that is shorter. */
export function displayPath(ctx: Context, path: string): string {
  const rel = relative(ctx.cwd, path);
  return rel && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

/** Parse the project's Pipfile (a TOML or schema problem becomes a LockfileError naming file:line). */
export function loadPipfile(ctx: Context, project: ProjectPaths = ctx.project()): { pipfile: Pipfile; text: string } {
  const text = readFileSync(project.pipfile, 'utf8');
  return { pipfile: parsePipfile(text, { path: displayPath(ctx, project.pipfile) }), text };
}

/** Read Pipfile.lock, or `undefined` when the project has none yet. */
export function loadLock(ctx: Context, project: ProjectPaths = ctx.project()): Lockfile | undefined {
  return loadLockWithText(ctx, project).lock;
}

/** Pipfile.lock parsed and as text (to skip rewriting identical bytes); both undefined when absent. */
export function loadLockWithText(ctx: Context, project: ProjectPaths): { lock: Lockfile | undefined; text: string | undefined } {
  let text: string;
  try {
    text = readFileSync(project.lockfile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { lock: undefined, text: undefined };
    throw e;
  }
  return { lock: readLockfile(text, { path: displayPath(ctx, project.lockfile) }), text };
}
