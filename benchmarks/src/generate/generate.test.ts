// Tests of the benchmark tooling: generator determinism and shape, the log-log fit, the SVG writer,
// the in-thread measuring path, and a snapshot of a kit index read back as a solvable case.
import { describe, expect, it } from 'vitest';
import { startIndex, SAMPLE_INDEX } from '@pipgrub/test-kit';
import { fitPowerLaw, median } from '../run/stats';
import { svgChart } from '../run/svg';
import { runPool } from '../run/pool';
import { countVersions, layeredEcosystem } from './layered';
import { prng } from './prng';
import { scaleChart, scaleFits } from './scale-report';
import { snapshotIndex } from './snapshot';

describe('layered generator', () => {
  it('is reproducible from its seed and differs across seeds', () => {
    const a = JSON.stringify(layeredEcosystem({ size: 2000, conflictDensity: 0.2, seed: 42 }));
    const b = JSON.stringify(layeredEcosystem({ size: 2000, conflictDensity: 0.2, seed: 42 }));
    const c = JSON.stringify(layeredEcosystem({ size: 2000, conflictDensity: 0.2, seed: 43 }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(prng(7).next()).toBe(prng(7).next());
  });

  it('has the requested size, depth and conflict density', () => {
    const plain = layeredEcosystem({ size: 1000, depth: 4, seed: 1 });
    expect(countVersions(plain.index)).toBe(1000);
    expect(new Set(Object.keys(plain.index).map((n) => n.split('-')[0]))).toEqual(new Set(['l0', 'l1', 'l2', 'l3']));
    expect(JSON.stringify(plain.index)).not.toContain('<');
    expect(plain.expected?.satisfiable).toBe(true);
    const conflicted = layeredEcosystem({ size: 1000, conflictDensity: 0.5, seed: 1 });
    const reqs = Object.values(conflicted.index).flatMap((r) => Object.values(r).flatMap((x) => x.requiresDist ?? []));
    const share = reqs.filter((r) => r.includes('<')).length / reqs.length;
    expect(share).toBeGreaterThan(0.3);
    expect(share).toBeLessThan(0.6);
    expect(conflicted.expected).toBeUndefined();
  });

  it('solves a conflict-free ecosystem to its expected newest closure (in-thread measuring)', async () => {
    const c = layeredEcosystem({ size: 300, seed: 5 });
    const [m] = await runPool([{ case: c, engine: 'pubgrub', repeat: 2 }], { workers: 0, progress: false });
    expect(m!.status).toBe('passed');
    expect(m!.outcome).toBe('solved');
    expect(m!.times).toHaveLength(1); // the judging run is the warm-up when repeating
    expect(m!.versions).toBe(300);
  });

  it('solves a conflicting ecosystem to a verified solution (regression: the 3,000-version c=0.1 seed-1 case made the solver drop a dependency)', async () => {
    const c = layeredEcosystem({ size: 3000, conflictDensity: 0.1, seed: 1 });
    const [m] = await runPool([{ case: c, engine: 'pubgrub', repeat: 1, judge: 'verify' }], { workers: 0, progress: false });
    expect(m!.reason).toBeUndefined();
    expect(m!.status).toBe('passed');
    expect(m!.stats?.conflicts).toBeGreaterThan(0);
  });
});

describe('statistics', () => {
  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('fits the exponent of exact and noisy power laws', () => {
    const exact = fitPowerLaw([100, 1000, 10000].map((x) => [x, 3 * x ** 1.5] as const));
    expect(exact.exponent).toBeCloseTo(1.5, 10);
    expect(exact.coefficient).toBeCloseTo(3, 8);
    expect(exact.r2).toBeCloseTo(1, 10);
    const r = prng(3);
    const noisy = fitPowerLaw(Array.from({ length: 20 }, (_, i) => 10 ** (2 + i / 5)).map((x) => [x, 0.01 * x * (0.9 + 0.2 * r.next())] as const));
    expect(noisy.exponent).toBeGreaterThan(0.95);
    expect(noisy.exponent).toBeLessThan(1.05);
    expect(fitPowerLaw([[10, 1]]).points).toBe(1);
    expect(Number.isNaN(fitPowerLaw([[10, 1]]).exponent)).toBe(true);
  });
});

describe('SVG writer', () => {
  it('writes a well-formed, deterministic log-scale chart with series, fit line and legend', () => {
    const opts = {
      title: 'A & B <test>',
      xLabel: 'case',
      yLabel: 'ms',
      xLog: true,
      yLog: true,
      series: [
        { name: 'pubgrub', points: [[100, 0.5], [1000, 5], [10000, 60]] as Array<[number, number]>, line: true },
        { name: 'sat', points: [[100, 2], [1000, 40]] as Array<[number, number]> },
      ],
      lines: [{ name: 'fit', from: [100, 0.5] as const, to: [10000, 50] as const }],
    };
    const svg = svgChart(opts);
    expect(svg).toBe(svgChart(opts));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('A &amp; B &lt;test&gt;');
    expect(svg.match(/<circle /g)?.length).toBe(5 + 2); // points + legend markers of the two series
    expect(svg).toContain('stroke-dasharray');
    for (const tick of ['>100<', '>1k<', '>10k<', '>0.1<', '>1<', '>10<', '>100<']) expect(svg).toContain(tick);
    // Every opening tag that is not self-closed is closed.
    for (const tag of ['svg', 'g', 'text']) expect(svg.split(`<${tag} `).length).toBe(svg.split(`</${tag}>`).length);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('draws the scale report with a fitted exponent per series', () => {
    const mk = (series: string, size: number, ms: number) => ({
      series,
      size,
      measurement: { suite: 'g', category: 'c', name: `n${size}`, engine: 'pubgrub' as const, status: 'passed' as const, outcome: 'solved' as const, medianMs: ms, times: [ms], versions: size },
    });
    const points = [mk('pubgrub c=0', 100, 1), mk('pubgrub c=0', 1000, 10), mk('pubgrub c=0', 10000, 100)];
    expect(scaleFits(points).get('pubgrub c=0')!.exponent).toBeCloseTo(1, 10);
    expect(scaleChart(points)).toContain('fit k=1.00');
  });
});

describe('snapshot', () => {
  it('crawls a kit index from roots into a case that resolves', async () => {
    const idx = await startIndex(SAMPLE_INDEX, { indexOptions: { json: false } });
    try {
      const { case: c, problems } = await snapshotIndex({ indexUrl: idx.simpleUrl, roots: ['flask'], extras: false });
      expect(Object.keys(c.index).sort()).toEqual(['blinker', 'click', 'colorama', 'flask', 'importlib-metadata', 'itsdangerous', 'jinja2', 'markupsafe', 'werkzeug', 'zipp']);
      expect(c.index.flask!['3.0.3']!.requiresDist).toContain('Werkzeug>=3.0.0');
      expect(c.index.flask!['3.0.3']!.sdist).toBe(true);
      expect(c.index.markupsafe!['2.1.5']!.wheels).toContain('py3-none-any');
      // importlib-metadata's `typing-extensions; python_version < "3.8"` is not in the sample index.
      expect(problems.map((x) => `${x.project}: ${x.reason}`)).toEqual(['typing-extensions: not on the index']);
      // Only metadata is stored: no URLs or hashes of files.
      expect(JSON.stringify(c.index)).not.toMatch(/http|sha256/);
      const [m] = await runPool([{ case: c, engine: 'pubgrub', repeat: 1 }], { workers: 0, progress: false });
      expect(m!.outcome).toBe('solved');
    } finally {
      await idx.close();
    }
  });
});
