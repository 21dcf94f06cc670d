// A dependency-free SVG chart writer for benchmark reports: scatter series (optionally joined) on linear or
// log axes, with decade gridlines, a legend, and fitted lines; deterministic output for committing.

/** One data series: a name, points, and how to draw them. */
export interface ChartSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
  /** Join the points with a line (default false: markers only). */
  line?: boolean;
  /** Stroke/fill colour; default from a fixed palette. */
  color?: string;
}

/** A straight line in data space, e.g. a fitted power law (a straight line on log-log axes). */
export interface ChartLine {
  name: string;
  from: readonly [number, number];
  to: readonly [number, number];
  color?: string;
}

/** Options of {@link svgChart}. */
export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  xLog?: boolean;
  yLog?: boolean;
  series: ChartSeries[];
  lines?: ChartLine[];
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/\.?0+$/, '');
}

/** Tick label: 1, 10, 100, 1k, 10k, 0.1, 0.01... */
function tickLabel(v: number): string {
  if (v >= 1e6) return `${fmt(v / 1e6)}M`;
  if (v >= 1e3) return `${fmt(v / 1e3)}k`;
  return v >= 1 ? fmt(v) : String(Number(v.toPrecision(3)));
}

interface Axis {
  map(v: number): number;
  ticks: number[];
}

function axis(values: number[], log: boolean, lo: number, hi: number): Axis {
  const usable = log ? values.filter((v) => v > 0) : values;
  let min = usable.length ? Math.min(...usable) : 1;
  let max = usable.length ? Math.max(...usable) : 10;
  if (log) {
    const a = Math.floor(Math.log10(min));
    const b = Math.max(a + 1, Math.ceil(Math.log10(max)));
    const ticks = Array.from({ length: b - a + 1 }, (_, i) => 10 ** (a + i));
    return { map: (v) => lo + ((Math.log10(Math.max(v, 10 ** a)) - a) / (b - a)) * (hi - lo), ticks };
  }
  if (min === max) {
    min -= 1;
    max += 1;
  }
  min = Math.min(0, min);
  const step = 10 ** Math.floor(Math.log10((max - min) / 5));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => (max - min) / s <= 8) ?? step * 10;
  const t0 = Math.floor(min / nice) * nice;
  const t1 = Math.ceil(max / nice) * nice;
  const ticks: number[] = [];
  for (let t = t0; t <= t1 + nice / 2; t += nice) ticks.push(Number(t.toPrecision(12)));
  return { map: (v) => lo + ((v - t0) / (t1 - t0)) * (hi - lo), ticks };
}

/**
 * Render a chart as an SVG document (a string).
 *
 * @example
 * ```ts
 * const svg = svgChart({
 *   title: 'solve time', xLabel: 'case', yLabel: 'ms', yLog: true,
 *   series: [{ name: 'pubgrub', points: [[1, 0.5], [2, 12]] }],
 * });
 * ```
 */
export function svgChart(o: ChartOptions): string {
  // The legend sits right of the plot: leave room for its longest label (about 7 px a character at 12 px).
  const longest = Math.max(0, ...[...o.series, ...(o.lines ?? [])].map((e) => e.name.length));
  const right = Math.max(170, 46 + Math.ceil(longest * 7));
  const W = (o.width ?? 860) + (right - 170);
  const H = o.height ?? 460;
  const m = { left: 70, right, top: 40, bottom: 55 };
  const all = [...o.series.flatMap((s) => s.points), ...(o.lines ?? []).flatMap((l) => [l.from, l.to])];
  const xa = axis(all.map(([x]) => x), !!o.xLog, m.left, W - m.right);
  const ya = axis(all.map(([, y]) => y), !!o.yLog, H - m.bottom, m.top);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2 - m.right / 2 + m.left / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${esc(o.title)}</text>`);
  for (const t of xa.ticks) {
    const x = xa.map(t).toFixed(1);
    out.push(`<line x1="${x}" y1="${m.top}" x2="${x}" y2="${H - m.bottom}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${H - m.bottom + 16}" text-anchor="middle">${tickLabel(t)}</text>`);
  }
  for (const t of ya.ticks) {
    const y = ya.map(t).toFixed(1);
    out.push(`<line x1="${m.left}" y1="${y}" x2="${W - m.right}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tickLabel(t)}</text>`);
  }
  out.push(`<rect x="${m.left}" y="${m.top}" width="${W - m.left - m.right}" height="${H - m.top - m.bottom}" fill="none" stroke="#333"/>`);
  out.push(`<text x="${(m.left + W - m.right) / 2}" y="${H - 14}" text-anchor="middle">${esc(o.xLabel)}${o.xLog ? ' (log)' : ''}</text>`);
  out.push(`<text transform="translate(18 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(o.yLabel)}${o.yLog ? ' (log)' : ''}</text>`);
  const legend: Array<{ name: string; color: string; dashed: boolean }> = [];
  o.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    legend.push({ name: s.name, color, dashed: false });
    const pts = s.points.filter(([x, y]) => (!o.xLog || x > 0) && (!o.yLog || y > 0)).map(([x, y]) => [xa.map(x), ya.map(y)] as const);
    if (s.line && pts.length > 1) {
      out.push(`<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ')}"/>`);
    }
    out.push(`<g fill="${color}" fill-opacity="0.75">`);
    for (const [x, y] of pts) out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="3"/>`);
    out.push('</g>');
  });
  (o.lines ?? []).forEach((l, i) => {
    const color = l.color ?? PALETTE[(o.series.length + i) % PALETTE.length]!;
    legend.push({ name: l.name, color, dashed: true });
    out.push(
      `<line x1="${xa.map(l.from[0]).toFixed(1)}" y1="${ya.map(l.from[1]).toFixed(1)}" x2="${xa.map(l.to[0]).toFixed(1)}" y2="${ya.map(l.to[1]).toFixed(1)}" stroke="${color}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    );
  });
  legend.forEach((e, i) => {
    const y = m.top + 10 + i * 20;
    const x = W - m.right + 12;
    out.push(
      e.dashed
        ? `<line x1="${x}" y1="${y}" x2="${x + 18}" y2="${y}" stroke="${e.color}" stroke-width="2" stroke-dasharray="6 4"/>`
        : `<circle cx="${x + 9}" cy="${y}" r="4" fill="${e.color}"/>`,
    );
    out.push(`<text x="${x + 24}" y="${y}" dominant-baseline="middle">${esc(e.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
