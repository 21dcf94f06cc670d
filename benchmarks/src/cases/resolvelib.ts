// Importer for resolvelib's real-PyPI functional cases (../shared/corpora/resolvelib/python): case JSON +
// index JSON -> ResolverCase. The indexes carry no Requires-Python, yanks or files (wheel-only, any).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseIndex, CaseRelease, ResolverCase } from './format';

interface ResolvelibCase {
  '#'?: string | string[];
  index: string;
  requested: string[];
  resolved?: Record<string, string | { version: string; marker?: string }>;
  conflicted?: Record<string, string[]>;
  unvisited?: Record<string, string[]>;
  needs_optimistic?: boolean;
}

type ResolvelibIndex = Record<string, Record<string, { dependencies?: string[] | Record<string, never> }> | boolean>;

/**
 * The Python the expected pins assume. resolvelib's harness evaluates markers with the test runner's
 * interpreter; the 2020 cases were recorded on a then-current CPython on Linux (see PROVENANCE.md).
 */
export const RESOLVELIB_PYTHON = '3.8';

const indexCache = new Map<string, CaseIndex>();

function loadIndex(file: string): CaseIndex {
  const cached = indexCache.get(file);
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(file, 'utf8')) as ResolvelibIndex;
  const index: CaseIndex = {};
  for (const [name, versions] of Object.entries(raw)) {
    // backjump-test-3's index has a stray `"needs_optimistic": true` at top level: not a project.
    if (typeof versions !== 'object' || versions === null) continue;
    const out: Record<string, CaseRelease> = {};
    for (const [v, meta] of Object.entries(versions)) {
      // toolz 0.10.0 in the dask index has `"dependencies": {}`: an empty object means none.
      out[v] = { requiresDist: Array.isArray(meta.dependencies) ? meta.dependencies : [] };
    }
    index[name] = out;
  }
  indexCache.set(file, index);
  return index;
}

/**
 * Load every Python case of the resolvelib corpus.
 *
 * @example
 * ```ts
 * const cases = loadResolvelibSuite('/work/shared/corpora/resolvelib');
 * ```
 */
export function loadResolvelibSuite(corpusRoot: string): ResolverCase[] {
  const caseDir = path.join(corpusRoot, 'python', 'case');
  const cases: ResolverCase[] = [];
  for (const file of readdirSync(caseDir).filter((f) => f.endsWith('.json')).sort()) {
    const raw = JSON.parse(readFileSync(path.join(caseDir, file), 'utf8')) as ResolvelibCase;
    const name = file.slice(0, -'.json'.length);
    const c: ResolverCase = {
      suite: 'resolvelib',
      category: raw.index.startsWith('pypi-') ? 'real-pypi' : 'synthetic',
      name,
      origin: path.join('resolvelib', 'python', 'case', file),
      index: loadIndex(path.join(corpusRoot, 'python', 'index', `${raw.index}.json`)),
      root: raw.requested,
      environment: { python: RESOLVELIB_PYTHON },
      options: {},
    };
    const note = raw['#'];
    if (note) c.description = Array.isArray(note) ? note.join(' ') : note;
    if (raw.conflicted) {
      c.expected = { satisfiable: false, conflicted: Object.keys(raw.conflicted) };
    } else if (raw.resolved && Object.keys(raw.resolved).length > 0) {
      const packages: Record<string, string> = {};
      for (const [n, v] of Object.entries(raw.resolved)) packages[n] = typeof v === 'string' ? v : v.version;
      c.expected = { satisfiable: true, packages };
    } else {
      // pyrex-1.9.8: `"resolved": {}`, a strict xfail upstream ("Too many rounds"): no real answer recorded.
      c.expected = undefined;
    }
    cases.push(c);
  }
  return cases;
}
