// Importer for pubgrub-rs's synthetic integer-version graphs (../shared/corpora/pubgrub-rs/json): each
// (package, version) becomes a case whose root pins it, as upstream's `large_case` sweep does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CaseIndex, CaseRelease, ResolverCase } from './format';

type Bound = ['Included', number] | ['Excluded', number] | 'Unbounded';
type PubgrubFile = Record<string, Record<string, Record<string, [Bound, Bound][]>>>;

/** Package ids are integers upstream; PEP 508 names get a `p` prefix. */
export function pubgrubName(id: string): string {
  return `p${id}`;
}

function inInterval(v: number, [lo, hi]: [Bound, Bound]): boolean {
  if (lo !== 'Unbounded' && (lo[0] === 'Included' ? v < lo[1] : v <= lo[1])) return false;
  if (hi !== 'Unbounded' && (hi[0] === 'Included' ? v > hi[1] : v >= hi[1])) return false;
  return true;
}

/**
 * A PEP 440 specifier selecting exactly the existing versions of the dependency that fall in the union of
 * intervals (PEP 440 cannot spell unions, but `>=lo, <=hi, !=gap...` is exact over the versions that exist).
 */
export function intervalsToSpecifier(intervals: [Bound, Bound][], existing: number[]): string {
  const matching = existing.filter((v) => intervals.some((iv) => inInterval(v, iv)));
  if (matching.length === 0) return '<0';
  const lo = matching[0]!;
  const hi = matching[matching.length - 1]!;
  const holes = existing.filter((v) => v > lo && v < hi && !matching.includes(v));
  return [`>=${lo}`, `<=${hi}`, ...holes.map((h) => `!=${h}`)].join(', ');
}

function loadIndex(file: string): { index: CaseIndex; roots: Array<[string, string]> } {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as PubgrubFile;
  const existing = new Map<string, number[]>();
  for (const [p, versions] of Object.entries(raw)) {
    existing.set(p, Object.keys(versions).map(Number).sort((a, b) => a - b));
  }
  const index: CaseIndex = {};
  const roots: Array<[string, string]> = [];
  for (const [p, versions] of Object.entries(raw)) {
    const out: Record<string, CaseRelease> = {};
    for (const [v, deps] of Object.entries(versions)) {
      out[v] = {
        requiresDist: Object.entries(deps).map(
          ([d, intervals]) => `${pubgrubName(d)} ${intervalsToSpecifier(intervals, existing.get(d) ?? [])}`,
        ),
      };
      roots.push([p, v]);
    }
    index[pubgrubName(p)] = out;
  }
  return { index, roots };
}

/**
 * Load the pubgrub-rs examples: one case per (package, version) root, at most `perFile` per file (spread
 * evenly) so that a run stays short. No expectations are stored upstream: the runner checks validity.
 *
 * @example
 * ```ts
 * const cases = loadPubgrubSuite('/work/shared/corpora/pubgrub-rs', 50);
 * ```
 */
export function loadPubgrubSuite(corpusRoot: string, perFile = Infinity): ResolverCase[] {
  const dir = path.join(corpusRoot, 'json');
  const cases: ResolverCase[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const { index, roots } = loadIndex(path.join(dir, file));
    const step = Math.max(1, Math.ceil(roots.length / perFile));
    const category = file.replace(/_u16.*$/, '');
    for (let i = 0; i < roots.length; i += step) {
      const [p, v] = roots[i]!;
      cases.push({
        suite: 'pubgrub-rs',
        category,
        name: `${category}:${p}@${v}`,
        origin: path.join('pubgrub-rs', 'json', file),
        index,
        root: [`${pubgrubName(p)}==${v}`],
        environment: { python: '3.12' },
        options: {},
      });
    }
  }
  return cases;
}
