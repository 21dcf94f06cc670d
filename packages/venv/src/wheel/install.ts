// Installing one wheel file into an environment: verify its hash, unpack it into the global cache
// (once per hash), stage it with hardlinks, compile bytecode if asked, then move it into place.
import path from 'node:path';
import { WheelCache } from '../cache/wheel-cache';
import type { VirtualEnv } from '../create/layout';
import { compileStaged } from './bytecode';
import { verifyFileHashes } from './hashes';
import { StagedInstall, type StageOptions } from './staged-install';
import { unpackWheel } from './unpack';

/** Options of {@link installWheel}. */
export interface InstallWheelOptions extends StageOptions {
  /** Expected hashes (`sha256:<hex>`); the file must match one before anything is written. */
  hashes?: readonly string[];
  /** Refuse files without expected hashes. */
  requireHashes?: boolean;
  /** The cache (default: the user cache dir). */
  cache?: WheelCache;
  /** Compile .py files to __pycache__ with one Python subprocess (default false). */
  compile?: boolean;
  /** Absolute paths of an installed older version to replace atomically (from {@link readRecordPaths}). */
  replacing?: readonly string[];
}

/** What an install put where. */
export interface InstallResult {
  name: string;
  version: string;
  /** Absolute path of the installed `.dist-info` directory. */
  distInfo: string;
  /** Absolute paths of every installed file. */
  files: string[];
}

/**
 * Stage a wheel (already hash-verified, identified by its sha256) without committing it.
 * @example const staged = await stageWheel(env, 'x.whl', sha); await staged.commit();
 */
export async function stageWheel(env: VirtualEnv, wheelPath: string, sha256: string, options: InstallWheelOptions = {}): Promise<StagedInstall> {
  const cache = options.cache ?? new WheelCache();
  const { dir, manifest } = await unpackWheel(wheelPath, sha256, cache);
  return StagedInstall.prepare(env, manifest, dir, options);
}

/**
 * Install a wheel file (PEP 427) the way pip does, file for file, with `INSTALLER = pipgrub`.
 * Nothing in the environment changes unless the whole install succeeds.
 * @example
 * const env = await openVenv('.venv');
 * await installWheel(env, 'dist/demo-1.0-py3-none-any.whl', { hashes: ['sha256:...'], compile: true });
 */
export async function installWheel(env: VirtualEnv, wheelPath: string, options: InstallWheelOptions = {}): Promise<InstallResult> {
  const sha256 = await verifyFileHashes(wheelPath, options.hashes ?? [], options.requireHashes ?? false);
  const staged = await stageWheel(env, path.resolve(wheelPath), sha256, options);
  try {
    if (options.compile) await compileStaged(env, [staged]);
  } catch (e) {
    await staged.abort();
    throw e;
  }
  const files = await staged.commit(options.replacing ?? []);
  return { name: staged.manifest.name, version: staged.manifest.version, distInfo: staged.distInfoPath, files };
}
