// The Python a project uses, found WITHOUT creating anything: the existing virtualenv's interpreter,
// or the one --python / PIPENV_PYTHON / PIPENV_DEFAULT_PYTHON_VERSION / Pipfile [requires] asks for.
// Resolution targets its marker environment; the venv itself is only created when syncing succeeds.

import type { TargetEnvironment } from '@pipgrub/core-resolver';
import type { Pipfile } from '@pipgrub/lockfile';
import { findPython, openVenv, parsePythonRequest, requestFromPipfileRequires, requestMatches, type InterpreterInfo, type PythonRequest, type VirtualEnv } from '@pipgrub/venv';
import type { Context } from '../context';
import { venvExists, venvRoot } from '../venv-paths';
import type { ProjectPaths } from '../project';

export interface ProjectTarget {
  /** Where the project's virtualenv is (or will be). */
  venvRoot: string;
  /** The existing virtualenv, if any (and if it has the Python asked for). */
  venv: VirtualEnv | undefined;
  /** A virtualenv exists with another Python than --python asks for: sync replaces it. */
  recreate: boolean;
  interpreter: InterpreterInfo;
  environment: TargetEnvironment;
}

/** The interpreter request in Pipenv's precedence order. */
export function pythonRequest(ctx: Context, pipfile: Pipfile | undefined): PythonRequest {
  const explicit = ctx.value('python') ?? ctx.settings.python;
  if (explicit) return parsePythonRequest(explicit);
  const fromPipfile = pipfile ? requestFromPipfileRequires(pipfile.requires) : { kind: 'any' as const };
  if (fromPipfile.kind !== 'any') return fromPipfile;
  if (ctx.settings.defaultPythonVersion) return parsePythonRequest(ctx.settings.defaultPythonVersion);
  return { kind: 'any' };
}

/** The marker environment the resolver needs, from an interpreter. */
export function environmentOf(info: InterpreterInfo): TargetEnvironment {
  return { python: info.markers.python_full_version, markers: { ...info.markers } };
}

/**
 * The project's Python: the venv's when it exists (and --python does not ask for another), else a
 * discovered interpreter.
 */
export async function projectTarget(ctx: Context, project: ProjectPaths, pipfile: Pipfile | undefined): Promise<ProjectTarget> {
  const root = venvRoot(ctx, project);
  const explicit = ctx.value('python');
  const existing = venvExists(root) ? await openVenv(root) : undefined;
  if (existing && !explicit) {
    return { venvRoot: root, venv: existing, recreate: false, interpreter: existing.interpreter, environment: environmentOf(existing.interpreter) };
  }
  const request = pythonRequest(ctx, pipfile);
  if (existing && requestMatches(request, existing.interpreter.version, existing.interpreter.implementation)) {
    return { venvRoot: root, venv: existing, recreate: false, interpreter: existing.interpreter, environment: environmentOf(existing.interpreter) };
  }
  const interpreter = request.kind === 'any' ? await findPython(parsePythonRequest('3')) : await findPython(request);
  return { venvRoot: root, venv: undefined, recreate: existing !== undefined, interpreter, environment: environmentOf(interpreter) };
}
