// The PEP 517 / PEP 660 build frontend: for one source tree, its core metadata (prepare_metadata_* or,
// failing that, a built wheel's METADATA) and its wheel or editable wheel, built in isolation.

import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { BuildEnvironment, type BuildEnvironmentOptions } from './build-env';
import { BuildError, HookCaller } from './hooks';
import { readBuildSystem, type BuildSystem } from './pyproject';

/** Core metadata of a built project: what resolution needs. */
export interface LocalMetadata {
  name: string;
  version: string;
  /** `Requires-Dist` strings. */
  requiresDist: string[];
  requiresPython?: string;
  providesExtra: string[];
}

/** A regular wheel (`build_wheel`) or a PEP 660 editable one (`build_editable`). */
export type BuildMode = 'wheel' | 'editable';

/** Options of {@link ProjectBuilder.open}. */
export interface ProjectBuilderOptions extends Omit<BuildEnvironmentOptions, 'project'> {
  /** The project's name for messages (default: the folder name). */
  project?: string;
  /** Called with everything the hooks print (for -v streaming). */
  onOutput?: (text: string) => void;
  /** Kills running hooks when aborted (Ctrl-C). */
  signal?: AbortSignal;
}

/**
 * Builds one source tree. Open with {@link ProjectBuilder.open}; ask for {@link metadata} and
 * {@link build}; {@link close} removes the build environment and scratch files.
 * @example
 * const b = await ProjectBuilder.open('/src/proj', { interpreter, environment, source });
 * try { const m = await b.metadata('editable'); const whl = await b.build('editable', '/tmp/out'); } finally { await b.close(); }
 */
export class ProjectBuilder {
  private env: Promise<{ env: BuildEnvironment; hooks: HookCaller }> | undefined;
  private readonly prepared = new Map<BuildMode, Promise<void>>();
  private readonly metadataDirs = new Map<BuildMode, string>();
  private readonly builtWheels = new Map<BuildMode, string>();
  private readonly metadataOf = new Map<BuildMode, Promise<LocalMetadata>>();
  private scratch: string | undefined;

  private constructor(readonly sourceDir: string, readonly buildSystem: BuildSystem, private readonly options: ProjectBuilderOptions) {}

  /** Read the tree's build system (no process is started yet). */
  static async open(sourceDir: string, options: ProjectBuilderOptions): Promise<ProjectBuilder> {
    const dir = path.resolve(sourceDir);
    return new ProjectBuilder(dir, await readBuildSystem(dir), options);
  }

  get project(): string {
    return this.options.project ?? path.basename(this.sourceDir);
  }

  private async scratchDir(): Promise<string> {
    this.scratch ??= await mkdtemp(path.join(os.tmpdir(), 'pipgrub-build-'));
    return this.scratch;
  }

  private environment(): Promise<{ env: BuildEnvironment; hooks: HookCaller }> {
    this.env ??= (async () => {
      const env = await BuildEnvironment.create({ ...this.options, project: this.project });
      try {
        await env.install(this.buildSystem.requires);
      } catch (e) {
        await env.dispose();
        throw e;
      }
      const hooks = new HookCaller({
        python: env.python,
        sourceDir: this.sourceDir,
        backend: this.buildSystem.backend,
        backendPath: this.buildSystem.backendPath,
        project: this.project,
        ...(this.options.onOutput ? { onOutput: this.options.onOutput } : {}),
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      });
      return { env, hooks };
    })();
    return this.env;
  }

  /** The environment with what `get_requires_for_build_<mode>` asks for installed. */
  private async ready(mode: BuildMode): Promise<HookCaller> {
    const { env, hooks } = await this.environment();
    let p = this.prepared.get(mode);
    if (!p) {
      p = (async () => {
        const hook = mode === 'wheel' ? 'get_requires_for_build_wheel' : 'get_requires_for_build_editable';
        if (mode === 'editable' && !(await hooks.has('build_editable'))) {
          throw new BuildError(this.project, 'build_editable', `the build backend ${this.buildSystem.backend} does not support editable installs (PEP 660)`, hooks.log);
        }
        if (!(await hooks.has(hook))) return;
        const r = await hooks.call<unknown>(hook, { config_settings: null });
        if (r.kind !== 'ok') return;
        if (!Array.isArray(r.value) || !r.value.every((x) => typeof x === 'string')) {
          throw new BuildError(this.project, hook, `returned ${JSON.stringify(r.value)}, not a list of requirement strings`, hooks.log);
        }
        await env.install(r.value as string[]);
      })();
      this.prepared.set(mode, p);
    }
    await p;
    return hooks;
  }

  /**
   * The project's core metadata as `mode` would build it: `prepare_metadata_for_build_<mode>` when the
   * backend offers it, otherwise the METADATA of a wheel built for the purpose (kept for {@link build}).
   */
  metadata(mode: BuildMode): Promise<LocalMetadata> {
    let m = this.metadataOf.get(mode);
    if (!m) {
      m = this.prepareMetadata(mode);
      this.metadataOf.set(mode, m);
    }
    return m;
  }

  private async prepareMetadata(mode: BuildMode): Promise<LocalMetadata> {
    const hooks = await this.ready(mode);
    const hook = mode === 'wheel' ? 'prepare_metadata_for_build_wheel' : 'prepare_metadata_for_build_editable';
    const { parseCoreMetadata, readWheelMetadata, fileReader } = await import('@pipgrub/pypi-source');
    let text: string;
    if (await hooks.has(hook)) {
      const dir = path.join(await this.scratchDir(), `metadata-${mode}`);
      await mkdir(dir, { recursive: true });
      const r = await hooks.call<string>(hook, { metadata_directory: dir, config_settings: null });
      if (r.kind !== 'ok' || typeof r.value !== 'string') throw new BuildError(this.project, hook, 'did not return a .dist-info folder name', hooks.log);
      this.metadataDirs.set(mode, path.join(dir, r.value));
      try {
        text = await readFile(path.join(dir, r.value, 'METADATA'), 'utf8');
      } catch (e) {
        throw new BuildError(this.project, hook, `wrote no ${r.value}/METADATA`, hooks.log, { cause: e });
      }
    } else {
      const wheel = await this.build(mode, path.join(await this.scratchDir(), `wheel-${mode}`));
      this.builtWheels.set(mode, wheel);
      const reader = await fileReader(wheel);
      try {
        text = await readWheelMetadata(reader);
      } finally {
        await reader.close?.();
      }
    }
    const parsed = parseCoreMetadata(text);
    if (!parsed.ok) throw new BuildError(this.project, hook, `produced unreadable metadata: ${parsed.reason}`, hooks.log);
    const m = parsed.metadata;
    return { name: m.name, version: m.version, requiresDist: m.requiresDist, ...(m.requiresPython ? { requiresPython: m.requiresPython } : {}), providesExtra: m.providesExtra };
  }

  /**
   * Build a wheel (`build_wheel`) or an editable wheel (`build_editable`, PEP 660) into `outDir`;
   * returns the wheel's path.
   */
  async build(mode: BuildMode, outDir: string): Promise<string> {
    await mkdir(outDir, { recursive: true });
    const earlier = this.builtWheels.get(mode);
    if (earlier) {
      const dest = path.join(outDir, path.basename(earlier));
      if (dest !== earlier) await rename(earlier, dest);
      this.builtWheels.set(mode, dest);
      return dest;
    }
    const hooks = await this.ready(mode);
    const hook = mode === 'wheel' ? 'build_wheel' : 'build_editable';
    const metadataDir = this.metadataDirs.get(mode);
    const r = await hooks.call<string>(hook, { wheel_directory: outDir, config_settings: null, ...(metadataDir ? { metadata_directory: metadataDir } : {}) });
    if (r.kind !== 'ok') throw new BuildError(this.project, hook, `the build backend ${this.buildSystem.backend} has no ${hook} hook`, hooks.log);
    if (typeof r.value !== 'string' || !r.value.endsWith('.whl')) throw new BuildError(this.project, hook, `returned ${JSON.stringify(r.value)}, not a wheel file name`, hooks.log);
    return path.join(outDir, r.value);
  }

  /** Remove the build environment and scratch files. */
  async close(): Promise<void> {
    const env = this.env;
    this.env = undefined;
    if (env) await env.then((e) => e.env.dispose(), () => undefined);
    if (this.scratch) await rm(this.scratch, { recursive: true, force: true });
  }
}
