// The conformance runner: resolves each ResolverCase with the Python layer, compares the outcome with the
// case's expectation, and classifies it as passed, failed or skipped (always with a reason).
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { Version } from '@pipgrub/core-resolver/pep440';
import { resolve, type ResolveResult } from '@pipgrub/core-resolver/python';
import type { ResolverCase } from '../cases/format';
import { caseEnvironment, caseOptions, caseSource } from '../cases/to-source';
import { verifySolution } from './verify';

/** One case's result, as printed by `--json`. */
export interface CaseResult {
  suite: string;
  category: string;
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Skip reason, failure explanation, or a note on a passing case (e.g. another valid solution). */
  reason?: string;
  /** The feature a skipped case needs. */
  feature?: string;
  expected?: { satisfiable: boolean; packages?: Record<string, string>; source?: string };
  actual?: { satisfiable: boolean; packages?: Record<string, string> };
  /** The failure report text when resolution failed. */
  report?: string;
  timeMs?: number;
  stats?: unknown;
}

/** Options of {@link runCase}. */
export interface RunOptions {
  engine: 'pubgrub' | 'sat';
}

function sameVersion(a: string, b: string): boolean {
  try {
    return Version.parse(a).equals(Version.parse(b));
  } catch {
    return a === b;
  }
}

function normalizePins(pins: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(pins).map(([n, v]) => [normalizeName(n), v]));
}

/** Differences between the expected and actual pins, as short phrases; empty when equal. */
export function diffPins(expected: Record<string, string>, actual: Record<string, string>): string[] {
  const e = normalizePins(expected);
  const a = normalizePins(actual);
  const out: string[] = [];
  for (const [n, v] of e) {
    const got = a.get(n);
    if (got === undefined) out.push(`${n}: expected ${v}, not installed`);
    else if (!sameVersion(v, got)) out.push(`${n}: expected ${v}, got ${got}`);
  }
  for (const [n, v] of a) if (!e.has(n)) out.push(`${n}: ${v} installed, not expected`);
  return out;
}

function pinsOf(result: ResolveResult): Record<string, string> | undefined {
  if (result.kind !== 'solved') return undefined;
  return Object.fromEntries(result.packages.map((p) => [p.name, p.version]));
}

/**
 * Resolve one case and judge it.
 *
 * @example
 * ```ts
 * const r = await runCase(cases[0], { engine: 'pubgrub' });
 * if (r.status === 'failed') console.log(r.reason);
 * ```
 */
export async function runCase(c: ResolverCase, options: RunOptions): Promise<CaseResult> {
  const base = { suite: c.suite, category: c.category, name: c.name };
  if (c.skip) return { ...base, status: 'skipped', feature: c.skip.feature, reason: c.skip.reason };
  const started = performance.now();
  let result: ResolveResult;
  try {
    result = await resolve({
      source: caseSource(c),
      requirements: c.root,
      environment: caseEnvironment(c.environment),
      options: caseOptions(c, options.engine),
    });
  } catch (e) {
    return { ...base, status: 'failed', reason: `resolver threw: ${(e as Error).message}` };
  }
  const timeMs = Math.round((performance.now() - started) * 100) / 100;
  const packages = pinsOf(result);
  const out: CaseResult = {
    ...base,
    status: 'passed',
    timeMs,
    actual: { satisfiable: result.kind === 'solved', ...(packages ? { packages } : {}) },
    stats: result.stats,
  };
  if (c.expected) out.expected = c.expected;
  if (result.kind === 'failed') out.report = result.report;
  const fail = (reason: string): CaseResult => ({ ...out, status: 'failed', reason });
  const expected = c.expected;

  // A found solution must always be valid, whatever the expectation.
  const problems = result.kind === 'solved' ? verifySolution(c, result.packages) : [];
  if (problems.length > 0) return fail(`invalid solution: ${problems.join('; ')}`);

  if (!expected) {
    if (result.kind === 'solved') return { ...out, reason: 'no expectation recorded; the solution was verified valid' };
    // Confirm the failure with the other engine: both must agree that no solution exists.
    const other = options.engine === 'pubgrub' ? 'sat' : 'pubgrub';
    const check = await resolve({
      source: caseSource(c),
      requirements: c.root,
      environment: caseEnvironment(c.environment),
      options: caseOptions(c, other),
    });
    if (check.kind === 'failed') return { ...out, reason: `no expectation recorded; unsatisfiable, confirmed by the ${other} engine` };
    return fail(`no expectation recorded; failed, but the ${other} engine found a solution`);
  }
  if (!expected.satisfiable) {
    if (result.kind === 'solved') return fail(`expected unsatisfiable, solved: ${formatPins(packages!)}`);
    if (!result.report || result.report.trim() === '') return fail('failure without a report text');
    if (options.engine === 'sat' && expected.conflicted) {
      return { ...out, reason: 'unsatisfiable as expected (the SAT engine does not explain, so conflicted names are not checked)' };
    }
    const missing = (expected.conflicted ?? []).filter((n) => !result.report.toLowerCase().includes(n.toLowerCase()));
    if (missing.length > 0) return fail(`report does not mention conflicted ${missing.join(', ')}`);
    return out;
  }
  if (result.kind === 'failed') return fail(`expected satisfiable, failed: ${firstLines(result.report, 3)}`);
  if (!expected.packages) return out;
  const diff = diffPins(expected.packages, packages!);
  if (diff.length === 0) return out;
  if (c.suite === 'resolvelib') {
    // PubGrub may legitimately pick another valid solution; the solution was verified above.
    return { ...out, reason: `another valid solution (verified): ${diff.join('; ')}` };
  }
  return fail(diff.join('; '));
}

function formatPins(pins: Record<string, string>): string {
  return Object.entries(pins)
    .map(([n, v]) => `${n}==${v}`)
    .join(', ');
}

function firstLines(text: string, n: number): string {
  return text.split('\n').slice(0, n).join(' / ');
}

/** Totals of a run, overall and per category. */
export interface Summary {
  suite: string;
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  categories: Array<{ category: string; total: number; passed: number; failed: number; skipped: number }>;
}

/** Count results, overall and per `suite/category`. */
export function summarize(suite: string, results: CaseResult[]): Summary {
  const cats = new Map<string, { total: number; passed: number; failed: number; skipped: number }>();
  for (const r of results) {
    const key = suite === 'all' ? `${r.suite}/${r.category}` : r.category;
    const c = cats.get(key) ?? { total: 0, passed: 0, failed: 0, skipped: 0 };
    c.total++;
    c[r.status]++;
    cats.set(key, c);
  }
  return {
    suite,
    total: results.length,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    categories: [...cats.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([category, c]) => ({ category, ...c })),
  };
}

/** Run cases one after another (the solver is CPU-bound; concurrency would only interleave). */
export async function runCases(cases: ResolverCase[], options: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) results.push(await runCase(c, options));
  return results;
}
