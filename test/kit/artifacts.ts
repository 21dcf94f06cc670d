// Builds the real distribution files of a release: PEP 427 wheels (with RECORD digests) and sdists
// (tar.gz with PKG-INFO and a pyproject.toml), byte-for-byte deterministic.
import { createHash } from 'node:crypto';
import { gzipDeterministic, writeTar, writeZip, type ArchiveEntry } from './archive';
import { distInfoDir, escapedDistName, releaseWheelTags, sdistFilename, wheelFilename, type ReleaseDescription } from './description';
import { TestKitError } from './errors';
import { coreMetadata, defaultModuleFiles, entryPointsFile, wheelFile } from './metadata';

/** A built file: its name, bytes and hex sha256. */
export interface BuiltArtifact {
  filename: string;
  bytes: Uint8Array;
  sha256: string;
}

const enc = new TextEncoder();
const toBytes = (d: string | Uint8Array): Uint8Array => (typeof d === 'string' ? enc.encode(d) : d);

/**
 * Hex sha256 of some bytes or text.
 *
 * @example
 * ```ts
 * sha256Hex(''); // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 * ```
 */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function recordDigest(data: Uint8Array): string {
  return 'sha256=' + createHash('sha256').update(data).digest('base64url');
}

/** Files under `*.data/scripts/` must be executable once installed; give them 0o755 in the archive too. */
function modeFor(path: string): number {
  return /\.data\/scripts\//.test(path) ? 0o755 : 0o644;
}

/**
 * Builds a PEP 427 wheel for one tag triple (default: the release's first tag, else `py3-none-any`).
 *
 * @example
 * ```ts
 * const w = buildWheel('flask', '3.0.3', { requiresDist: ['click>=8.1.3'] });
 * w.filename; // 'flask-3.0.3-py3-none-any.whl'
 * ```
 */
export function buildWheel(name: string, version: string, release: ReleaseDescription, tag?: string): BuiltArtifact {
  const useTag = tag ?? releaseWheelTags(release)[0] ?? 'py3-none-any';
  const filename = wheelFilename(name, version, useTag);
  const distInfo = distInfoDir(name, version);
  const content = new Map<string, Uint8Array>();
  for (const [p, text] of defaultModuleFiles(name, version, release)) content.set(p, enc.encode(text));
  for (const [p, data] of Object.entries(release.files ?? {})) {
    if (p.startsWith(`${distInfo}/`)) throw new TestKitError('BAD_PATH', `${name} ${version}: files may not write into ${distInfo}/`, 'the kit writes METADATA, WHEEL, RECORD and entry_points.txt itself');
    content.set(p, toBytes(data));
  }
  const isData = (p: string) => p.includes('.data/');
  const paths = [...content.keys()].sort((a, b) => Number(isData(a)) - Number(isData(b)) || (a < b ? -1 : a > b ? 1 : 0));
  const entries: ArchiveEntry[] = paths.map((p) => ({ path: p, data: content.get(p)!, mode: modeFor(p) }));

  entries.push({ path: `${distInfo}/METADATA`, data: enc.encode(coreMetadata(name, version, release, 'wheel')) });
  entries.push({ path: `${distInfo}/WHEEL`, data: enc.encode(wheelFile(useTag)) });
  const eps = entryPointsFile(release);
  if (eps !== undefined) entries.push({ path: `${distInfo}/entry_points.txt`, data: enc.encode(eps) });
  const topLevel = [...new Set(paths.filter((p) => !isData(p)).map((p) => p.split('/')[0]!.replace(/\.py$/, '')))].sort();
  entries.push({ path: `${distInfo}/top_level.txt`, data: enc.encode(topLevel.map((t) => t + '\n').join('')) });
  const record = entries.map((e) => `${csvField(e.path)},${recordDigest(e.data)},${e.data.length}\n`).join('') + `${distInfo}/RECORD,,\n`;
  entries.push({ path: `${distInfo}/RECORD`, data: enc.encode(record) });

  const bytes = writeZip(entries, release.compression ?? 'deflate');
  return { filename, bytes, sha256: sha256Hex(bytes) };
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Moves `extra == "x"` requirements to optional-dependencies, dropping that clause from the marker. */
function splitExtras(requiresDist: string[]): { dependencies: string[]; optional: Map<string, string[]> } {
  const dependencies: string[] = [];
  const optional = new Map<string, string[]>();
  for (const req of requiresDist) {
    const semi = req.indexOf(';');
    const marker = semi < 0 ? '' : req.slice(semi + 1);
    const m = /\bextra\s*==\s*(['"])([^'"]+)\1/.exec(marker);
    if (!m) {
      dependencies.push(req);
      continue;
    }
    const rest = (marker.slice(0, m.index) + marker.slice(m.index + m[0].length)).replace(/^\s*and\s+|\s+and\s*$/g, '').replace(/\s+and\s+and\s+/, ' and ').trim();
    const spec = req.slice(0, semi).trim() + (rest ? `; ${rest}` : '');
    if (!optional.has(m[2]!)) optional.set(m[2]!, []);
    optional.get(m[2]!)!.push(spec);
  }
  return { dependencies, optional };
}

function tomlString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Builds an sdist: `<name>-<version>/` with PKG-INFO, a setuptools pyproject.toml and the module sources.
 *
 * @example
 * ```ts
 * const s = buildSdist('flask', '3.0.3', { dynamic: ['Requires-Dist'] });
 * s.filename; // 'flask-3.0.3.tar.gz'
 * ```
 */
export function buildSdist(name: string, version: string, release: ReleaseDescription): BuiltArtifact {
  const filename = sdistFilename(name, version);
  const root = `${escapedDistName(name)}-${version}`;
  const files = new Map<string, Uint8Array>();
  for (const [p, text] of defaultModuleFiles(name, version, release)) files.set(p, enc.encode(text));
  for (const [p, data] of Object.entries(release.files ?? {})) if (!p.includes('.data/')) files.set(p, toBytes(data));

  const { dependencies, optional } = splitExtras(release.requiresDist ?? []);
  const sources = [...files.keys()].filter((p) => p.endsWith('.py'));
  const packages = [...new Set(sources.filter((p) => p.includes('/')).map((p) => p.slice(0, p.lastIndexOf('/')).replace(/\//g, '.')))].sort();
  const pyModules = sources.filter((p) => !p.includes('/')).map((p) => p.slice(0, -3)).sort();
  const pyproject = [
    '[build-system]',
    'requires = ["setuptools>=61"]',
    'build-backend = "setuptools.build_meta"',
    '',
    '[project]',
    `name = ${tomlString(name)}`,
    `version = ${tomlString(version)}`,
    `description = ${tomlString(release.summary ?? `The ${name} test package`)}`,
    ...(release.requiresPython !== undefined ? [`requires-python = ${tomlString(release.requiresPython)}`] : []),
    `dependencies = [${dependencies.map(tomlString).join(', ')}]`,
    '',
  ];
  if (optional.size > 0) {
    pyproject.push('[project.optional-dependencies]');
    for (const [extra, reqs] of [...optional].sort(([a], [b]) => (a < b ? -1 : 1))) pyproject.push(`${tomlString(extra)} = [${reqs.map(tomlString).join(', ')}]`);
    pyproject.push('');
  }
  for (const group of ['console_scripts', 'gui_scripts'] as const) {
    const eps = release.entryPoints?.[group];
    if (!eps || Object.keys(eps).length === 0) continue;
    pyproject.push(`[project.${group === 'console_scripts' ? 'scripts' : 'gui-scripts'}]`);
    for (const k of Object.keys(eps).sort()) pyproject.push(`${tomlString(k)} = ${tomlString(eps[k]!)}`);
    pyproject.push('');
  }

  pyproject.push('[tool.setuptools]', `packages = [${packages.map(tomlString).join(', ')}]`, `py-modules = [${pyModules.map(tomlString).join(', ')}]`, '');

  const entries: ArchiveEntry[] = [
    { path: `${root}/PKG-INFO`, data: enc.encode(coreMetadata(name, version, release, 'sdist')) },
    { path: `${root}/pyproject.toml`, data: enc.encode(pyproject.join('\n')) },
    ...[...files.keys()].sort().map((p) => ({ path: `${root}/${p}`, data: files.get(p)! })),
  ];
  const bytes = gzipDeterministic(writeTar(entries));
  return { filename, bytes, sha256: sha256Hex(bytes) };
}
