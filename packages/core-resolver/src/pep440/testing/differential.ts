// The differential comparison against Python's `packaging`: generates cases with fast-check, asks the
// oracle in one batch, and reports every disagreement. Used by the CI slice and the 100k benchmark.
import fc from 'fast-check';
import { Marker } from '../../pep508/marker';
import { Requirement } from '../../pep508/requirement';
import { SpecifierSet } from '../specifier-set';
import { Version, compareVersions } from '../version';
import {
  MARKER_ENVIRONMENTS, brokenMarkerText, brokenVersionText, candidateText, markerText, requirementText, specifierSetText, versionText,
} from './generators';
import { askPackaging } from './oracle';

/** How many generated inputs of each kind (each yields one or more compared cases). */
export interface DifferentialCounts {
  versions: number;
  comparisons: number;
  specifierSets: number;
  candidatesPerSet: number;
  markers: number;
  requirements: number;
}

/** Extra fixed inputs (e.g. a real-world corpus) compared in the same batch. */
export interface DifferentialExtras {
  versions?: readonly string[];
  markers?: readonly string[];
  requirements?: readonly string[];
  /** [specifier set, candidate versions] pairs. */
  specifierSets?: readonly (readonly [string, readonly string[]])[];
}

export interface Disagreement {
  kind: string;
  input: unknown;
  ours: unknown;
  packaging: unknown;
}

export interface DifferentialReport {
  cases: number;
  agreed: number;
  byKind: Record<string, { cases: number; agreed: number }>;
  disagreements: Disagreement[];
  /** Range checks: `fromSpecifierSet(s).contains(v)` vs packaging's `contains(v, prereleases=True)`. */
  rangeCases: number;
}

type Json = Record<string, unknown>;

function tsVersion(s: string): Json {
  const v = Version.tryParse(s);
  if (!v) return { ok: false };
  return {
    ok: true, norm: v.toString(), epoch: v.epoch, release: [...v.release], pre: v.pre ? [...v.pre] : null, post: v.post, dev: v.dev,
    local: v.local ? v.local.join('.') : null, isPre: v.isPrerelease, isPost: v.isPostrelease, isDev: v.isDevrelease,
    base: v.baseVersion.toString(), public: v.public.toString(),
  };
}

const PRE_OPTIONS = [undefined, true, false] as const;

function errName(e: unknown): string {
  return `error:${(e as Error).name}`;
}

function tsSpec(spec: string, vs: readonly string[]): Json & { rangeVals?: (boolean | null)[] } {
  let ss: SpecifierSet;
  try {
    ss = SpecifierSet.parse(spec, { lenient: true });
  } catch {
    return { ok: false };
  }
  const out: Json & { rangeVals?: (boolean | null)[] } = { ok: true, str: ss.toString() };
  const contains = vs.map((v) => PRE_OPTIONS.map((p) => ss.contains(v, { prereleases: p })));
  out.contains = contains;
  for (const p of PRE_OPTIONS) out[`filter_${p === undefined ? 'None' : p ? 'True' : 'False'}`] = ss.filter(vs, { prereleases: p });
  const range = ss.toRange();
  const exact = ss.specifiers.every((s) => s.isExactRange);
  // The range on its own, compared with packaging's contains(v, prereleases=True) by the caller.
  out.rangeVals = vs.map((v) => {
    const parsed = Version.tryParse(v);
    return !exact || parsed === undefined ? null : range.contains(parsed);
  });
  return out;
}

function tsMarker(m: string): Json {
  let marker: Marker;
  try {
    marker = Marker.parse(m);
  } catch {
    return { ok: false };
  }
  const vals = MARKER_ENVIRONMENTS.map((env) => {
    try {
      return marker.evaluate(env);
    } catch (e) {
      return errName(e);
    }
  });
  // The normal form must evaluate like the original (checked against packaging's answers too).
  const n = marker.normalize();
  const normVals = MARKER_ENVIRONMENTS.map((env, i) => {
    if (typeof vals[i] !== 'boolean') return vals[i];
    if (n.kind === 'always') return true;
    if (n.kind === 'never') return false;
    try {
      return n.marker.evaluate(env);
    } catch (e) {
      return errName(e);
    }
  });
  return { ok: true, str: marker.toString(), vals, normVals };
}

function tsRequirement(r: string): Json {
  let req: Requirement;
  try {
    req = Requirement.parse(r);
  } catch {
    return { ok: false };
  }
  return {
    ok: true, str: req.toString(), name: req.name, extras: [...req.extras].sort(), spec: req.specifier.toString(), url: req.url ?? null,
    marker: req.marker ? req.marker.toString() : null,
  };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Map packaging's exception names onto ours where they mean the same thing. */
function normalizeErrors(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(normalizeErrors);
  if (x === 'error:KeyError') return 'error:UndefinedEnvironmentName';
  return x;
}

/**
 * Generate cases with `seed`, ask packaging once, and compare everything.
 * @example runDifferential(42, { versions: 500, ... }).agreed
 */
export function runDifferential(seed: number, counts: DifferentialCounts, extras: DifferentialExtras = {}): DifferentialReport {
  const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number): T[] => (n > 0 ? fc.sample(arb, { seed: seed + salt, numRuns: n }) : []);
  // Numeric components above 2^53-1 are a documented limit (README): keep them out of the comparison.
  const inScope = (s: string): boolean => !/[0-9]{16,}/.test(s);
  const versions = [
    ...sample(versionText({ whitespace: true }), Math.ceil(counts.versions * 0.6), 1),
    ...sample(brokenVersionText(), Math.floor(counts.versions * 0.4), 2),
    ...(extras.versions ?? []),
  ].filter(inScope);
  const pairs = sample(fc.tuple(candidateText(), candidateText()), counts.comparisons, 3);
  const sets: (readonly [string, readonly string[]])[] = [
    ...sample(fc.tuple(specifierSetText(), fc.array(candidateText(), { minLength: counts.candidatesPerSet, maxLength: counts.candidatesPerSet })), counts.specifierSets, 4),
    ...(extras.specifierSets ?? []),
  ];
  const markers = [
    ...sample(markerText(), Math.ceil(counts.markers * 0.85), 5),
    ...sample(brokenMarkerText(), Math.floor(counts.markers * 0.15), 6),
    ...(extras.markers ?? []),
  ];
  const reqs = [...sample(requirementText(), counts.requirements, 7), ...(extras.requirements ?? [])];

  const requests: unknown[] = [];
  for (const s of versions) requests.push({ t: 'v', s });
  for (const [a, b] of pairs) requests.push({ t: 'cmp', a, b });
  for (const [spec, vs] of sets) requests.push({ t: 'spec', spec, vs });
  for (const m of markers) requests.push({ t: 'marker', m, envs: MARKER_ENVIRONMENTS });
  for (const r of reqs) requests.push({ t: 'req', r });
  const answers = askPackaging(requests);

  const report: DifferentialReport = { cases: 0, agreed: 0, byKind: {}, disagreements: [], rangeCases: 0 };
  const record = (kind: string, input: unknown, ours: unknown, theirs: unknown): void => {
    const k = (report.byKind[kind] ??= { cases: 0, agreed: 0 });
    k.cases++;
    report.cases++;
    if (same(ours, theirs)) {
      k.agreed++;
      report.agreed++;
    } else if (report.disagreements.length < 200) report.disagreements.push({ kind, input, ours, packaging: theirs });
  };
  let i = 0;
  for (const s of versions) record('version', s, tsVersion(s), answers[i++]);
  for (const [a, b] of pairs) record('compare', [a, b], Math.sign(compareVersions(Version.parse(a), Version.parse(b))), answers[i++]);
  for (const [spec, vs] of sets) {
    const theirs = answers[i++] as Json;
    const ours = tsSpec(spec, vs);
    record('specifier-parse', spec, { ok: ours.ok, str: ours.str }, { ok: theirs.ok, str: theirs.str });
    if (!ours.ok || !theirs.ok) continue;
    const oc = ours.contains as boolean[][];
    const tc = theirs.contains as boolean[][];
    vs.forEach((v, j) => record('contains', [spec, v], oc[j], tc[j]));
    for (const p of ['None', 'True', 'False']) record('filter', [spec, p, vs], ours[`filter_${p}`], theirs[`filter_${p}`]);
    (ours.rangeVals ?? []).forEach((val, j) => {
      if (val === null) return;
      report.rangeCases++;
      record('range-vs-packaging-contains', [spec, vs[j]], val, tc[j]![1]);
    });
  }
  for (const m of markers) {
    const theirs = answers[i++] as Json;
    const ours = tsMarker(m);
    record('marker-parse', m, { ok: ours.ok, str: ours.str }, { ok: theirs.ok, str: theirs.str });
    if (!ours.ok || !theirs.ok) continue;
    (ours.vals as unknown[]).forEach((val, j) => record('marker-evaluate', [m, j], val, normalizeErrors((theirs.vals as unknown[])[j])));
    (ours.normVals as unknown[]).forEach((val, j) => {
      const want = normalizeErrors((theirs.vals as unknown[])[j]);
      if (typeof want === 'boolean') record('marker-normalized-evaluate', [m, j], val, want);
    });
  }
  for (const r of reqs) record('requirement', r, tsRequirement(r), answers[i++]);
  return report;
}
