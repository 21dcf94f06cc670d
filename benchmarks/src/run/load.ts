// Where `bench run` gets its cases: a named suite (H4's importers) or case JSON files/folders (one case,
// an array of cases, or `{ "cases": [...] }` per file).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolverCase } from '../cases/format';
import { loadSuite, SUITES, type SuiteName } from '../conformance/suites';

/** A case list that cannot be read: names the file and what is wrong. */
export class CaseLoadError extends Error {
  readonly code = 'CASE_LOAD';
  readonly hint: string;
  constructor(message: string, hint: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'CaseLoadError';
    this.hint = hint;
  }
}

/** Whether `e` is a {@link CaseLoadError} (works across duplicate module copies). */
export function isCaseLoadError(e: unknown): e is CaseLoadError {
  return e instanceof Error && (e as { code?: unknown }).code === 'CASE_LOAD';
}

function isCase(x: unknown): x is ResolverCase {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Partial<ResolverCase>;
  return typeof c.name === 'string' && typeof c.index === 'object' && Array.isArray(c.root) && typeof c.environment === 'object';
}

/** Parse one case file (a case, an array of cases, or `{ cases: [...] }`). */
export function readCaseFile(file: string): ResolverCase[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CaseLoadError(`${file}: not valid JSON (${(e as Error).message})`, 'a case file holds one case object, an array of them, or { "cases": [...] }', e);
  }
  const list = Array.isArray(data) ? data : isCase(data) ? [data] : (data as { cases?: unknown }).cases;
  if (!Array.isArray(list)) throw new CaseLoadError(`${file}: no case found`, 'expected a case object, an array of cases, or { "cases": [...] }');
  return list.map((c: unknown, i) => {
    if (!isCase(c)) throw new CaseLoadError(`${file}: entry ${i} is not a case (needs name, index, root, environment)`, 'see the case format in benchmarks/README.md');
    return { ...c, suite: c.suite ?? path.basename(file, '.json'), category: c.category ?? 'file' };
  });
}

/**
 * Cases for a suite name (`uv-scenarios`, `packse`, `resolvelib`, `pubgrub-rs`, `all`) or a path to a
 * case JSON file or a folder of them (searched recursively).
 *
 * @example
 * ```ts
 * loadCases('packse').length; // 150
 * loadCases('benchmarks/results/snapshot.json');
 * ```
 */
export function loadCases(spec: string): ResolverCase[] {
  if ((SUITES as readonly string[]).includes(spec) || spec === 'all') return loadSuite(spec as SuiteName | 'all');
  let st;
  try {
    st = statSync(spec);
  } catch (e) {
    throw new CaseLoadError(`${spec}: no such suite or file`, `suites: ${SUITES.join(', ')}, all; or a case JSON file/folder`, e);
  }
  if (st.isFile()) return readCaseFile(spec);
  const out: ResolverCase[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.json')) out.push(...readCaseFile(p));
    }
  };
  walk(spec);
  return out;
}
