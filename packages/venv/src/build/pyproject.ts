// `pyproject.toml` `[build-system]` (PEP 517/518): the backend to call, where an in-tree backend lives
// and what the build needs installed; pip's legacy setuptools default when the table is missing.

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { VenvError } from '../errors';

/** What a source tree needs to be built: from `[build-system]`, or pip's default. */
export interface BuildSystem {
  /** PEP 508 requirements of the build environment (`requires`). */
  requires: string[];
  /** `module:object` of the backend (`build-backend`). */
  backend: string;
  /** In-tree backend folders, relative to the project (`backend-path`). */
  backendPath: string[];
  /** Where this came from: the table, or the default used when there is no pyproject.toml / no table. */
  origin: 'pyproject' | 'default';
}

/** The build system pip assumes for a project without `[build-system]` (setup.py via setuptools). */
export const DEFAULT_BUILD_SYSTEM: Readonly<BuildSystem> = Object.freeze({
  requires: ['setuptools>=40.8.0'],
  backend: 'setuptools.build_meta:__legacy__',
  backendPath: [],
  origin: 'default' as const,
});

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Parse the `[build-system]` of a pyproject.toml text (`file` names it in errors). As pip does: no
 * table -> the legacy setuptools default; a table without `build-backend` -> the legacy backend
 * with the table's `requires`; `requires` is mandatory when the table exists.
 * @example parseBuildSystem('[build-system]\nrequires = []\nbuild-backend = "be"\nbackend-path = ["_b"]\n').backendPath // ['_b']
 */
export function parseBuildSystem(text: string, file = 'pyproject.toml'): BuildSystem {
  let data: Record<string, unknown>;
  try {
    data = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const line = e instanceof TomlError ? `:${e.line}` : '';
    throw new VenvError('BAD_PYPROJECT', `${file}${line}: invalid TOML: ${(e as Error).message.split('\n')[0]}`, { cause: e, hint: 'fix the TOML syntax of pyproject.toml' });
  }
  const table = data['build-system'];
  if (table === undefined) return { ...DEFAULT_BUILD_SYSTEM, requires: [...DEFAULT_BUILD_SYSTEM.requires] };
  const bad = (key: string, what: string): never => {
    throw new VenvError('BAD_PYPROJECT', `${file}: [build-system] ${key} ${what}`, { hint: 'see PEP 517/518 for the [build-system] table' });
  };
  if (typeof table !== 'object' || table === null || Array.isArray(table)) return bad('', 'must be a table');
  const t = table as Record<string, unknown>;
  if (t.requires === undefined) bad('requires', 'is missing (PEP 518 makes it mandatory)');
  if (!isStringArray(t.requires)) return bad('requires', 'must be an array of strings');
  const backend = t['build-backend'];
  if (backend !== undefined && (typeof backend !== 'string' || !/^[A-Za-z_][\w.]*(:[A-Za-z_][\w.]*)?$/.test(backend.trim()))) {
    bad('build-backend', 'must be a string like "package.module:object"');
  }
  const backendPath = t['backend-path'];
  if (backendPath !== undefined && !isStringArray(backendPath)) bad('backend-path', 'must be an array of strings');
  for (const p of (backendPath as string[] | undefined) ?? []) {
    if (path.isAbsolute(p) || path.normalize(p).split(/[\\/]/)[0] === '..') bad('backend-path', `entry ${JSON.stringify(p)} must be a path inside the project`);
  }
  return {
    requires: t.requires,
    backend: typeof backend === 'string' ? backend.trim() : DEFAULT_BUILD_SYSTEM.backend,
    backendPath: (backendPath as string[] | undefined) ?? [],
    origin: 'pyproject',
  };
}

/**
 * The build system of a source tree: its pyproject.toml's `[build-system]`, or pip's default when
 * there is none (a setup.py project). A folder with neither pyproject.toml nor setup.py is refused.
 * @example const bs = await readBuildSystem('/src/myproject'); bs.backend // 'setuptools.build_meta'
 */
export async function readBuildSystem(dir: string): Promise<BuildSystem> {
  const file = path.join(dir, 'pyproject.toml');
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    text = undefined;
  }
  if (text !== undefined) return parseBuildSystem(text, file);
  try {
    await readFile(path.join(dir, 'setup.py'));
  } catch {
    throw new VenvError('LOCAL_PROJECT_INVALID', `${dir} is not a Python project: it has neither pyproject.toml nor setup.py`, {
      hint: 'point the path at the folder that holds pyproject.toml or setup.py',
    });
  }
  return { ...DEFAULT_BUILD_SYSTEM, requires: [...DEFAULT_BUILD_SYSTEM.requires] };
}
