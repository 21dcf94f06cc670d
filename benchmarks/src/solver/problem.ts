// The solver benchmarks' problem format (integer versions, interval ranges) shared by the TypeScript
// engines and the Python resolvelib driver, and the importer for pubgrub-rs's example graphs.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OfflineDependencyProvider } from '@pipgrub/core-resolver/pubgrub';
import { IntRange } from '../../../packages/core-resolver/src/pubgrub/testing/int-range';

/** Half-open interval [lo, hi) of integer versions; null = unbounded on that side. */
export type Interval = [number | null, number | null];
/** Per package, per version: dependencies as unions of intervals, or null when the version is unavailable. */
export type Problem = Record<string, Record<string, Record<string, Interval[]> | null>>;

export interface BenchCase {
  name: string;
  group: string;
  /** Key into `BenchFile.problems`. */
  problem: string;
  root: [string, number];
}

export interface BenchFile {
  problems: Record<string, Problem>;
  cases: BenchCase[];
}

export function toRange(intervals: Interval[]): IntRange {
  return IntRange.of(...intervals.map(([lo, hi]): [number, number] => [lo ?? -Infinity, hi ?? Infinity]));
}

/** An in-memory provider over a problem (highest version first, fewest candidates decided first). */
export function toProvider(problem: Problem): OfflineDependencyProvider<string, number, IntRange> {
  const p = new OfflineDependencyProvider<string, number, IntRange>((a, b) => a - b);
  for (const [pkg, versions] of Object.entries(problem)) {
    for (const [v, deps] of Object.entries(versions)) {
      if (deps === null) p.addUnavailable(pkg, Number(v), 'is unavailable');
      else p.add(pkg, Number(v), Object.entries(deps).map(([d, iv]): [string, IntRange] => [d, toRange(iv)]));
    }
  }
  return p;
}

type Bound = ['Included', number] | ['Excluded', number] | 'Unbounded';
type PubgrubJSON = Record<string, Record<string, Record<string, [Bound, Bound][]>>>;

function fromBounds([lo, hi]: [Bound, Bound]): Interval {
  const l = lo === 'Unbounded' ? null : lo[0] === 'Included' ? lo[1] : lo[1] + 1;
  const h = hi === 'Unbounded' ? null : hi[0] === 'Included' ? hi[1] + 1 : hi[1];
  return [l, h];
}

/**
 * pubgrub-rs's example graphs (../shared/corpora/pubgrub-rs/json): one problem per file and one case per
 * (package, version) used as root, at most `perFile` of them spread evenly (upstream's `large_case` sweep).
 */
export function loadPubgrubRs(corpusRoot: string, perFile: number): BenchFile {
  const dir = path.join(corpusRoot, 'pubgrub-rs', 'json');
  const out: BenchFile = { problems: {}, cases: [] };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const raw = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as PubgrubJSON;
    const id = file.replace(/_u16.*$/, '');
    const problem: Problem = {};
    const roots: Array<[string, number]> = [];
    for (const [pkg, versions] of Object.entries(raw)) {
      problem[pkg] = {};
      for (const [v, deps] of Object.entries(versions)) {
        problem[pkg][v] = Object.fromEntries(Object.entries(deps).map(([d, ivs]) => [d, ivs.map(fromBounds)]));
        roots.push([pkg, Number(v)]);
      }
    }
    out.problems[id] = problem;
    const step = Math.max(1, Math.ceil(roots.length / perFile));
    for (let i = 0; i < roots.length; i += step) {
      out.cases.push({ name: `${id}:${roots[i]![0]}@${roots[i]![1]}`, group: `pubgrub-rs ${id}`, problem: id, root: roots[i]! });
    }
  }
  return out;
}
