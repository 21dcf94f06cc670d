// The target a resolution is for: the PEP 508 marker environment plus the interpreter's full version.
// Plain data, so a lock can record it and a test can write it inline.
import type { MarkerEnvironment } from '../pep508/index';

/**
 * What the resolver resolves for. `python` is the full interpreter version checked against each
 * candidate's `Requires-Python`; `markers` evaluates dependency markers.
 */
export interface TargetEnvironment {
  /** Full Python version, e.g. `3.12.0`. */
  python: string;
  markers: MarkerEnvironment;
}

/** Shorthand inputs of {@link targetEnvironment}. */
export interface TargetEnvironmentInput {
  /** `3.12` (taken as `3.12.0`) or a full `3.13.2`. */
  python: string;
  /** Default `linux`. */
  os?: 'linux' | 'macos' | 'windows';
  /** `platform_machine`; default `x86_64` (Windows: `AMD64`). */
  machine?: string;
  /** `implementation_name`; default `cpython`. */
  implementation?: 'cpython' | 'pypy';
}

/**
 * A full interpreter version from a short one.
 * @example fullPythonVersion('3.12') // '3.12.0'; fullPythonVersion('3.13.0rc1') // '3.13.0rc1'
 */
export function fullPythonVersion(python: string): string {
  const m = /^(\d+)\.(\d+)(.*)$/.exec(python.trim());
  if (!m) return python.trim();
  if (m[3] === '') return `${m[1]}.${m[2]}.0`;
  return python.trim();
}

/**
 * A CPython (or PyPy) target on a common platform, with every PEP 508 marker variable filled in.
 *
 * @example
 * ```ts
 * const env = targetEnvironment({ python: '3.11', os: 'windows' });
 * env.markers.sys_platform; // 'win32'
 * ```
 */
export function targetEnvironment(input: TargetEnvironmentInput): TargetEnvironment {
  const full = fullPythonVersion(input.python);
  const [major, minor] = full.split('.');
  const os = input.os ?? 'linux';
  const machine = input.machine ?? (os === 'windows' ? 'AMD64' : 'x86_64');
  const impl = input.implementation ?? 'cpython';
  const markers: MarkerEnvironment = {
    implementation_name: impl,
    implementation_version: full,
    os_name: os === 'windows' ? 'nt' : 'posix',
    platform_machine: machine,
    platform_python_implementation: impl === 'cpython' ? 'CPython' : 'PyPy',
    platform_release: os === 'linux' ? '6.1.0' : os === 'macos' ? '23.0.0' : '10',
    platform_system: os === 'linux' ? 'Linux' : os === 'macos' ? 'Darwin' : 'Windows',
    platform_version: '',
    python_full_version: full,
    python_version: `${major}.${minor}`,
    sys_platform: os === 'linux' ? 'linux' : os === 'macos' ? 'darwin' : 'win32',
  };
  return { python: full, markers };
}
