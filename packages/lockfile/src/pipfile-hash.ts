// `_meta.hash.sha256` of a Pipfile, computed byte for byte the way Pipenv does
// (pipenv/project.py `calculate_pipfile_hash`, and plette's `Pipfile.get_hash` for the raw-name variant).

import { createHash } from 'node:crypto';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { TomlDate } from 'smol-toml';
import type { TomlTable, TomlValue } from 'smol-toml';
import { LockfileError } from './errors';
import type { Pipfile } from './pipfile';
import { RESERVED_SECTIONS } from './pipfile';
import { PyFloat, pyJsonCompact } from './python-json';
import type { PyJson } from './python-json';

export interface PipfileHashOptions {
  /**
   * `canonical` (default): package keys PEP 503-normalized first, as Pipenv does since 2026.
   * `raw`: keys as written, as older Pipenv (plette `get_hash`, e.g. the 2022 apt release) does.
   */
  names?: 'canonical' | 'raw';
}

const DEFAULT_SOURCE_DATA: { [k: string]: PyJson } = { name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true };

/** TOML data -> the Python objects json.dumps sees (ints stay ints, floats stay floats). */
export function tomlToPyJson(v: TomlValue, key: string): PyJson {
  if (typeof v === 'number') return new PyFloat(v);
  if (typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof TomlDate) {
    throw new LockfileError('UNSUPPORTED_VALUE', 'a date/time value cannot be hashed (Pipenv fails on it too)', { key, hint: 'quote the value as a string' });
  }
  if (Array.isArray(v)) return v.map((x, i) => tomlToPyJson(x, `${key}[${i}]`));
  const out: { [k: string]: PyJson } = {};
  for (const [k, x] of Object.entries(v as TomlTable)) out[k] = tomlToPyJson(x, key ? `${key}.${k}` : k);
  return out;
}

/**
 * The exact object Pipenv serializes for the hash, before `json.dumps`.
 * @example Object.keys(pipfileHashContent(parsePipfile('[docs]\nsphinx = "*"\n'))) // ['_meta', 'default', 'develop', 'docs']
 */
export function pipfileHashContent(p: Pipfile, options: PipfileHashOptions = {}): { [k: string]: PyJson } {
  const canonical = (options.names ?? 'canonical') === 'canonical';
  const raw = p.data;
  const section = (name: string): PyJson => {
    const t = raw[name];
    if (t === undefined) return {};
    const data = tomlToPyJson(t, name) as { [k: string]: PyJson };
    if (!canonical) return data;
    const out: { [k: string]: PyJson } = {};
    for (const [k, v] of Object.entries(data)) out[normalizeName(k)] = v; // later duplicates win, like a dict comprehension
    return out;
  };
  const content: { [k: string]: PyJson } = {
    _meta: {
      sources: raw.source === undefined ? [DEFAULT_SOURCE_DATA] : tomlToPyJson(raw.source, 'source'),
      requires: raw.requires === undefined ? {} : tomlToPyJson(raw.requires, 'requires'),
    },
    default: section('packages'),
    develop: section('dev-packages'),
  };
  for (const k of Object.keys(raw)) {
    if ((RESERVED_SECTIONS as readonly string[]).includes(k) || k === 'default' || k === 'develop') continue;
    content[k] = section(k);
  }
  return content;
}

/**
 * The Pipfile's `_meta.hash.sha256`, as Pipenv writes it into Pipfile.lock.
 * @example pipfileHash(parsePipfile(text)) // 'edff3c36826f984dacc94d24141b4fc9895c9b8568f16fb67deeea60631ec1a6'
 */
export function pipfileHash(p: Pipfile, options: PipfileHashOptions = {}): string {
  try {
    const json = pyJsonCompact(pipfileHashContent(p, options));
    return createHash('sha256').update(json, 'utf8').digest('hex');
  } catch (e) {
    if (e instanceof LockfileError && p.path && !e.file) {
      throw new LockfileError(e.code, e.detail, { file: p.path, key: e.key, hint: e.hint, cause: e.cause });
    }
    throw e;
  }
}
