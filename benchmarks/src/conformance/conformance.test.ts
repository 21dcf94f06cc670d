// Conformance in the test suite: every in-scope uv-scenarios / packse scenario and every resolvelib case
// must pass, every skip must name its feature, and every unsatisfiable case must come with a report text.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCases, summarize, type CaseResult } from './runner';
import { corporaRoot, loadSuite } from './suites';

const hasCorpora = existsSync(`${corporaRoot}/uv-scenarios`) && existsSync(`${corporaRoot}/packse`);
if (!hasCorpora) console.warn(`conformance tests skipped: corpora not found at ${corporaRoot}`);

function failures(results: CaseResult[]): string[] {
  return results.filter((r) => r.status === 'failed').map((r) => `${r.category}/${r.name}: ${r.reason ?? ''}`);
}

describe.skipIf(!hasCorpora)('scenario conformance', () => {
  for (const suite of ['uv-scenarios', 'packse'] as const) {
    it(`${suite}: no in-scope scenario fails`, async () => {
      const results = await runCases(loadSuite(suite), { engine: 'pubgrub' });
      const summary = summarize(suite, results);
      expect(failures(results)).toEqual([]);
      expect(summary.passed + summary.skipped).toBe(summary.total);
      expect(summary.passed).toBeGreaterThan(suite === 'uv-scenarios' ? 120 : 95);
      for (const r of results.filter((x) => x.status === 'skipped')) {
        expect(r.feature, r.name).toBeTruthy();
        expect(r.reason, r.name).toBeTruthy();
      }
      const unsat = results.filter((r) => r.status === 'passed' && r.actual?.satisfiable === false);
      expect(unsat.length).toBeGreaterThan(20);
      for (const r of unsat) expect(r.report?.trim().length ?? 0, r.name).toBeGreaterThan(20);
    });
  }
});

const hasResolvelib = existsSync(`${corporaRoot}/resolvelib/python`);
describe.skipIf(!hasResolvelib)('resolvelib conformance', () => {
  it('every case matches its expectation or another verified-valid solution', async () => {
    const results = await runCases(loadSuite('resolvelib'), { engine: 'pubgrub' });
    expect(failures(results)).toEqual([]);
    expect(results.length).toBe(13);
    const conflicted = results.find((r) => r.name === 'different-extras');
    expect(conflicted?.report).toContain('markupsafe');
  });
});

// Regression: a propagation that backjumped twice re-queued only the second backjump's packages, so the
// solver returned solutions missing packages on pubgrub-rs's large_case (13 roots of 193 failed).
const hasPubgrubRs = existsSync(`${corporaRoot}/pubgrub-rs`);
describe.skipIf(!hasPubgrubRs)('pubgrub-rs graphs', () => {
  it('every sampled root solves to a verified-valid solution (double backjump re-queues all undone packages)', async () => {
    const results = await runCases(loadSuite('pubgrub-rs'), { engine: 'pubgrub' });
    expect(failures(results)).toEqual([]);
    expect(results.length).toBeGreaterThan(150);
  });
});
