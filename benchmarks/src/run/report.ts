// Turns measurements into what `bench run` prints and writes: a terminal table, a markdown table with a
// summary, and the per-case SVG chart (time per case, log scale, one series per engine).
import type { Measurement } from './measure';
import { median } from './stats';
import { svgChart } from './svg';

function ms(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '-';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

function statsText(s: Record<string, unknown> | undefined): string {
  if (!s) return '-';
  const keys = ['decisions', 'conflicts', 'backtracks', 'incompatibilities', 'variables', 'clauses'];
  return keys.filter((k) => typeof s[k] === 'number').map((k) => `${k.slice(0, 3)}=${String(s[k])}`).join(' ') || '-';
}

function rows(ms_: readonly Measurement[]): string[][] {
  return ms_.map((m) => [
    `${m.suite}/${m.category}/${m.name}`,
    m.engine,
    m.status === 'failed' ? `FAIL ${m.outcome}` : m.outcome,
    ms(m.medianMs),
    statsText(m.stats),
    m.peakHeapMB === undefined ? '-' : m.peakHeapMB.toFixed(1),
  ]);
}

const HEAD = ['case', 'engine', 'outcome', 'median ms', 'solver stats', 'heap MB'];

/** Totals per engine: cases, passed, failed, skipped, total and median time. */
export function summaryRows(results: readonly Measurement[]): string[][] {
  const engines = [...new Set(results.map((r) => r.engine))];
  return engines.map((e) => {
    const rs = results.filter((r) => r.engine === e);
    const times = rs.flatMap((r) => (r.medianMs === undefined ? [] : [r.medianMs]));
    return [
      e,
      String(rs.length),
      String(rs.filter((r) => r.status === 'passed').length),
      String(rs.filter((r) => r.status === 'failed').length),
      String(rs.filter((r) => r.status === 'skipped').length),
      ms(times.reduce((a, b) => a + b, 0)),
      ms(median(times)),
      ms(times.length ? Math.max(...times) : undefined),
    ];
  });
}

const SUMMARY_HEAD = ['engine', 'cases', 'passed', 'failed', 'skipped', 'total ms', 'median ms', 'max ms'];

/**
 * A plain-text table with aligned columns.
 *
 * @example
 * ```ts
 * textTable(['a', 'b'], [['1', '2']]);
 * ```
 */
export function textTable(head: string[], body: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(w[i]!)).join('  ').trimEnd();
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...body.map(line)].join('\n') + '\n';
}

/** A GitHub-flavoured markdown table. */
export function markdownTable(head: string[], body: string[][]): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...body.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n') + '\n';
}

/** The terminal report: per-case table (skipped cases only counted), then the summary and failures. */
export function terminalReport(results: readonly Measurement[]): string {
  const shown = results.filter((r) => r.status !== 'skipped');
  let out = textTable(HEAD, rows(shown)) + '\n' + textTable(SUMMARY_HEAD, summaryRows(results));
  const failed = results.filter((r) => r.status === 'failed');
  if (failed.length) out += '\nfailed:\n' + failed.map((r) => `  ${r.suite}/${r.category}/${r.name} [${r.engine}]: ${r.reason ?? ''}`).join('\n') + '\n';
  return out;
}

/** The markdown report: summary first, then every measured case. */
export function markdownReport(title: string, results: readonly Measurement[], meta: string): string {
  return `# ${title}\n\n${meta}\n\n## Summary\n\n${markdownTable(SUMMARY_HEAD, summaryRows(results))}\n## Cases\n\n${markdownTable(HEAD, rows(results.filter((r) => r.status !== 'skipped')))}`;
}

/** Time per case on a log scale, cases ordered by the first engine's time, one series per engine. */
export function caseChart(title: string, results: readonly Measurement[]): string {
  const engines = [...new Set(results.map((r) => r.engine))];
  const key = (r: Measurement): string => `${r.suite}/${r.category}/${r.name}`;
  const first = results.filter((r) => r.engine === engines[0] && r.medianMs !== undefined);
  const order = new Map([...first].sort((a, b) => a.medianMs! - b.medianMs!).map((r, i) => [key(r), i + 1]));
  let extra = order.size;
  for (const r of results) if (!order.has(key(r)) && r.medianMs !== undefined) order.set(key(r), ++extra);
  return svgChart({
    title,
    xLabel: `case (ordered by ${engines[0] ?? ''} time)`,
    yLabel: 'median solve time, ms',
    yLog: true,
    series: engines.map((e) => ({
      name: e,
      points: results.filter((r) => r.engine === e && r.medianMs !== undefined).map((r) => [order.get(key(r))!, r.medianMs!] as const),
    })),
  });
}
