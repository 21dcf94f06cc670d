// ADAPTER (the Pipfile -> IndexClientOptions mapping and InterpreterInfo -> WheelTarget belong in
// @pipgrub/pypi-source / @pipgrub/venv): open the project's package source. Pipfile [[source]]
// entries become indexes; a source whose url is a relative or absolute *path* (pipgrub extension,
// used by examples/sample) becomes a find-links folder relative to the Pipfile; --pypi-mirror
// replaces pypi.org sources as in Pipenv.

import { isAbsolute, resolve } from 'node:path';
import { effectiveSources, type Pipfile } from '@pipgrub/lockfile';
import { createPackageSource, type IndexClient, type WheelTarget } from '@pipgrub/pypi-source';
import type { InterpreterInfo } from '@pipgrub/venv';
import type { Context } from '../context';
import type { ProjectPaths } from '../project';

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Whether a [[source]] url names a local folder rather than an index URL. */
export function isPathSource(url: string): boolean {
  return !URL_SCHEME.test(url) || (isAbsolute(url) && !url.includes('://'));
}

/** The wheel-tag target of an interpreter. */
export function wheelTarget(info: InterpreterInfo): WheelTarget {
  const m = info.markers;
  const implementation = info.implementation === 'pypy' ? 'pypy' : 'cpython';
  const arch = m.platform_machine.toLowerCase();
  let platform: WheelTarget['platform'];
  if (m.sys_platform === 'darwin') {
    const darwin = Number(m.platform_release.split('.')[0]) || 20;
    // Darwin 20 = macOS 11, Darwin 21 = macOS 12, ...; older Darwin N = macOS 10.(N-4).
    platform = { os: 'macos', arch: arch === 'arm64' ? 'arm64' : 'x86_64', version: darwin >= 20 ? [darwin - 9, 0] : [10, Math.max(0, darwin - 4)] };
  } else if (m.sys_platform === 'win32') {
    platform = { os: 'windows', arch: arch === 'arm64' ? 'arm64' : arch === 'x86' ? 'x86' : 'amd64' };
  } else if (m.sys_platform.startsWith('linux')) {
    const glibc = /(glibc|musl)\s+(\d+)\.(\d+)/.exec(info.glibc ?? '');
    platform = glibc
      ? { os: 'linux', arch, libc: { kind: glibc[1] === 'musl' ? 'musl' : 'glibc', version: [Number(glibc[2]), Number(glibc[3])] } }
      : { os: 'linux', arch, libc: { kind: 'glibc', version: [2, 17] } };
  } else {
    platform = { os: 'any' };
  }
  return { implementation, pythonVersion: m.python_full_version, platform };
}

/**
 * The package source for a project's Pipfile and target interpreter.
 * @example const client = openProjectSource(ctx, project, pipfile, interpreter); ... await client.close();
 */
export function openProjectSource(ctx: Context, project: ProjectPaths, pipfile: Pipfile, interpreter: InterpreterInfo | undefined): IndexClient {
  const mirror = ctx.value('pypi-mirror') ?? ctx.settings.pypiMirror;
  const indexes: Array<{ name: string; url: string; verifySsl: boolean }> = [];
  const findLinks: string[] = [];
  for (const s of effectiveSources(pipfile)) {
    if (isPathSource(s.url)) {
      findLinks.push(resolve(project.root, s.url));
      continue;
    }
    const isPypi = /^https?:\/\/(pypi\.org|pypi\.python\.org)(\/|$)/.test(s.url);
    indexes.push({ name: s.name, url: isPypi && mirror ? mirror : s.url, verifySsl: s.verifySsl });
  }
  const pins: Record<string, string> = {};
  for (const packages of pipfile.categories.values()) {
    for (const p of packages) if (p.index && indexes.some((i) => i.name === p.index)) pins[p.name] = p.index;
  }
  return createPackageSource({
    indexes,
    findLinks,
    pins,
    env: ctx.env,
    timeoutMs: ctx.settings.timeoutSeconds * 1000,
    ...(interpreter ? { target: wheelTarget(interpreter) } : {}),
    ...(ctx.settings.cacheDir ? { cacheDir: ctx.settings.cacheDir } : {}),
  });
}
