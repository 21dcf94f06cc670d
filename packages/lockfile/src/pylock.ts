// PEP 751 `pylock.toml`: export from a Pipfile.lock plus the resolution's file list (URLs, sizes,
// hashes), and a validator that checks a pylock file rule by rule and says which rules it checked.

import { SpecifierSet, Version } from '@pipgrub/core-resolver/pep440';
import { Marker, normalizeName } from '@pipgrub/core-resolver/pep508';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import type { TomlTable, TomlValue } from 'smol-toml';
import type { LockedFile } from './build-lock';
import { LockfileError } from './errors';
import type { LockEntry, Lockfile } from './lockfile';
import { lockSectionName } from './pipfile';
import { compareCodePoints } from './python-json';
import { scanToml } from './toml-scanner';

export interface ExportPylockOptions {
  /** Files of each release, by normalized name and version (without `==`). */
  files: (name: string, version: string) => readonly LockedFile[] | undefined;
  /** Lock sections / Pipfile categories; the first is installed by default, the others become dependency groups. */
  categories?: string[];
  /** `created-by` (default `pipgrub`). */
  createdBy?: string;
  /** `requires-python` (default: derived from `_meta.requires.python_version`, e.g. `==3.11.*`). */
  requiresPython?: string;
}

/** TOML basic string. */
function q(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A raw TOML value (inline table or datetime) that must not be quoted. */
class RawToml {
  constructor(readonly text: string) {}
}

const TOML_DATETIME = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function inlineTable(entries: Array<[string, string | number | boolean | RawToml | undefined]>): string {
  const parts = entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${k} = ${v instanceof RawToml ? v.text : typeof v === 'string' ? q(v) : String(v)}`);
  return `{ ${parts.join(', ')} }`;
}

function hashesTable(h: Record<string, string>): RawToml {
  return new RawToml('{ ' + Object.keys(h).sort().map((k) => `${k} = ${q(h[k] as string)}`).join(', ') + ' }');
}

function fileName(f: LockedFile): string | undefined {
  if (f.filename) return f.filename;
  if (!f.url) return undefined;
  try {
    return decodeURIComponent(new URL(f.url).pathname.split('/').pop() ?? '');
  } catch {
    return undefined;
  }
}

/**
 * A PEP 751 pylock.toml for the chosen categories of a lock.
 * @example
 * const text = exportPylock(lock, { files: (name, version) => index.files(name, version) });
 * validatePylock(text).valid // true
 */
export function exportPylock(lock: Lockfile, options: ExportPylockOptions): string {
  const categories = (options.categories ?? ['default']).map(lockSectionName);
  const [main, ...groups] = categories;
  const chosen = new Map<string, { entry: LockEntry; groups: Set<string>; inMain: boolean }>();
  for (const c of categories) {
    const section = lock.sections[c];
    if (!section) throw new LockfileError('EXPORT_INVALID', `the lock has no section ${JSON.stringify(c)}`, { key: c });
    for (const [name, entry] of Object.entries(section)) {
      const cur = chosen.get(name) ?? { entry, groups: new Set<string>(), inMain: false };
      if (c === main) cur.inMain = true;
      else cur.groups.add(c);
      chosen.set(name, cur);
    }
  }
  const out: string[] = ['lock-version = "1.0"'];
  const pv = lock.meta.requires.python_full_version ? `==${lock.meta.requires.python_full_version}` : lock.meta.requires.python_version ? `==${lock.meta.requires.python_version}.*` : undefined;
  const requiresPython = options.requiresPython ?? pv;
  if (requiresPython) out.push(`requires-python = ${q(requiresPython)}`);
  if (groups.length) {
    out.push(`dependency-groups = [${groups.map(q).join(', ')}]`);
    out.push('default-groups = []');
  }
  out.push(`created-by = ${q(options.createdBy ?? 'pipgrub')}`);
  const index = lock.meta.sources[0]?.url;
  const sourceUrl = new Map(lock.meta.sources.map((s) => [s.name, s.url]));
  for (const name of [...chosen.keys()].sort(compareCodePoints)) {
    const { entry: e, groups: gs, inMain } = chosen.get(name) as { entry: LockEntry; groups: Set<string>; inMain: boolean };
    out.push('', '[[packages]]', `name = ${q(normalizeName(name))}`);
    const groupMarker = inMain ? undefined : [...gs].map((g) => `'${g}' in dependency_groups`).join(' or ');
    const marker = [groupMarker, e.markers].filter(Boolean).map((m, _i, all) => (all.length > 1 ? `(${m})` : m)).join(' and ');
    const vcsKind = (['git', 'hg', 'svn', 'bzr'] as const).find((k) => typeof e[k] === 'string');
    if (e.version && !vcsKind && e.path === undefined && e.file === undefined) out.push(`version = ${q(e.version.replace(/^===?/, ''))}`);
    if (marker) out.push(`marker = ${q(marker)}`);
    if (vcsKind) {
      if (!e.ref) throw new LockfileError('EXPORT_INVALID', 'a VCS package needs a resolved ref (commit) for pylock.toml', { key: `${name}.ref` });
      out.push(`vcs = ${inlineTable([['type', vcsKind], ['url', String(e[vcsKind])], ['commit-id', e.ref], ['subdirectory', e.subdirectory]])}`);
      continue;
    }
    if (e.path !== undefined) {
      out.push(`directory = ${inlineTable([['path', e.path], ['editable', e.editable ? true : undefined]])}`);
      continue;
    }
    if (e.file !== undefined) {
      const sha = e.hashes?.find((h) => h.startsWith('sha256:'))?.slice(7);
      if (!sha) throw new LockfileError('EXPORT_INVALID', 'a file package needs a sha256 hash for pylock.toml', { key: `${name}.hashes` });
      out.push(`archive = ${inlineTable([['url', e.file], ['hashes', hashesTable({ sha256: sha })]])}`);
      continue;
    }
    const version = (e.version ?? '').replace(/^===?/, '');
    const files = options.files(normalizeName(name), version);
    if (!files?.length) throw new LockfileError('EXPORT_INVALID', `no file information for ${name} ${version}`, { key: name, hint: 'pass the files the resolver saw for this release' });
    const allowed = new Set((e.hashes ?? []).filter((h) => h.startsWith('sha256:')).map((h) => h.slice(7).toLowerCase()));
    const usable = files.filter((f) => f.hashes.sha256 && (allowed.size === 0 || allowed.has(f.hashes.sha256.toLowerCase())) && f.url);
    const idx = e.index ? sourceUrl.get(e.index) : index;
    if (idx) out.push(`index = ${q(idx)}`);
    const uploaded = (f: LockedFile) => (f.uploadTime && TOML_DATETIME.test(f.uploadTime) ? new RawToml(f.uploadTime) : undefined);
    const row = (f: LockedFile) => inlineTable([['name', fileName(f)], ['url', f.url], ['upload-time', uploaded(f)], ['size', f.size], ['hashes', hashesTable({ sha256: (f.hashes.sha256 as string).toLowerCase() })]]);
    const isWheel = (f: LockedFile) => (f.kind ? f.kind === 'wheel' : (fileName(f) ?? '').endsWith('.whl'));
    const sdists = usable.filter((f) => !isWheel(f));
    const wheels = usable.filter(isWheel).sort((a, b) => compareCodePoints(fileName(a) ?? '', fileName(b) ?? ''));
    if (!sdists.length && !wheels.length) throw new LockfileError('EXPORT_INVALID', `no file of ${name} ${version} matches the locked hashes`, { key: name });
    if (sdists[0]) out.push(`sdist = ${row(sdists[0])}`);
    if (wheels.length) out.push('wheels = [', ...wheels.map((w) => `    ${row(w)},`), ']');
  }
  return out.join('\n') + '\n';
}

/** One PEP 751 rule the validator checks. */
export interface PylockRule {
  id: string;
  description: string;
}

/**
 * Every rule {@link validatePylock} checks, in order.
 * @example PYLOCK_RULES.map((r) => r.id) // ['file-name', 'toml', 'lock-version', ...]
 */
export const PYLOCK_RULES: readonly PylockRule[] = [
  { id: 'file-name', description: 'file is named pylock.toml or pylock.<name>.toml' },
  { id: 'toml', description: 'file is valid TOML' },
  { id: 'lock-version', description: 'lock-version is present, a string, and major version 1' },
  { id: 'created-by', description: 'created-by is present and a string' },
  { id: 'environments', description: 'environments, if present, is an array of marker strings' },
  { id: 'requires-python', description: 'requires-python (top level and per package), if present, is a string' },
  { id: 'extras', description: 'extras, if present, is an array of strings' },
  { id: 'dependency-groups', description: 'dependency-groups and default-groups, if present, are arrays of strings' },
  { id: 'packages', description: 'packages is present and an array of tables' },
  { id: 'package-name', description: 'each package has a normalized name' },
  { id: 'package-version', description: 'version, marker and index, if present, are strings' },
  { id: 'pep440-pep508', description: 'versions parse as PEP 440, requires-python as specifier sets, marker and environments as PEP 508 markers' },
  { id: 'package-source', description: 'a package has exactly one of vcs, directory, archive, or sdist/wheels' },
  { id: 'vcs', description: 'vcs has type, url or path, and commit-id' },
  { id: 'directory', description: 'directory has path; editable is a boolean' },
  { id: 'archive', description: 'archive has url or path and hashes' },
  { id: 'sdist', description: 'sdist has url or path and hashes' },
  { id: 'wheels', description: 'wheels is an array of tables, each with url or path, hashes and a .whl name' },
  { id: 'file-names', description: 'wheel and sdist file names carry the package name (and version, when given)' },
  { id: 'hashes', description: 'hashes tables are non-empty, algorithm -> digest string' },
  { id: 'size-upload-time', description: 'size is a non-negative integer; upload-time is a TOML datetime' },
  { id: 'dependencies', description: 'dependencies and attestation-identities, if present, are arrays of tables; each identity has a kind' },
  { id: 'tool', description: 'tool tables, if present, are tables' },
];

export interface PylockProblem {
  rule: string;
  message: string;
  line?: number;
  key?: string;
}

export interface PylockValidation {
  valid: boolean;
  problems: PylockProblem[];
  /** Ids of the rules checked (all of {@link PYLOCK_RULES} unless the TOML did not parse). */
  rulesChecked: string[];
}

const isTable = (v: unknown): v is TomlTable => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof TomlDate);

function parses(f: () => unknown): boolean {
  try {
    f();
    return true;
  } catch {
    return false;
  }
}

/** Loose PEP 440 comparison key: lowercase, leading `v` and trailing `.0` release parts dropped. */
function versionKey(v: string): string {
  const m = /^v?(\d+(?:\.\d+)*)(.*)$/i.exec(v.trim());
  if (!m) return v.toLowerCase();
  return (m[1] as string).replace(/(\.0+)+$/, '').replace(/^0+(\d)/, '$1') + (m[2] as string).toLowerCase();
}

function baseName(f: TomlTable): string | undefined {
  if (typeof f.name === 'string') return f.name;
  const src = typeof f.path === 'string' ? f.path : typeof f.url === 'string' ? f.url : undefined;
  return src?.split(/[\\/]/).pop();
}

/**
 * Check a pylock.toml against the PEP 751 rules in {@link PYLOCK_RULES}.
 * @example validatePylock(text, { path: 'pylock.toml' }).problems // [] when valid
 */
export function validatePylock(text: string, options: { path?: string } = {}): PylockValidation {
  const problems: PylockProblem[] = [];
  const checked: string[] = [];
  const file = options.path;
  checked.push('file-name');
  if (file) {
    const base = file.split(/[\\/]/).pop() ?? file;
    if (!/^pylock\.([^.]+\.)?toml$/.test(base)) problems.push({ rule: 'file-name', message: `file name ${base} is not pylock.toml or pylock.<name>.toml` });
  }
  checked.push('toml');
  let data: TomlTable;
  try {
    data = parseToml(text);
  } catch (e) {
    const line = e instanceof TomlError ? e.line : undefined;
    problems.push({ rule: 'toml', message: `invalid TOML: ${(e as Error).message.split('\n')[0]}`, line });
    return { valid: false, problems, rulesChecked: checked };
  }
  checked.push(...PYLOCK_RULES.slice(2).map((r) => r.id));
  const layout = scanToml(text);
  const pkgHeaders = layout.headers.filter((h) => h.isArray && h.path.length === 1 && h.path[0] === 'packages');
  const topLine = (k: string) => layout.entries.find((e) => e.table.length === 0 && e.key[0] === k)?.line;
  const add = (rule: string, message: string, key?: string, line?: number) => problems.push({ rule, message, key, line: line ?? (key ? topLine(key.split(/[.[]/)[0] as string) : undefined) });
  const strArray = (v: TomlValue | undefined) => Array.isArray(v) && v.every((x) => typeof x === 'string');

  const lv = data['lock-version'];
  if (typeof lv !== 'string') add('lock-version', lv === undefined ? 'lock-version is missing' : 'lock-version must be a string', 'lock-version', 1);
  else if (!/^1(\.\d+)?$/.test(lv)) add('lock-version', `unsupported lock-version ${lv}`, 'lock-version');
  if (typeof data['created-by'] !== 'string') add('created-by', data['created-by'] === undefined ? 'created-by is missing' : 'created-by must be a string', 'created-by', 1);
  if (data.environments !== undefined && !strArray(data.environments)) add('environments', 'environments must be an array of strings', 'environments');
  else for (const m of (data.environments as string[] | undefined) ?? []) if (!parses(() => Marker.parse(m))) add('pep440-pep508', `environment ${JSON.stringify(m)} is not a PEP 508 marker`, 'environments');
  if (data['requires-python'] !== undefined && typeof data['requires-python'] !== 'string') add('requires-python', 'requires-python must be a string', 'requires-python');
  else if (typeof data['requires-python'] === 'string' && !parses(() => SpecifierSet.parse(data['requires-python'] as string))) add('pep440-pep508', 'requires-python is not a PEP 440 specifier set', 'requires-python');
  if (data.extras !== undefined && !strArray(data.extras)) add('extras', 'extras must be an array of strings', 'extras');
  else for (const x of (data.extras as string[] | undefined) ?? []) if (normalizeName(x) !== x) add('extras', `extra ${x} is not normalized`, 'extras');
  for (const k of ['dependency-groups', 'default-groups']) {
    if (data[k] !== undefined && !strArray(data[k])) add('dependency-groups', `${k} must be an array of strings`, k);
  }
  if (data.tool !== undefined && !isTable(data.tool)) add('tool', 'tool must be a table', 'tool');
  const packages = data.packages;
  if (!Array.isArray(packages) || !packages.every(isTable)) {
    add('packages', packages === undefined ? 'packages is missing' : 'packages must be an array of tables', 'packages', 1);
    return { valid: problems.length === 0, problems, rulesChecked: checked };
  }
  packages.forEach((raw, i) => {
    const p = raw as TomlTable;
    const line = pkgHeaders[i]?.line ?? topLine('packages');
    const key = `packages[${i}]`;
    const bad = (rule: string, message: string) => add(rule, `${typeof p.name === 'string' ? p.name : key}: ${message}`, key, line);
    if (typeof p.name !== 'string') bad('package-name', 'name is missing');
    else if (normalizeName(p.name) !== p.name) bad('package-name', `name ${p.name} is not normalized (${normalizeName(p.name)})`);
    for (const k of ['version', 'marker', 'index', 'requires-python']) {
      if (p[k] !== undefined && typeof p[k] !== 'string') bad(k === 'requires-python' ? 'requires-python' : 'package-version', `${k} must be a string`);
    }
    if (typeof p.version === 'string' && !parses(() => Version.parse(p.version as string))) bad('pep440-pep508', `version ${JSON.stringify(p.version)} is not a PEP 440 version`);
    if (typeof p.marker === 'string' && !parses(() => Marker.parse(p.marker as string))) bad('pep440-pep508', `marker ${JSON.stringify(p.marker)} is not a PEP 508 marker`);
    if (typeof p['requires-python'] === 'string' && !parses(() => SpecifierSet.parse(p['requires-python'] as string))) bad('pep440-pep508', 'requires-python is not a PEP 440 specifier set');
    for (const k of ['dependencies', 'attestation-identities']) {
      if (p[k] !== undefined && !(Array.isArray(p[k]) && (p[k] as TomlValue[]).every(isTable))) bad('dependencies', `${k} must be an array of tables`);
    }
    if (p.tool !== undefined && !isTable(p.tool)) bad('tool', 'tool must be a table');
    const kinds = ['vcs', 'directory', 'archive'].filter((k) => p[k] !== undefined);
    const dists = p.sdist !== undefined || p.wheels !== undefined;
    if (kinds.length + (dists ? 1 : 0) !== 1) {
      bad('package-source', kinds.length + (dists ? 1 : 0) === 0 ? 'no vcs, directory, archive, sdist or wheels' : `more than one of vcs, directory, archive, sdist/wheels (${[...kinds, ...(dists ? ['sdist/wheels'] : [])].join(', ')})`);
    }
    const checkFile = (rule: string, f: TomlValue, where: string, needHashes: boolean) => {
      if (!isTable(f)) return bad(rule, `${where} must be a table`);
      if (typeof f.url !== 'string' && typeof f.path !== 'string') bad(rule, `${where} needs url or path`);
      if (f.size !== undefined && !(typeof f.size === 'number' && Number.isInteger(f.size) && f.size >= 0)) bad('size-upload-time', `${where}.size must be a non-negative integer`);
      if (f['upload-time'] !== undefined && !(f['upload-time'] instanceof TomlDate)) bad('size-upload-time', `${where}.upload-time must be a TOML datetime, not ${typeof f['upload-time']}`);
      if (needHashes) {
        const h = f.hashes;
        if (!isTable(h) || Object.keys(h).length === 0) bad('hashes', `${where}.hashes is missing or empty`);
        else for (const [algo, digest] of Object.entries(h)) {
          if (typeof digest !== 'string') bad('hashes', `${where}.hashes.${algo} must be a string`);
        }
      }
    };
    if (p.vcs !== undefined) {
      const v = p.vcs;
      if (!isTable(v)) bad('vcs', 'vcs must be a table');
      else {
        if (typeof v.type !== 'string') bad('vcs', 'vcs.type is missing');
        if (typeof v.url !== 'string' && typeof v.path !== 'string') bad('vcs', 'vcs needs url or path');
        if (typeof v['commit-id'] !== 'string') bad('vcs', 'vcs.commit-id is missing');
      }
    }
    if (p.directory !== undefined) {
      const d = p.directory;
      if (!isTable(d) || typeof d.path !== 'string') bad('directory', 'directory.path is missing');
      else if (d.editable !== undefined && typeof d.editable !== 'boolean') bad('directory', 'directory.editable must be a boolean');
    }
    if (p.archive !== undefined) checkFile('archive', p.archive, 'archive', true);
    if (p.sdist !== undefined) {
      checkFile('sdist', p.sdist, 'sdist', true);
      const name = isTable(p.sdist) ? baseName(p.sdist) : undefined;
      const m = name ? /^(.+)-([^-]+)\.(tar\.gz|zip)$/.exec(name) : null;
      if (name !== undefined && !m) bad('sdist', `sdist name ${JSON.stringify(name)} is not an sdist file name`);
      if (m && typeof p.name === 'string' && normalizeName(m[1] as string) !== p.name) bad('file-names', `sdist ${name} is not a file of ${p.name}`);
      if (m && typeof p.version === 'string' && versionKey(m[2] as string) !== versionKey(p.version)) bad('file-names', `sdist ${name} is not version ${p.version}`);
    }
    if (Array.isArray(p['attestation-identities'])) {
      (p['attestation-identities'] as TomlValue[]).forEach((a, j) => {
        if (isTable(a) && typeof a.kind !== 'string') bad('dependencies', `attestation-identities[${j}].kind is missing`);
      });
    }
    if (p.wheels !== undefined) {
      if (!Array.isArray(p.wheels)) bad('wheels', 'wheels must be an array of tables');
      else p.wheels.forEach((w, j) => {
        checkFile('wheels', w, `wheels[${j}]`, true);
        if (isTable(w)) {
          const name = baseName(w) ?? '';
          const parts = name.replace(/\.whl$/, '').split('-');
          if (!name.endsWith('.whl') || (parts.length !== 5 && parts.length !== 6)) bad('wheels', `wheels[${j}] name ${JSON.stringify(name)} is not a wheel file name`);
          else {
            if (typeof p.name === 'string' && normalizeName(parts[0] as string) !== p.name) bad('file-names', `wheels[${j}] ${name} is not a file of ${p.name}`);
            if (typeof p.version === 'string' && versionKey(parts[1] as string) !== versionKey(p.version)) bad('file-names', `wheels[${j}] ${name} is not version ${p.version}`);
          }
        }
      });
    }
  });
  return { valid: problems.length === 0, problems, rulesChecked: checked };
}
