// Wheel tag compatibility for case targets (CPython on one platform): enough of PEP 425 / packaging.tags
// to judge the scenario wheels (`py3-none-any`, `cp312-abi3-win_amd64`, compressed tag sets...).
import type { CaseEnvironment } from './format';

/** Highest manylinux glibc minor our Linux targets claim (glibc 2.35). */
const GLIBC_MINOR = 35;
const MACOS_MAJOR = 14;

function platformOk(plat: string, platform: NonNullable<CaseEnvironment['platform']>): boolean {
  if (plat === 'any') return true;
  const [os, arch] = platform.split('-') as [string, string];
  if (os === 'linux') {
    if (plat === `linux_${arch}`) return true;
    const legacy: Record<string, number> = { manylinux1: 5, manylinux2010: 12, manylinux2014: 17 };
    const m = /^(manylinux1|manylinux2010|manylinux2014)_(.+)$/.exec(plat);
    if (m) return m[2] === arch && (legacy[m[1]!] ?? 99) <= GLIBC_MINOR && (m[1] !== 'manylinux1' || arch === 'x86_64');
    const n = /^manylinux_2_(\d+)_(.+)$/.exec(plat);
    return n !== null && n[2] === arch && Number(n[1]) <= GLIBC_MINOR;
  }
  if (os === 'macos') {
    const m = /^macosx_(\d+)_(\d+)_(.+)$/.exec(plat);
    if (!m) return false;
    const archOk = arch === 'arm64' ? ['arm64', 'universal2'] : ['x86_64', 'intel', 'universal', 'universal2'];
    return Number(m[1]) <= MACOS_MAJOR && archOk.includes(m[3]!);
  }
  return plat === 'win_amd64';
}

function interpreterAbiOk(interp: string, abi: string, minor: number): boolean {
  const py = /^py(\d)(\d*)$/.exec(interp);
  const cp = /^cp(\d)(\d+)$/.exec(interp);
  if (abi === 'none') {
    if (py) return py[1] === '3' && (py[2] === '' || Number(py[2]) <= minor);
    return cp !== null && cp[1] === '3' && Number(cp[2]) === minor;
  }
  if (!cp || cp[1] !== '3') return false;
  if (abi === 'abi3') return Number(cp[2]) <= minor;
  return Number(cp[2]) === minor && (abi === `cp3${minor}` || abi === `cp3${minor}m`);
}

/**
 * Whether a wheel with tag triple `tag` (possibly compressed, `py2.py3-none-any`) installs on the target.
 *
 * @example
 * ```ts
 * wheelTagCompatible('cp312-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64', { python: '3.12' }); // true
 * wheelTagCompatible('py3-none-macosx_10_0_ppc64', { python: '3.12' }); // false
 * ```
 */
export function wheelTagCompatible(tag: string, env: CaseEnvironment): boolean {
  const parts = tag.split('-');
  if (parts.length !== 3) return false;
  const [interps, abis, plats] = parts as [string, string, string];
  const minor = Number(env.python.split('.')[1] ?? '0');
  const platform = env.platform ?? 'linux-x86_64';
  return interps.split('.').some((i) =>
    abis.split('.').some((a) => interpreterAbiOk(i, a, minor) && plats.split('.').some((p) => platformOk(p, platform))),
  );
}
