// The named conformance suites and where their corpora live (`../shared/corpora` next to the repo root,
// read at run time, never copied into the repo).
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
 * Load a suite's cases.
 *
 * @example
 * ```ts
 * const cases = loadSuite('uv-scenarios');
 * ```
 */
export function loadSuite(name: SuiteName | 'all'): ResolverCase[] {
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
