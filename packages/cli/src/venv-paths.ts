// The project's virtualenv as the CLI needs it: where it is (Pipenv's location rules live in
// @pipgrub/venv), its bin directory and the environment a command inside it gets.

import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pipenvVenvLocation } from '@pipgrub/venv';
import type { Env } from './args/env-options';
import type { Context } from './context';
import { CliError } from './errors';
import type { ProjectPaths } from './project';

const IS_WIN = process.platform === 'win32';

/** The virtualenv directory for the project (whether or not it exists yet). */
export function venvRoot(ctx: Context, project: ProjectPaths = ctx.project()): string {
  return pipenvVenvLocation({ projectDir: project.root, pipfile: project.pipfile, env: ctx.env as NodeJS.ProcessEnv }).path;
}

export function venvBin(root: string): string {
  return join(root, IS_WIN ? 'Scripts' : 'bin');
}

export function venvPythonPath(root: string): string {
  return join(venvBin(root), IS_WIN ? 'python.exe' : 'python');
}

/** Whether `root` holds a virtualenv (its interpreter exists). */
export function venvExists(root: string): boolean {
  return existsSync(join(root, 'pyvenv.cfg')) && existsSync(venvPythonPath(root));
}

/** The existing virtualenv, or a CliError telling the user to create it. */
export function requireVenv(ctx: Context, project: ProjectPaths = ctx.project()): string {
  const root = venvRoot(ctx, project);
  if (!venvExists(root)) {
    throw new CliError('CLI_NO_VENV', `No virtualenv has been created for this project yet (expected at ${root}).`, {
      hint: 'Run `pipgrub install` (or `pipgrub sync`) first.',
    });
  }
  return root;
}

/** The environment of a process running "inside" the virtualenv (as `pipenv run` sets it up). */
export function venvProcessEnv(env: Env, root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  delete out.PYTHONHOME;
  out.VIRTUAL_ENV = root;
  out.PIPENV_ACTIVE = '1';
  out.PIPGRUB_ACTIVE = '1';
  const pathKey = Object.keys(out).find((k) => k.toUpperCase() === 'PATH') ?? 'PATH';
  out[pathKey] = [venvBin(root), out[pathKey]].filter(Boolean).join(delimiter);
  return out;
}
