// The target environment a lock is made for, as plain data (interpreter, version, platform), and
// the PEP 508 marker environment derived from it, so a lock can be made for another platform.

/** Operating system, CPU and C library of the target. */
export type TargetPlatform =
  | { os: 'linux'; arch: string; libc: { kind: 'glibc' | 'musl'; version: [number, number] } }
  | { os: 'macos'; arch: 'x86_64' | 'arm64'; version: [number, number] }
  | { os: 'windows'; arch: 'amd64' | 'x86' | 'arm64' }
  /** Only pure-Python wheels (`*-none-any`) are compatible. */
  | { os: 'any' };

/**
 * A Python installation to resolve for.
 * @example
 * const target: WheelTarget = {
 *   implementation: 'cpython', pythonVersion: '3.12.4',
 *   platform: { os: 'linux', arch: 'x86_64', libc: { kind: 'glibc', version: [2, 35] } },
 * };
 */
export interface WheelTarget {
  implementation: 'cpython' | 'pypy';
  /** Full Python version, e.g. `3.12.4` (major.minor is enough for tags). */
  pythonVersion: string;
  /** PyPy's own version (`7.3`), for its ABI tag `pypy310_pp73`. */
  pypyVersion?: string;
  platform: TargetPlatform;
  /** Extra ABI flags of CPython (`t` for free-threaded builds). */
  abiFlags?: string;
}

/** `[major, minor]` of the target's Python. */
export function pythonMajorMinor(target: WheelTarget): [number, number] {
  const [maj = '3', min = '0'] = target.pythonVersion.split('.');
  return [Number(maj), Number(min)];
}

/**
 * PEP 508 marker variables for the target (what `packaging.markers.default_environment()` would
 * report on that machine).
 * @example markerEnvironment(target).sys_platform // 'linux'
 */
export function markerEnvironment(target: WheelTarget): Record<string, string> {
  const [maj, min] = pythonMajorMinor(target);
  const p = target.platform;
  const full = target.pythonVersion.split('.').length >= 3 ? target.pythonVersion : `${maj}.${min}.0`;
  const machine =
    p.os === 'windows' ? (p.arch === 'amd64' ? 'AMD64' : p.arch === 'arm64' ? 'ARM64' : 'x86') : p.os === 'any' ? '' : p.arch;
  return {
    implementation_name: target.implementation,
    implementation_version: target.implementation === 'pypy' ? (target.pypyVersion ?? '7.3') + '.0' : full,
    os_name: p.os === 'windows' ? 'nt' : 'posix',
    platform_machine: machine,
    platform_python_implementation: target.implementation === 'pypy' ? 'PyPy' : 'CPython',
    platform_release: '',
    platform_system: p.os === 'linux' ? 'Linux' : p.os === 'macos' ? 'Darwin' : p.os === 'windows' ? 'Windows' : '',
    platform_version: '',
    python_full_version: full,
    python_version: `${maj}.${min}`,
    sys_platform: p.os === 'linux' ? 'linux' : p.os === 'macos' ? 'darwin' : p.os === 'windows' ? 'win32' : '',
  };
}

/** What marker variables cannot tell about a machine: its C library and macOS version. */
export interface WheelTargetHints {
  /** e.g. `{ kind: 'glibc', version: [2, 35] }`; default glibc 2.17 (manylinux2014) on Linux. */
  libc?: { kind: 'glibc' | 'musl'; version: [number, number] };
  /** macOS version; default derived from `platform_release` (Darwin 20 = macOS 11). */
  macosVersion?: [number, number];
  /** PyPy's own version (`7.3`). */
  pypyVersion?: string;
}

/**
 * The wheel target of an interpreter described by its PEP 508 marker variables (the inverse of
 * {@link markerEnvironment}), for locking against a real or described interpreter.
 * @example wheelTargetFromMarkers({ sys_platform: 'linux', platform_machine: 'x86_64', python_full_version: '3.12.4', implementation_name: 'cpython' }, { libc: { kind: 'glibc', version: [2, 35] } })
 */
export function wheelTargetFromMarkers(markers: Readonly<Record<string, string | undefined>>, hints: WheelTargetHints = {}): WheelTarget {
  const implementation = markers['implementation_name'] === 'pypy' ? 'pypy' : 'cpython';
  const pythonVersion = markers['python_full_version'] || markers['python_version'] || '3.12';
  const arch = (markers['platform_machine'] ?? '').toLowerCase();
  const sys = markers['sys_platform'] ?? '';
  let platform: TargetPlatform;
  if (sys === 'darwin') {
    const darwin = Number((markers['platform_release'] ?? '').split('.')[0]) || 20;
    const version = hints.macosVersion ?? (darwin >= 20 ? ([darwin - 9, 0] as [number, number]) : ([10, Math.max(0, darwin - 4)] as [number, number]));
    platform = { os: 'macos', arch: arch === 'arm64' || arch === 'aarch64' ? 'arm64' : 'x86_64', version };
  } else if (sys === 'win32') {
    platform = { os: 'windows', arch: arch === 'arm64' ? 'arm64' : arch === 'x86' || arch === 'i386' || arch === 'i686' ? 'x86' : 'amd64' };
  } else if (sys.startsWith('linux')) {
    platform = { os: 'linux', arch: arch || 'x86_64', libc: hints.libc ?? { kind: 'glibc', version: [2, 17] } };
  } else {
    platform = { os: 'any' };
  }
  return {
    implementation,
    pythonVersion,
    platform,
    ...(implementation === 'pypy' ? { pypyVersion: hints.pypyVersion ?? '7.3' } : {}),
  };
}
