// The isolated build environment of a PEP 517 build: a throwaway virtualenv into which the backend's
// requirements are resolved (core-resolver, against the project's source) and installed (our installer).

import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DistributionFile, PackageSource, TargetEnvironment } from '@pipgrub/core-resolver';
import { createVenv } from '../create/create-venv';
import type { VirtualEnv } from '../create/layout';
import { VenvError, describe, isVenvError } from '../errors';
import type { InterpreterInfo } from '../python/interpreter';
import { supportedTags } from '../python/tags';
import { syncEnvironment, type WantedPackage } from '../sync';
import { WheelCache } from '../cache/wheel-cache';
import { chooseLockedWheel } from '../wheel/locked-wheels';

/** A package source that can also hand out its files (pypi-source's `IndexClient` is one). */
export interface BuildPackageSource extends PackageSource {
  /** Download (or find locally) one file; its hashes are checked by the caller. */
  downloadFile(file: DistributionFile): Promise<{ path: string }>;
}

/** What a build environment is made from. */
export interface BuildEnvironmentOptions {
  /** The interpreter the project is built for (the target venv's). */
  interpreter: InterpreterInfo;
  /** Where build requirements come from; may be omitted when a build needs none. */
  source?: BuildPackageSource;
  /** The marker environment of `interpreter` (what the resolver evaluates markers against). */
  environment: TargetEnvironment;
  /** The wheel cache shared with normal installs. */
  cache?: WheelCache;
  /** The project, for error messages. */
  project?: string;
}

/**
 * A throwaway virtualenv for one build. Create with {@link BuildEnvironment.create}, {@link install}
 * requirements into it, run hooks with its {@link python}, then {@link dispose} it.
 * @example
 * const env = await BuildEnvironment.create({ interpreter, environment, source });
 * try { await env.install(['setuptools>=40.8.0']); } finally { await env.dispose(); }
 */
export class BuildEnvironment {
  private readonly installed = new Set<string>();

  private constructor(readonly venv: VirtualEnv, private readonly dir: string, private readonly options: BuildEnvironmentOptions) {}

  static async create(options: BuildEnvironmentOptions): Promise<BuildEnvironment> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-build-env-'));
    try {
      const venv = await createVenv(path.join(dir, 'env'), { python: options.interpreter, prompt: 'build' });
      return new BuildEnvironment(venv, dir, options);
    } catch (e) {
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  /** The build environment's Python executable. */
  get python(): string {
    return this.venv.python;
  }

  /**
   * Resolve `requirements` (together with what is already installed here) and install the result.
   * A requirement that cannot be had fails with a `BUILD_DEPENDENCIES_FAILED` VenvError.
   */
  async install(requirements: readonly string[]): Promise<void> {
    const fresh = requirements.filter((r) => !this.installed.has(r));
    if (!fresh.length) return;
    const all = [...this.installed, ...fresh];
    const project = this.options.project ?? 'the project';
    const source = this.options.source;
    if (!source) {
      throw new VenvError('BUILD_DEPENDENCIES_FAILED', `Building ${project} needs ${fresh.join(', ')}, but no package index was given`, {
        hint: 'the build requirements are resolved against the Pipfile [[source]]s',
      });
    }
    const { resolve } = await import('@pipgrub/core-resolver');
    const result = await resolve({ source, requirements: all, environment: this.options.environment });
    if (result.kind === 'failed') {
      throw new VenvError('BUILD_DEPENDENCIES_FAILED', `Cannot resolve the build requirements of ${project} (${all.join(', ')})`, { hint: result.report.trim().split('\n').slice(-6).join('\n') });
    }
    const tags = await supportedTags(this.options.interpreter);
    const wanted: WantedPackage[] = [];
    for (const p of result.packages) {
      const release = (await source.getProject(p.name))?.releases.find((r) => r.version === p.version);
      const choice = chooseLockedWheel(p.name, p.version, {}, release?.files ?? [], tags);
      if (choice.kind !== 'chosen') {
        throw new VenvError('BUILD_DEPENDENCIES_FAILED', `Building ${project} needs ${p.name} ${p.version}, which has no wheel for this Python`, {
          hint: 'pipgrub installs build requirements from wheels only',
        });
      }
      wanted.push(choice.want);
    }
    try {
      await syncEnvironment(this.venv, wanted, {
        cache: this.options.cache ?? new WheelCache(),
        installer: 'pipgrub',
        download: async (pkg) => {
          const file: DistributionFile = { filename: pkg.url!.split('/').pop() ?? pkg.name, url: pkg.url!, kind: 'wheel', hashes: hashRecord(pkg.hashes) };
          return (await source.downloadFile(file)).path;
        },
      });
    } catch (e) {
      if (isVenvError(e) && e.code !== 'SYNC_FAILED') throw e;
      throw new VenvError('BUILD_DEPENDENCIES_FAILED', `Installing the build requirements of ${project} failed: ${describe(e)}`, { cause: e });
    }
    for (const r of fresh) this.installed.add(r);
  }

  /** Remove the environment. */
  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

function hashRecord(hashes: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of hashes ?? []) {
    const i = h.indexOf(':');
    if (i > 0 && !out[h.slice(0, i)]) out[h.slice(0, i)] = h.slice(i + 1);
  }
  return out;
}
