// The wheel tags an interpreter supports, derived from its cached query (no extra Python start):
// the interpreter's facts become a pypi-source `WheelTarget`, whose tag list pypi-source computes.
import type { WheelTarget } from '@pipgrub/pypi-source';
import type { InterpreterInfo } from './interpreter';

/**
 * Describe an interpreter as a pypi-source wheel target.
 * @example wheelTarget(await findPython('3.12')).platform // { os: 'linux', arch: 'x86_64', libc: ... }
 */
export function wheelTarget(info: InterpreterInfo): WheelTarget {
  const plat = info.platform;
  let platform: WheelTarget['platform'] = { os: 'any' };
  if (plat.startsWith('linux-')) {
    const m = /(glibc|musl)\s*(\d+)\.(\d+)/.exec(info.glibc ?? '');
    const arch = plat.slice('linux-'.length);
    platform = m
      ? { os: 'linux', arch, libc: { kind: m[1] === 'musl' ? 'musl' : 'glibc', version: [Number(m[2]), Number(m[3])] } }
      : { os: 'linux', arch, libc: { kind: 'musl', version: [1, 2] } };
  } else if (plat.startsWith('macosx-')) {
    const [, ver = '11.0', arch = 'arm64'] = plat.split('-');
    const [a = '11', b = '0'] = ver.split('.');
    platform = { os: 'macos', arch: arch === 'x86_64' ? 'x86_64' : 'arm64', version: [Number(a), Number(b)] };
  } else if (plat === 'win32' || plat.startsWith('win-')) {
    platform = { os: 'windows', arch: plat === 'win32' ? 'x86' : plat.endsWith('arm64') ? 'arm64' : 'amd64' };
  }
  const [major, minor, micro] = info.version;
  const target: WheelTarget = {
    implementation: info.implementation === 'pypy' ? 'pypy' : 'cpython',
    pythonVersion: `${major}.${minor}.${micro}`,
    platform,
  };
  if (info.implementation === 'pypy') target.pypyVersion = info.markers.implementation_version.split('.').slice(0, 2).join('.');
  if (info.gilDisabled) target.abiFlags = 't';
  return target;
}

/**
 * Wheel tags the interpreter accepts, best first (pypi-source is loaded on first use, keeping
 * environment creation free of the HTTP stack's start-up cost).
 * @example (await supportedTags(py))[0] // 'cp312-cp312-manylinux_2_36_x86_64'
 */
export async function supportedTags(info: InterpreterInfo): Promise<string[]> {
  const { compatibleTags } = await import('@pipgrub/pypi-source');
  return compatibleTags(wheelTarget(info));
}
