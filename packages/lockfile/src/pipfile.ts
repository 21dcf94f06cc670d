// Pipfile reading: TOML via smol-toml, positions via the scanner, and validation of every section
// and package entry form Pipenv accepts, with errors naming file:line and key.

import { SpecifierSet } from '@pipgrub/core-resolver/pep440';
import { Marker, isValidName, normalizeName } from '@pipgrub/core-resolver/pep508';
import type { NormalizedName } from '@pipgrub/core-resolver/pep508';
import { parse as parseToml, TomlDate, TomlError } from 'smol-toml';
import type { TomlTable, TomlValue } from 'smol-toml';
import { LockfileError } from './errors';
import type { LockfileErrorCode } from './errors';
import { scanToml } from './toml-scanner';
import type { TomlLayout } from './toml-scanner';

/** A `[[source]]` entry, with Pipenv's defaults filled in (`name` from the host, `verify_ssl` from https). */
export interface PipfileSource {
  name: string;
  url: string;
  verifySsl: boolean;
  line?: number;
}

/** The VCS part of a package entry (`git = "..."`, `ref`, `subdirectory`). */
export interface VcsSpec {
  kind: 'git' | 'hg' | 'svn' | 'bzr';
  url: string;
  ref?: string;
  subdirectory?: string;
}

/** One package entry of a Pipfile category, in every form Pipenv accepts. */
export interface PipfilePackage {
  /** The key as written in the Pipfile. */
  name: string;
  normalizedName: NormalizedName;
  /** Pipfile table the entry is in (`packages`, `dev-packages`, `docs`...). */
  category: string;
  line?: number;
  /** The entry as written: a specifier string or a table. */
  spec: string | TomlTable;
  /** Version specifier; `*` when the entry is a bare `"*"` or has no version. */
  version?: string;
  extras?: string[];
  /** The `markers` key joined with marker keys (`sys_platform = "== 'linux'"`), as Pipenv does. */
  markers?: string;
  index?: string;
  editable?: boolean;
  path?: string;
  file?: string;
  vcs?: VcsSpec;
}

/** A parsed and validated Pipfile. */
export interface Pipfile {
  path?: string;
  /** Sources as declared (empty when the Pipfile declares none; see {@link effectiveSources}). */
  sources: PipfileSource[];
  /** Package categories in file order (`packages`, `dev-packages` and custom ones), each name -> entries. */
  categories: Map<string, PipfilePackage[]>;
  requires: { python_version?: string; python_full_version?: string };
  scripts: Record<string, TomlValue>;
  /** The `[pipenv]` settings table (e.g. `allow_prereleases`). */
  settings: TomlTable;
  /** The whole document as TOML data (what `_meta.hash` is computed from). */
  data: TomlTable;
}

/** The source Pipenv uses when a Pipfile declares none. */
export const DEFAULT_SOURCE: Readonly<PipfileSource> = Object.freeze({ name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true });

/** Tables with a fixed meaning; every other top-level table is a package category. */
export const RESERVED_SECTIONS = ['source', 'packages', 'dev-packages', 'requires', 'scripts', 'pipfile', 'pipenv'] as const;

/** PEP 508 marker variables Pipenv accepts as keys of a package table. */
export const MARKER_KEYS = [
  'os_name', 'sys_platform', 'platform_machine', 'platform_python_implementation', 'platform_release',
  'platform_system', 'platform_version', 'python_version', 'python_full_version', 'implementation_name',
  'implementation_version', 'os.name', 'sys.platform', 'platform.python_implementation',
] as const;

const PACKAGE_STRING_KEYS = ['version', 'markers', 'index', 'path', 'file', 'git', 'hg', 'svn', 'bzr', 'ref', 'subdirectory'];
const PACKAGE_BOOL_KEYS = ['editable', 'no_binary', 'skip_resolver'];
const VCS_KINDS = ['git', 'hg', 'svn', 'bzr'] as const;

/**
 * Pipfile category -> Pipfile.lock section (`packages` -> `default`, `dev-packages` -> `develop`).
 * @example lockSectionName('dev-packages') // 'develop'
 */
export function lockSectionName(category: string): string {
  if (category === 'packages') return 'default';
  if (category === 'dev-packages') return 'develop';
  return category;
}

/**
 * Pipfile.lock section -> Pipfile category.
 * @example pipfileCategoryName('default') // 'packages'
 */
export function pipfileCategoryName(section: string): string {
  if (section === 'default') return 'packages';
  if (section === 'develop') return 'dev-packages';
  return section;
}

/**
 * The sources Pipenv resolves against: the declared ones, or the default PyPI source.
 * @example effectiveSources(parsePipfile(''))[0]?.url // 'https://pypi.org/simple'
 */
export function effectiveSources(p: Pipfile): PipfileSource[] {
  return p.sources.length ? p.sources : [{ ...DEFAULT_SOURCE }];
}

export interface ParseOptions {
  /** File name used in error messages (default `Pipfile`). */
  path?: string;
}

/**
 * Parse and validate a Pipfile.
 * @example
 * const p = parsePipfile('[packages]\nrequests = ">=2"\n', { path: 'Pipfile' });
 * p.categories.get('packages')?.[0]?.version // '>=2'
 */
export function parsePipfile(text: string, options: ParseOptions = {}): Pipfile {
  const file = options.path ?? 'Pipfile';
  let data: TomlTable;
  try {
    data = parseToml(text, { integersAsBigInt: true });
  } catch (e) {
    if (e instanceof TomlError) {
      throw new LockfileError('TOML_SYNTAX', `invalid TOML: ${e.message.split('\n')[0]}`, {
        file, line: e.line, cause: e, hint: 'fix the TOML syntax; see https://toml.io',
      });
    }
    throw e;
  }
  const layout = scanToml(text);
  const v = new Validator(file, layout);
  const result: Pipfile = { path: options.path, sources: [], categories: new Map(), requires: {}, scripts: {}, settings: {}, data };

  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case 'source':
        result.sources = v.sources(value);
        break;
      case 'requires':
        result.requires = v.requires(value);
        break;
      case 'scripts':
        result.scripts = v.table(value, ['scripts']);
        for (const [name, cmd] of Object.entries(result.scripts)) {
          const ok = typeof cmd === 'string' || (Array.isArray(cmd) && cmd.every((x) => typeof x === 'string')) || (isTable(cmd) && typeof cmd.call === 'string');
          if (!ok) v.fail('PIPFILE_WRONG_TYPE', ['scripts', name], `expected a command string, an array of strings or {call = "module:function"}, got ${typeName(cmd)}`);
        }
        break;
      case 'pipenv': {
        const t = v.table(value, ['pipenv']);
        if ('allow_prereleases' in t && typeof t.allow_prereleases !== 'boolean') v.fail('PIPFILE_WRONG_TYPE', ['pipenv', 'allow_prereleases'], 'expected true or false');
        result.settings = t;
        break;
      }
      case 'pipfile':
        v.table(value, ['pipfile']);
        break;
      default: {
        if (!isTable(value)) {
          v.fail('PIPFILE_UNKNOWN_KEY', [key], `unknown top-level key (a package category must be a table)`,
            `top-level keys are [[source]], [packages], [dev-packages], [requires], [scripts], [pipenv] or a [category] table`);
        }
        result.categories.set(key, Object.entries(value).map(([name, spec]) => v.pkg(key, name, spec)));
      }
    }
  }
  // An entry's `index` must name a source (by name or URL), as Pipenv looks it up when installing.
  const known = new Set(effectiveSources(result).flatMap((src) => [src.name, src.url]));
  for (const pkgs of result.categories.values()) {
    for (const p of pkgs) {
      if (p.index !== undefined && !known.has(p.index)) {
        v.fail('PIPFILE_INVALID', [p.category, p.name, 'index'], `no [[source]] named ${JSON.stringify(p.index)}`, `declared sources: ${[...effectiveSources(result)].map((x) => x.name).join(', ')}`);
      }
    }
  }
  return result;
}

function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof TomlDate);
}

function typeName(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v instanceof TomlDate) return 'a date';
  if (isTable(v)) return 'a table';
  if (typeof v === 'bigint') return 'an integer';
  if (typeof v === 'number') return 'a float';
  if (typeof v === 'boolean') return 'a boolean';
  return `a ${typeof v}`;
}

/** Host name of a URL, the way Pipenv names an unnamed source. */
function urlName(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

/**
 * Whether a Pipfile version is valid: `*`, a PEP 440 specifier set (`==1.0`, `>=1,<2`), or a bare
 * version, which Pipenv treats as `==version`.
 * @example isValidSpecifierSet('>=1,<2') // true
 */
export function isValidSpecifierSet(s: string): boolean {
  const t = s.trim();
  if (t === '*' || t === '') return true;
  try {
    // A bare version (`1.0`, `3.*` as in Pipenv's own Pipfile) means `==version`.
    SpecifierSet.parse(/^[0-9]/.test(t) ? `==${t}` : t);
    return true;
  } catch {
    return false;
  }
}

class Validator {
  constructor(readonly file: string, readonly layout: TomlLayout) {}

  /** 1-based line of the longest known prefix of `path`. */
  lineOf(path: string[]): number | undefined {
    let best: { len: number; line: number } | undefined;
    const consider = (full: string[], line: number) => {
      if (full.length > path.length || (best && full.length <= best.len)) return;
      if (full.every((k, i) => k === path[i])) best = { len: full.length, line };
    };
    for (const e of this.layout.entries) consider([...e.table, ...e.key], e.line);
    for (const h of this.layout.headers) consider(h.path, h.line);
    return best?.line;
  }

  fail(code: LockfileErrorCode, path: string[], detail: string, hint?: string): never {
    throw new LockfileError(code, detail, { file: this.file, line: this.lineOf(path), key: path.join('.'), hint });
  }

  table(v: TomlValue, path: string[]): TomlTable {
    if (!isTable(v)) this.fail('PIPFILE_WRONG_TYPE', path, `expected a table, got ${typeName(v)}`);
    return v;
  }

  str(v: TomlValue | undefined, path: string[]): string {
    if (typeof v !== 'string') this.fail('PIPFILE_WRONG_TYPE', path, `expected a string, got ${typeName(v)}`);
    return v;
  }

  marker(text: string, path: string[]): void {
    try {
      Marker.parse(text);
    } catch (e) {
      this.fail('PIPFILE_INVALID', path, `invalid marker ${JSON.stringify(text)}: ${(e as Error).message.replace(/^invalid marker '.*?': /, '')}`, "write a PEP 508 marker, e.g. \"sys_platform == 'linux'\"");
    }
  }

  sources(v: TomlValue): PipfileSource[] {
    if (!Array.isArray(v)) this.fail('PIPFILE_WRONG_TYPE', ['source'], `expected [[source]] tables, got ${typeName(v)}`);
    const srcHeaders = this.layout.headers.filter((h) => h.isArray && h.path.length === 1 && h.path[0] === 'source');
    return v.map((s, i) => {
      const path = ['source'];
      const line = srcHeaders[i]?.line;
      const fail = (key: string, detail: string): never => {
        throw new LockfileError('PIPFILE_WRONG_TYPE', detail, { file: this.file, line, key: `source[${i}].${key}` });
      };
      if (!isTable(s)) this.fail('PIPFILE_WRONG_TYPE', path, `expected a table, got ${typeName(s)}`);
      for (const k of Object.keys(s)) {
        if (!['name', 'url', 'verify_ssl'].includes(k)) {
          throw new LockfileError('PIPFILE_UNKNOWN_KEY', 'unknown key in [[source]]', { file: this.file, line, key: `source[${i}].${k}`, hint: 'a source has name, url and verify_ssl' });
        }
      }
      if (typeof s.url !== 'string') fail('url', s.url === undefined ? 'missing required key' : `expected a string, got ${typeName(s.url)}`);
      const url = s.url as string;
      if (s.name !== undefined && typeof s.name !== 'string') fail('name', `expected a string, got ${typeName(s.name)}`);
      if (s.verify_ssl !== undefined && typeof s.verify_ssl !== 'boolean') fail('verify_ssl', `expected true or false, got ${typeName(s.verify_ssl)}`);
      return {
        name: (s.name as string | undefined) ?? urlName(url),
        url,
        verifySsl: (s.verify_ssl as boolean | undefined) ?? url.startsWith('https://'),
        line,
      };
    });
  }

  requires(v: TomlValue): Pipfile['requires'] {
    const t = this.table(v, ['requires']);
    const out: Pipfile['requires'] = {};
    for (const [k, val] of Object.entries(t)) {
      if (k !== 'python_version' && k !== 'python_full_version') {
        this.fail('PIPFILE_UNKNOWN_KEY', ['requires', k], 'unknown key in [requires]', 'use python_version or python_full_version');
      }
      out[k] = this.str(val, ['requires', k]);
    }
    return out;
  }

  pkg(category: string, name: string, spec: TomlValue): PipfilePackage {
    const path = [category, name];
    if (!isValidName(name)) this.fail('PIPFILE_INVALID', path, `invalid package name ${JSON.stringify(name)}`);
    const base: PipfilePackage = { name, normalizedName: normalizeName(name), category, line: this.lineOf(path), spec: spec as string | TomlTable };
    if (typeof spec === 'string') {
      if (!isValidSpecifierSet(spec)) this.fail('PIPFILE_INVALID', path, `invalid version specifier ${JSON.stringify(spec)}`, 'use "*", "==1.0" or ">=1,<2"');
      return { ...base, version: spec.trim() === '' ? '*' : spec };
    }
    if (!isTable(spec)) this.fail('PIPFILE_WRONG_TYPE', path, `expected a version string or a table, got ${typeName(spec)}`);
    const markers: string[] = [];
    const out: PipfilePackage = { ...base };
    for (const [k, val] of Object.entries(spec)) {
      const kp = [...path, k];
      if (PACKAGE_STRING_KEYS.includes(k)) this.str(val, kp);
      else if (PACKAGE_BOOL_KEYS.includes(k)) {
        if (typeof val !== 'boolean') this.fail('PIPFILE_WRONG_TYPE', kp, `expected true or false, got ${typeName(val)}`);
      } else if (k === 'extras') {
        if (!Array.isArray(val) || !val.every((x) => typeof x === 'string')) this.fail('PIPFILE_WRONG_TYPE', kp, `expected an array of strings, got ${typeName(val)}`);
      } else if ((MARKER_KEYS as readonly string[]).includes(k)) {
        const m = `${k.replace('.', '_')} ${this.str(val, kp).trim()}`;
        this.marker(m, kp);
        markers.push(m);
      } else {
        this.fail('PIPFILE_UNKNOWN_KEY', kp, 'unknown key in package entry',
          'package tables take version, extras, markers, index, editable, path, file, git/hg/svn/bzr, ref, subdirectory, or a marker name');
      }
    }
    if (typeof spec.version === 'string') {
      if (!isValidSpecifierSet(spec.version)) this.fail('PIPFILE_INVALID', [...path, 'version'], `invalid version specifier ${JSON.stringify(spec.version)}`);
      out.version = spec.version;
    }
    if (Array.isArray(spec.extras)) out.extras = spec.extras as string[];
    if (typeof spec.markers === 'string') {
      this.marker(spec.markers, [...path, 'markers']);
      markers.unshift(spec.markers);
    }
    if (markers.length) out.markers = markers.length === 1 ? markers[0] : markers.map((m) => `(${m})`).join(' and ');
    if (typeof spec.index === 'string') out.index = spec.index;
    if (typeof spec.editable === 'boolean') out.editable = spec.editable;
    if (typeof spec.path === 'string') out.path = spec.path;
    if (typeof spec.file === 'string') out.file = spec.file;
    const kinds = VCS_KINDS.filter((k) => typeof spec[k] === 'string');
    const origins = kinds.length + (out.path !== undefined ? 1 : 0) + (out.file !== undefined ? 1 : 0);
    if (origins > 1) this.fail('PIPFILE_INVALID', path, 'an entry may name only one of path, file, git, hg, svn, bzr');
    if (kinds[0]) {
      const vcs: VcsSpec = { kind: kinds[0], url: spec[kinds[0]] as string };
      if (typeof spec.ref === 'string') vcs.ref = spec.ref;
      if (typeof spec.subdirectory === 'string') vcs.subdirectory = spec.subdirectory;
      out.vcs = vcs;
    } else if (spec.ref !== undefined) {
      this.fail('PIPFILE_INVALID', [...path, 'ref'], 'ref needs git, hg, svn or bzr');
    }
    if (out.version === undefined && origins === 0) out.version = '*';
    return out;
  }
}
