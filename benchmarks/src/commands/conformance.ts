// `pnpm bench conformance <uv-scenarios|packse|resolvelib|pubgrub-rs|all> [--engine pubgrub|sat]
// [--expect corpus|pipenv|pip] [--json] [--verbose]`: runs a suite, prints a table (or JSON) of outcomes.
import { runCases, summarize, type CaseResult, type Summary } from '../conformance/runner';
import { loadSuite, SUITES, type Expectation, type SuiteName } from '../conformance/suites';

export const description = 'run the scenario / resolvelib conformance suites (table or --json)';

const USAGE =
  'usage: pnpm bench conformance <uv-scenarios|packse|resolvelib|pubgrub-rs|all> [--engine pubgrub|sat] [--expect corpus|pipenv|pip] [--json] [--verbose] [--filter text]\n';

function pad(s: string | number, n: number): string {
  return String(s).padEnd(n);
}

function table(summary: Summary, results: CaseResult[], verbose: boolean): string {
  const lines: string[] = [];
  const w = Math.max(12, ...summary.categories.map((c) => c.category.length)) + 2;
  lines.push(`${pad('category', w)}${pad('total', 7)}${pad('passed', 8)}${pad('failed', 8)}skipped`);
  for (const c of summary.categories) {
    lines.push(`${pad(c.category, w)}${pad(c.total, 7)}${pad(c.passed, 8)}${pad(c.failed, 8)}${c.skipped}`);
  }
  lines.push(
    `${pad('TOTAL', w)}${pad(summary.total, 7)}${pad(summary.passed, 8)}${pad(summary.failed, 8)}${summary.skipped}`,
  );
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length > 0) {
    lines.push('', 'failed:');
    for (const r of failed) lines.push(`  ${r.suite}/${r.category}/${r.name}: ${r.reason ?? ''}`);
  }
  const skipped = results.filter((r) => r.status === 'skipped');
  if (skipped.length > 0) {
    const byFeature = new Map<string, number>();
    for (const r of skipped) {
      const key = `${r.feature ?? '?'}: ${r.reason ?? ''}`;
      byFeature.set(key, (byFeature.get(key) ?? 0) + 1);
    }
    lines.push('', 'skipped (feature: reason):');
    for (const [k, n] of byFeature) lines.push(`  ${n} x ${k}`);
    if (verbose) for (const r of skipped) lines.push(`    ${r.suite}/${r.category}/${r.name}`);
  }
  const notes = results.filter((r) => r.status === 'passed' && r.reason);
  if (notes.length > 0) {
    lines.push('', 'passed with a note:');
    for (const r of notes) lines.push(`  ${r.suite}/${r.category}/${r.name}: ${r.reason}`);
  }
  if (verbose) {
    for (const r of results.filter((x) => x.report)) {
      lines.push('', `--- ${r.suite}/${r.category}/${r.name} (${r.status})`, r.report!);
    }
  }
  return lines.join('\n') + '\n';
}

/** Write and wait until flushed: the dispatcher calls `process.exit`, which would cut a piped output. */
function write(text: string): Promise<void> {
  return new Promise((done) => process.stdout.write(text, () => done()));
}

/** Entry point of `pnpm bench conformance`. */
export async function run(args: string[]): Promise<number> {
  let suite: string | undefined;
  let engine: 'pubgrub' | 'sat' = 'pubgrub';
  let json = false;
  let verbose = false;
  let filter: string | undefined;
  let expect: Expectation = 'corpus';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--engine') {
      const e = args[++i];
      if (e !== 'pubgrub' && e !== 'sat') {
        process.stderr.write(`conformance: --engine must be pubgrub or sat, got '${e ?? ''}'\n`);
        return 2;
      }
      engine = e;
    } else if (a === '--expect') {
      const e = args[++i];
      if (e !== 'corpus' && e !== 'pipenv' && e !== 'pip') {
        process.stderr.write(`conformance: --expect must be corpus, pipenv or pip, got '${e ?? ''}'\n`);
        return 2;
      }
      expect = e;
    } else if (a === '--filter') filter = args[++i];
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      return 0;
    } else if (!suite) suite = a;
    else {
      process.stderr.write(`conformance: unexpected argument '${a}'\n${USAGE}`);
      return 2;
    }
  }
  if (!suite || (suite !== 'all' && !(SUITES as readonly string[]).includes(suite))) {
    process.stderr.write(`conformance: unknown suite '${suite ?? ''}'\n${USAGE}`);
    return 2;
  }
  let cases;
  try {
    cases = loadSuite(suite as SuiteName | 'all', expect);
  } catch (e) {
    process.stderr.write(`conformance: ${(e as Error).message}\n`);
    return 2;
  }
  if (filter) cases = cases.filter((c) => `${c.category}/${c.name}`.includes(filter));
  const results = await runCases(cases, { engine });
  const summary = summarize(suite, results);
  if (json) {
    const { suite: s, total, passed, failed, skipped } = summary;
    const doc = { suite: s, engine, expect, total, passed, failed, skipped, categories: summary.categories, cases: results };
    await write(JSON.stringify(doc, null, 2) + '\n');
  } else {
    await write(`conformance: ${suite} (engine ${engine}, expectations: ${expect})\n\n${table(summary, results, verbose)}`);
  }
  return summary.failed > 0 ? 1 : 0;
}
