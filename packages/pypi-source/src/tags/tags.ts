// PEP 425 compatibility tags for a target environment, in preference order (as `packaging.tags.sys_tags`
// orders them): interpreter-specific ABI, abi3, none, then `py3x`/`py3` and finally `*-none-any`.
import { pythonMajorMinor, type WheelTarget, type TargetPlatform } from './target';

const MANYLINUX2014_ARCHES = new Set(['x86_64', 'i686', 'aarch64', 'armv7l', 'ppc64', 'ppc64le', 's390x']);

function macBinaryFormats(version: [number, number], arch: string): string[] {
  const formats = [arch];
  if (arch === 'x86_64') {
    if (version[0] === 10 && version[1] < 4) return [];
    formats.push('intel', 'fat64', 'fat32');
  }
  if (arch === 'arm64' || arch === 'x86_64') formats.push('universal2');
  if (arch === 'x86_64') formats.push('universal');
  return formats;
}

/**
 * Platform tags for the target, best first (e.g. `manylinux_2_35_x86_64` ... `manylinux2014_x86_64`
 * ... `linux_x86_64`). `any` is not included.
 * @example platformTags({ os: 'windows', arch: 'amd64' }) // ['win_amd64']
 */
export function platformTags(p: TargetPlatform): string[] {
  const out: string[] = [];
  switch (p.os) {
    case 'any':
      return [];
    case 'windows':
      return [p.arch === 'amd64' ? 'win_amd64' : p.arch === 'arm64' ? 'win_arm64' : 'win32'];
    case 'linux': {
      const arch = p.arch;
      const [maj, min] = p.libc.version;
      if (p.libc.kind === 'musl') {
        for (let m = min; m >= 0; m--) out.push(`musllinux_${maj}_${m}_${arch}`);
      } else if (maj === 2) {
        const lowest = arch === 'x86_64' || arch === 'i686' ? 5 : 17;
        for (let m = min; m >= lowest; m--) {
          out.push(`manylinux_2_${m}_${arch}`);
          if (m === 17 && MANYLINUX2014_ARCHES.has(arch)) out.push(`manylinux2014_${arch}`);
          if (m === 12 && (arch === 'x86_64' || arch === 'i686')) out.push(`manylinux2010_${arch}`);
          if (m === 5 && (arch === 'x86_64' || arch === 'i686')) out.push(`manylinux1_${arch}`);
        }
      }
      out.push(`linux_${arch}`);
      return out;
    }
    case 'macos': {
      const [maj, min] = p.version;
      const arch = p.arch;
      if (maj === 10) {
        for (let m = min; m >= 0; m--) for (const f of macBinaryFormats([10, m], arch)) out.push(`macosx_10_${m}_${f}`);
      } else {
        for (let M = maj; M >= 11; M--) for (const f of macBinaryFormats([M, 0], arch)) out.push(`macosx_${M}_0_${f}`);
        for (let m = 16; m >= 4; m--) {
          if (arch === 'x86_64') for (const f of macBinaryFormats([10, m], arch)) out.push(`macosx_10_${m}_${f}`);
          else out.push(`macosx_10_${m}_universal2`);
        }
      }
      return out;
    }
  }
}

/**
 * Every compatible tag (`python-abi-platform`), best first.
 * @example compatibleTags({ implementation: 'cpython', pythonVersion: '3.12', platform: { os: 'any' } }).at(-1) // 'py30-none-any'
 */
export function compatibleTags(target: WheelTarget): string[] {
  const [maj, min] = pythonMajorMinor(target);
  const plats = platformTags(target.platform);
  const out: string[] = [];
  const nodot = `${maj}${min}`;
  let interp: string;
  if (target.implementation === 'cpython') {
    interp = `cp${nodot}`;
    const abi = `cp${nodot}${target.abiFlags ?? ''}`;
    for (const pl of plats) out.push(`${interp}-${abi}-${pl}`);
    const abi3 = maj === 3 && min >= 2 && !(target.abiFlags ?? '').includes('t');
    if (abi3) for (const pl of plats) out.push(`${interp}-abi3-${pl}`);
    for (const pl of plats) out.push(`${interp}-none-${pl}`);
    if (abi3) for (let m = min - 1; m >= 2; m--) for (const pl of plats) out.push(`cp${maj}${m}-abi3-${pl}`);
  } else {
    interp = `pp${nodot}`;
    const pp = (target.pypyVersion ?? '7.3').split('.').slice(0, 2).join('');
    for (const pl of plats) out.push(`${interp}-pypy${nodot}_pp${pp}-${pl}`);
    for (const pl of plats) out.push(`${interp}-none-${pl}`);
  }
  const pyRange = [`py${nodot}`, `py${maj}`];
  for (let m = min - 1; m >= 0; m--) pyRange.push(`py${maj}${m}`);
  for (const py of pyRange) for (const pl of plats) out.push(`${py}-none-${pl}`);
  out.push(`${interp}-none-any`);
  for (const py of pyRange) out.push(`${py}-none-any`);
  return out;
}

/**
 * Fast lookup of tag priorities for one target; lower is better.
 * @example new TagSet(target).priority(['py3-none-any']) // a number, or undefined when incompatible
 */
export class TagSet {
  private readonly rank = new Map<string, number>();
  readonly tags: readonly string[];
  constructor(target: WheelTarget) {
    this.tags = compatibleTags(target);
    this.tags.forEach((t, i) => {
      if (!this.rank.has(t)) this.rank.set(t, i);
    });
  }
  /** The best (lowest) priority among a wheel's tags, or `undefined` if none is compatible. */
  priority(tags: ReadonlyArray<{ python: string; abi: string; platform: string }> | readonly string[]): number | undefined {
    let best: number | undefined;
    for (const t of tags) {
      const key = typeof t === 'string' ? t : `${t.python}-${t.abi}-${t.platform}`;
      const r = this.rank.get(key);
      if (r !== undefined && (best === undefined || r < best)) best = r;
    }
    return best;
  }
}
