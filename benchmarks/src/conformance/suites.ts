// The named conformance suites and where their corpora live (`../shared/corpora` next to the repo root,
// read at run time, never copied into the repo).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolverCase } from '../cases/format';
import { loadPubgrubSuite } from '../cases/pubgrub-rs';
import { loadResolvelibSuite } from '../cases/resolvelib';
import { loadScenarioSuite } from '../cases/scenarios';

/** The repository root (three levels above this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the third-party corpora live. */
export const corporaRoot = path.resolve(repoRoot, '../shared/corpora');

/** Suites `bench conformance` knows; `all` = the three with expectations. */
export const SUITES = ['uv-scenarios', 'packse', 'resolvelib', 'pubgrub-rs'] as const;
export type SuiteName = (typeof SUITES)[number];

/**
 * Whose outcome counts as expected: the corpus's own (`corpus`, default), or what pip did on the same
 * scenario (`pipenv` = the pip 26.2.1 vendored by pipenv 2026.8.0, `pip` = pip 24.2), recorded in the
 * corpus's DERIVED `pip-outcomes.*.json`. The pip views apply to the scenario suites only.
 */
export type Expectation = 'corpus' | 'pipenv' | 'pip';

const PIP_FILES: Record<Exclude<Expectation, 'corpus'>, string> = {
  pipenv: 'pip-outcomes.pipenv-2026.8.0-vendored-pip-26.2.1.json',
  pip: 'pip-outcomes.pip-24.2.json',
};

interface PipRow {
  path: string;
  skipped?: string;
  pip_success?: boolean;
  pip_installed?: Record<string, string>;
  engine: string;
  note?: string;
}

/** Replace scenario expectations with pip's recorded outcome (pip reads Requires-Python upper bounds). */
function withPipExpectations(cases: ResolverCase[], suite: string, expect: Exclude<Expectation, 'corpus'>): ResolverCase[] {
  const rows = JSON.parse(readFileSync(path.join(corporaRoot, suite, PIP_FILES[expect]), 'utf8')) as PipRow[];
  const byPath = new Map(rows.map((r) => [path.join(suite, 'scenarios', r.path), r]));
  return cases.map((c) => {
    const row = c.origin ? byPath.get(c.origin) : undefined;
    if (c.skip) return c;
    if (!row || row.skipped || row.pip_success === undefined) {
      return { ...c, skip: { feature: `${expect} outcome`, reason: row?.skipped ?? `no ${expect} run recorded` } };
    }
    return {
      ...c,
      options: { ...c.options, requiresPythonUpperBound: 'respect' },
      expected: {
        satisfiable: row.pip_success,
        ...(row.pip_success && row.pip_installed ? { packages: row.pip_installed } : {}),
        source: row.engine + (row.note ? ` (${row.note})` : ''),
      },
    };
  });
}

/**
 * Load a suite's cases.
 *
 * @example
 * ```ts
 * const cases = loadSuite('uv-scenarios');
 * ```
 */
export function loadSuite(name: SuiteName | 'all', expect: Expectation = 'corpus'): ResolverCase[] {
  if (expect !== 'corpus') {
    if (name === 'uv-scenarios' || name === 'packse') return withPipExpectations(loadSuite(name), name, expect);
    if (name === 'all') return [...loadSuite('uv-scenarios', expect), ...loadSuite('packse', expect)];
    throw new Error(`--expect ${expect} applies to the scenario suites (uv-scenarios, packse, all) only`);
  }
  switch (name) {
    case 'uv-scenarios':
      return loadScenarioSuite('uv-scenarios', path.join(corporaRoot, 'uv-scenarios'));
    case 'packse':
      // Where packse and uv disagree (7 pre-release scenarios), uv's evolved expectation stands.
      return loadScenarioSuite('packse', path.join(corporaRoot, 'packse'), path.join(corporaRoot, 'uv-scenarios'));
    case 'resolvelib':
      return loadResolvelibSuite(path.join(corporaRoot, 'resolvelib'));
    case 'pubgrub-rs':
      // 40 roots per file keep a run short; the full sweep is upstream's benchmark, not a conformance test.
      return loadPubgrubSuite(path.join(corporaRoot, 'pubgrub-rs'), 40);
    case 'all':
      return [...loadSuite('uv-scenarios'), ...loadSuite('packse'), ...loadSuite('resolvelib')];
  }
}
