// Distribution filenames: wheels (PEP 427/491) and sdists (PEP 625 and legacy), with the project name
// normalized and the version checked and canonicalized per PEP 440 (for grouping files by release).
import { normalizeName, type NormalizedName } from '@pipgrub/core-resolver/pep508';

/** A parsed distribution filename. */
export type DistFilename =
  | {
      kind: 'wheel';
      name: NormalizedName;
      version: string;
      build?: string;
      /** Expanded PEP 425 tags (`py2.py3-none-any` gives two). */
      tags: Array<{ python: string; abi: string; platform: string }>;
    }
  | { kind: 'sdist'; name: NormalizedName; version: string; extension: string };

const SDIST_EXTENSIONS = ['.tar.gz', '.zip', '.tar.bz2', '.tgz', '.tar.xz', '.tar.zst', '.tar'];

// The PEP 440 grammar as packaging spells it (VERSION_PATTERN), anchored; bounded, no nested quantifiers.
const PEP440 =
  /^\s*v?(?:(?:(\d+)!)?(\d+(?:\.\d+)*)([-_.]?(alpha|a|beta|b|preview|pre|c|rc)[-_.]?(\d+)?)?((?:-(\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\d+)?))?([-_.]?(dev)[-_.]?(\d+)?)?)(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i;

/**
 * The canonical PEP 440 spelling of a version (packaging's `canonicalize_version` without trimming
 * trailing zeros is not enough for grouping, so zeros are trimmed from the release), or `undefined`
 * when the string is not a valid PEP 440 version.
 * @example canonicalVersion('1.0.0.RC1') // '1rc1'
 */
export function canonicalVersion(v: string): string | undefined {
  const m = PEP440.exec(v);
  if (!m) return undefined;
  const epoch = m[1] && Number(m[1]) !== 0 ? `${Number(m[1])}!` : '';
  const release = m[2]!.split('.').map((x) => String(Number(x)));
  while (release.length > 1 && release[release.length - 1] === '0') release.pop();
  let out = epoch + release.join('.');
  if (m[4]) {
    const l = m[4].toLowerCase();
    const tag = l === 'alpha' ? 'a' : l === 'beta' ? 'b' : l === 'c' || l === 'pre' || l === 'preview' ? 'rc' : l;
    out += tag + Number(m[5] ?? 0);
  }
  if (m[7] !== undefined) out += `.post${Number(m[7])}`;
  else if (m[8]) out += `.post${Number(m[9] ?? 0)}`;
  if (m[11]) out += `.dev${Number(m[12] ?? 0)}`;
  if (m[13]) out += `+${m[13].toLowerCase().replace(/[-_]/g, '.')}`;
  return out;
}

/**
 * Parse a wheel or sdist filename. For legacy sdists whose name contains `-`, pass the project name
 * to split name from version correctly. Returns `undefined` for other files (eggs, installers) and
 * for invalid versions (pip skips those too).
 * @example parseDistFilename('six-1.16.0-py2.py3-none-any.whl') // { kind: 'wheel', name: 'six', version: '1.16.0', tags: [...] }
 */
export function parseDistFilename(filename: string, project?: string): DistFilename | undefined {
  if (filename.endsWith('.whl')) {
    const parts = filename.slice(0, -4).split('-');
    if (parts.length !== 5 && parts.length !== 6) return undefined;
    const [name, version] = parts as [string, string];
    const [py, abi, plat] = parts.slice(-3) as [string, string, string];
    if (canonicalVersion(version) === undefined || !name) return undefined;
    const tags: Array<{ python: string; abi: string; platform: string }> = [];
    for (const p of py.split('.')) for (const a of abi.split('.')) for (const pl of plat.split('.')) tags.push({ python: p, abi: a, platform: pl });
    return { kind: 'wheel', name: normalizeName(name), version, ...(parts.length === 6 ? { build: parts[2]! } : {}), tags };
  }
  const lower = filename.toLowerCase();
  const extension = SDIST_EXTENSIONS.find((e) => lower.endsWith(e));
  if (!extension) return undefined;
  const stem = filename.slice(0, -extension.length);
  if (project !== undefined) {
    const want = normalizeName(project);
    // Try every '-' as the split point; the name part must normalize to the project.
    for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
      if (normalizeName(stem.slice(0, i)) === want) {
        const version = stem.slice(i + 1);
        if (canonicalVersion(version) !== undefined) return { kind: 'sdist', name: want, version, extension };
      }
    }
    return undefined;
  }
  const dash = stem.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const version = stem.slice(dash + 1);
  if (canonicalVersion(version) === undefined) return undefined;
  return { kind: 'sdist', name: normalizeName(stem.slice(0, dash)), version, extension };
}
