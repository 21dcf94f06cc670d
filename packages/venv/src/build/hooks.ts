// Calling PEP 517 / PEP 660 hooks: one Python subprocess per hook (our hook runner), output captured
// as the build log; a failing hook becomes a BuildError naming the project and the hook.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VenvError } from '../errors';
import { HOOK_RUNNER_SOURCE } from './hook-runner-script';
import { childProcess } from '../child-process';

/** The hooks a frontend calls (PEP 517 and PEP 660 names). */
export type BuildHook =
  | 'get_requires_for_build_wheel'
  | 'get_requires_for_build_editable'
  | 'prepare_metadata_for_build_wheel'
  | 'prepare_metadata_for_build_editable'
  | 'build_wheel'
  | 'build_editable'
  | '_supported_hooks';

/**
 * A build hook failed, or the backend could not be loaded. `message` is one line naming the project
 * and the hook; `hint` holds the last lines of the build log; `log` the whole of it (print with -v).
 * @example catch (e) { if (isBuildError(e)) console.error(e.message, '\n', e.verbose ? e.log : e.hint); }
 */
export class BuildError extends VenvError {
  /** The project being built (its name or folder). */
  readonly project: string;
  readonly hook: string;
  /** Everything the hook printed (stdout and stderr, interleaved as received), plus the traceback. */
  readonly log: string;

  constructor(project: string, hook: string, detail: string, log: string, options: { cause?: unknown; hintLog?: string } = {}) {
    super('BUILD_FAILED', `Building ${project} failed in ${hook}: ${detail}`, { hint: tail(options.hintLog ?? log, 12), cause: options.cause });
    this.name = 'BuildError';
    this.project = project;
    this.hook = hook;
    this.log = log;
  }
}

/**
 * Whether `e` is a {@link BuildError} (a VenvError with code `BUILD_FAILED` and a log).
 * @example if (isBuildError(e)) process.stderr.write(e.log);
 */
export function isBuildError(e: unknown): e is BuildError {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'BUILD_FAILED' && typeof (e as { log?: unknown }).log === 'string';
}

/** The last `n` non-empty lines of a log, indented for a hint. */
function tail(log: string, n: number): string {
  const lines = log.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!lines.length) return 'the build printed nothing; run again with -v';
  return `last lines of the build log (full log with -v):\n${lines.slice(-n).map((l) => `  ${l}`).join('\n')}`;
}

/** Where and how hooks run. */
export interface HookCallerOptions {
  /** The Python that runs the hooks (the build environment's). */
  python: string;
  /** The source tree (the hooks' working directory). */
  sourceDir: string;
  /** `module:object` of the backend. */
  backend: string;
  /** In-tree backend folders, relative to `sourceDir`. */
  backendPath?: readonly string[];
  /** The project's name for error messages (default: the folder name). */
  project?: string;
  /** Extra environment variables for the hook process. */
  env?: Record<string, string | undefined>;
  /** Called with each chunk the hook prints (for `-v` streaming). */
  onOutput?: (text: string) => void;
  /** Stop a hook after this long (default 30 minutes). */
  timeoutMs?: number;
  /** Kill a running hook when aborted (Ctrl-C); the call then fails with a BuildError. */
  signal?: AbortSignal;
}

/** The outcome of one hook call that did not fail. */
export type HookOutcome<T> = { kind: 'ok'; value: T; log: string } | { kind: 'unsupported'; log: string };

type RunnerOutput =
  | { kind: 'ok'; value: unknown }
  | { kind: 'unsupported' }
  | { kind: 'backend-unavailable'; traceback: string }
  | { kind: 'backend-invalid'; message: string }
  | { kind: 'error'; traceback: string };

/**
 * Calls a backend's hooks in subprocesses of the build environment's Python.
 * @example
 * const hooks = new HookCaller({ python: env.python, sourceDir: '/src/proj', backend: 'setuptools.build_meta' });
 * const out = await hooks.call('build_wheel', { wheel_directory: '/tmp/out' });
 */
export class HookCaller {
  /** Everything the hooks printed so far. */
  log = '';
  private supported: Promise<readonly string[]> | undefined;

  constructor(readonly options: HookCallerOptions) {}

  get project(): string {
    return this.options.project ?? path.basename(this.options.sourceDir);
  }

  /** Whether the backend defines `hook` (asked once, in one subprocess). */
  async has(hook: Exclude<BuildHook, '_supported_hooks'>): Promise<boolean> {
    this.supported ??= this.call<string[]>('_supported_hooks', {}).then((r) => (r.kind === 'ok' ? r.value : []));
    return (await this.supported).includes(hook);
  }

  /** Call one hook with keyword arguments; throws a {@link BuildError} when it fails. */
  async call<T>(hook: BuildHook, kwargs: Record<string, unknown>): Promise<HookOutcome<T>> {
    const control = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-hook-'));
    try {
      const script = path.join(control, '_pipgrub_hook_runner.py');
      await writeFile(script, HOOK_RUNNER_SOURCE);
      await writeFile(path.join(control, 'input.json'), JSON.stringify({ backend: this.options.backend, backend_path: (this.options.backendPath ?? []).map((p) => path.resolve(this.options.sourceDir, p)), kwargs }));
      const { code, output, error } = await this.spawn(script, hook, control);
      this.log += output;
      let result: RunnerOutput | undefined;
      try {
        result = JSON.parse(await readFile(path.join(control, 'output.json'), 'utf8')) as RunnerOutput;
      } catch {
        result = undefined;
      }
      if (!result) {
        const why = error ? `could not run ${this.options.python}: ${error.message}` : `the hook process exited with code ${code} without a result`;
        throw new BuildError(this.project, hook, why, this.log, { cause: error });
      }
      switch (result.kind) {
        case 'ok':
          return { kind: 'ok', value: result.value as T, log: output };
        case 'unsupported':
          return { kind: 'unsupported', log: output };
        case 'backend-unavailable': {
          this.log += result.traceback;
          throw new BuildError(this.project, hook, `cannot import the build backend ${this.options.backend} (${lastLine(result.traceback)})`, this.log);
        }
        case 'backend-invalid':
          throw new BuildError(this.project, hook, result.message, this.log);
        case 'error':
          // The hint shows what the backend printed; the traceback is in the full log (-v).
          this.log += result.traceback;
          throw new BuildError(this.project, hook, lastLine(result.traceback), this.log, { hintLog: output.trim() ? output : result.traceback });
      }
    } finally {
      await rm(control, { recursive: true, force: true });
    }
  }

  private async spawn(script: string, hook: string, control: string): Promise<{ code: number | null; output: string; error?: Error }> {
    const { spawn } = await childProcess();
    return new Promise((resolve) => {
      const child = spawn(this.options.python, [script, hook, control], {
        cwd: this.options.sourceDir,
        // Isolation as pip's: no user site, no PYTHONPATH/PYTHONHOME from the caller's shell.
        env: { ...process.env, PYTHONPATH: undefined, PYTHONHOME: undefined, PYTHONNOUSERSITE: '1', PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8', ...this.options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
      let output = '';
      const onData = (b: Buffer) => {
        const s = b.toString('utf8');
        output += s;
        this.options.onOutput?.(s);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const timer = setTimeout(() => child.kill('SIGKILL'), this.options.timeoutMs ?? 30 * 60_000);
      const signal = this.options.signal;
      const onAbort = () => child.kill('SIGTERM');
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      child.on('error', (error) => {
        done();
        resolve({ code: null, output, error });
      });
      child.on('close', (code) => {
        done();
        resolve({ code, output });
      });
    });
  }
}

function lastLine(traceback: string): string {
  const lines = traceback.trim().split(/\r?\n/);
  return lines[lines.length - 1] ?? 'the hook raised an exception';
}
