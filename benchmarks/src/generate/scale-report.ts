// The "cost grows with work" report: solve time against ecosystem size per series (engine x conflict
// density), the fitted power-law exponent of each series, as a table and a log-log SVG chart.
import type { Measurement } from '../run/measure';
import { markdownTable, textTable } from '../run/report';
import { fitPowerLaw, type PowerFit } from '../run/stats';
import { svgChart } from '../run/svg';

/** One point of a scale study: a measured case and the series it belongs to. */
export interface ScalePoint {
  series: string;
  size: number;
  measurement: Measurement;
}

/** Fitted exponent per series. */
export function scaleFits(points: readonly ScalePoint[]): Map<string, PowerFit> {
  const out = new Map<string, PowerFit>();
  for (const s of [...new Set(points.map((p) => p.series))]) {
    const pts = points.filter((p) => p.series === s && p.measurement.medianMs !== undefined).map((p) => [p.measurement.versions || p.size, p.measurement.medianMs!] as const);
    out.set(s, fitPowerLaw(pts));
  }
  return out;
}

function num(n: unknown): string {
  return typeof n === 'number' ? String(n) : '-';
}

/** Rows: series, versions, outcome, median ms, µs per version, decisions, conflicts. */
function rows(points: readonly ScalePoint[]): string[][] {
  return points.map((p) => {
    const m = p.measurement;
    return [
      p.series,
      String(m.versions || p.size),
      m.status === 'failed' ? `FAIL (${m.outcome})` : m.outcome,
      m.medianMs === undefined ? '-' : m.medianMs.toFixed(1),
      m.medianMs === undefined ? '-' : ((m.medianMs * 1000) / (m.versions || p.size)).toFixed(1),
      num(m.stats?.decisions),
      num(m.stats?.conflicts),
      m.peakHeapMB === undefined ? '-' : m.peakHeapMB.toFixed(1),
    ];
  });
}

const HEAD = ['series', 'versions', 'outcome', 'median ms', 'us/version', 'decisions', 'conflicts', 'heap MB'];
const FIT_HEAD = ['series', 'exponent k (time ~ size^k)', 'r^2', 'points'];

function fitRows(fits: Map<string, PowerFit>): string[][] {
  return [...fits].map(([s, f]) => [s, Number.isNaN(f.exponent) ? '-' : f.exponent.toFixed(2), Number.isNaN(f.r2) ? '-' : f.r2.toFixed(3), String(f.points)]);
}

/** Terminal table of points and fits. */
export function scaleText(points: readonly ScalePoint[]): string {
  const failed = points.filter((p) => p.measurement.status === 'failed');
  let out = textTable(HEAD, rows(points)) + '\n' + textTable(FIT_HEAD, fitRows(scaleFits(points)));
  if (failed.length) out += '\nfailed:\n' + failed.map((p) => `  ${p.measurement.name} [${p.measurement.engine}]: ${p.measurement.reason ?? ''}`).join('\n') + '\n';
  return out;
}

/** Markdown version (for benchmarks/results/scale.md). */
export function scaleMarkdown(points: readonly ScalePoint[], meta: string): string {
  const failed = points.filter((p) => p.measurement.status === 'failed');
  let out = `# Cost grows with work: solve time vs ecosystem size\n\n${meta}\n\n![log-log chart](scale.svg)\n\n## Fitted exponents\n\n${markdownTable(FIT_HEAD, fitRows(scaleFits(points)))}\n## Points\n\n${markdownTable(HEAD, rows(points))}`;
  if (failed.length) out += `\n## Failures\n\n${failed.map((p) => `- \`${p.measurement.name}\` [${p.measurement.engine}]: ${p.measurement.reason ?? ''}`).join('\n')}\n`;
  return out;
}

/**
 * Log-log chart: one joined series per engine x density, plus its fitted line.
 *
 * @example
 * ```ts
 * writeFileSync('benchmarks/results/scale.svg', scaleChart(points));
 * ```
 */
export function scaleChart(points: readonly ScalePoint[]): string {
  const fits = scaleFits(points);
  const series = [...fits.keys()];
  return svgChart({
    title: 'Solve time vs ecosystem size (layered generator)',
    xLabel: 'package versions in the ecosystem',
    yLabel: 'median solve time, ms',
    xLog: true,
    yLog: true,
    series: series.map((s) => ({
      name: s,
      line: true,
      points: points.filter((p) => p.series === s && p.measurement.medianMs !== undefined).map((p) => [p.measurement.versions || p.size, p.measurement.medianMs!] as const),
    })),
    lines: series.flatMap((s) => {
      const f = fits.get(s)!;
      const xs = points.filter((p) => p.series === s).map((p) => p.measurement.versions || p.size);
      if (Number.isNaN(f.exponent) || xs.length < 2) return [];
      const lo = Math.min(...xs);
      const hi = Math.max(...xs);
      return [{ name: `${s} fit k=${f.exponent.toFixed(2)}`, from: [lo, f.coefficient * lo ** f.exponent] as const, to: [hi, f.coefficient * hi ** f.exponent] as const }];
    }),
  });
}
