// `pnpm bench solver-bench [--per-file N] [--only SUBSTR] [--engines pubgrub,sat,resolvelib]
// [--timeout S] [--processes N] [--json]`: PubGrub vs the SAT backend vs Python's resolvelib on the same
// problems, in the same run (pubgrub-rs examples, generated 1,000 / 10,000-package graphs, deep conflict
// chains).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFile, Problem } from '../solver/problem';
import { loadPubgrubRs } from '../solver/problem';
import { conflictChain, unsatChain, wideGraph } from '../solver/generate';
import type { Engine, EngineRun } from '../solver/run-engines';
import { findResolvelibPython, medianOfRuns, runEngine } from '../solver/run-engines';

export const description = 'PubGrub vs SAT vs resolvelib: solve time, ratios and peak memory on the same problems';

const repoRoot = path.resolve(fileURLToPath(import.meta.url), '../../../..');

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Every benchmark problem and case, deterministic. */
export function buildBenchFile(perFile: number): BenchFile {
  const file = loadPubgrubRs(path.resolve(repoRoot, '../shared/corpora'), perFile);
  const add = (group: string, problem: Problem): void => {
    file.problems[group] = problem;
    file.cases.push({ name: group, group, problem: group, root: ['root', 1] });
  };
  const wide = { versions: 20, fanout: 4, window: 20, upperFraction: 0.5 };
  add('wide 1,000 x 20', wideGraph({ n: 1000, seed: 1, rootDeps: 100, ...wide }));
  add('wide 10,000 x 20', wideGraph({ n: 10000, seed: 1, rootDeps: 1000, ...wide }));
  add('chain ==, depth 200 x 20', conflictChain(200, 20, true));
  add('chain >=, depth 12 x 20', conflictChain(12, 20, false));
  add('unsat chain, depth 3 x 20', unsatChain(3, 20));
  add('unsat chain, depth 50 x 20', unsatChain(50, 20));
  return file;
}

function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

function mb(kb: number | undefined): string {
  return kb === undefined ? '—' : `${(kb / 1024).toFixed(0)}`;
}

/** Per engine, over one group: totals on the cases both it and PubGrub finished, and per-case ratios. */
interface EngineSummary {
  totalMs: number;
  solved: number;
  failed: number;
  timeouts: number;
  errors: number;
  invalid: number;
  /** Sum of this engine's CPU ms over the cases PubGrub also finished, and PubGrub's over the same. */
  pairedMs: number;
  pairedPubgrubMs: number;
  /** Per-case ratio this/pubgrub: min and median (cases both finished). */
  minRatio?: number;
  medianRatio?: number;
  /** Per case: this engine's ms / PubGrub's ms; `lowerBound` when this engine timed out (timeout / PubGrub's ms). */
  ratios: CaseRatio[];
  peakRssMB?: number;
  baseRssMB?: number;
}

/** One case's time ratio of an engine to PubGrub. */
export interface CaseRatio {
  name: string;
  ratio: number;
  /** The engine timed out: `ratio` is a lower bound. */
  lowerBound?: boolean;
  ms: number;
  pubgrubMs: number;
  /** Each process's time of this engine and of PubGrub (`medianOfRuns`), when repeated. */
  msByProcess?: number[];
  pubgrubMsByProcess?: number[];
}

function summarize(r: EngineRun, pg: EngineRun | undefined, names: string[], timeoutS: number): EngineSummary & { disagreements: number } {
  const s: EngineSummary & { disagreements: number } = {
    totalMs: 0,
    solved: 0,
    failed: 0,
    timeouts: 0,
    errors: 0,
    invalid: 0,
    pairedMs: 0,
    pairedPubgrubMs: 0,
    disagreements: 0,
    ratios: [],
  };
  const ratios: number[] = [];
  for (const name of names) {
    const c = r.cases.get(name)!;
    if (c.outcome === 'solved' || c.outcome === 'failed') {
      s[c.outcome]++;
      s.totalMs += c.ms;
      const o = pg?.cases.get(name);
      if (o !== undefined && (o.outcome === 'solved' || o.outcome === 'failed')) {
        if (o.outcome !== c.outcome) s.disagreements++;
        s.pairedMs += c.ms;
        s.pairedPubgrubMs += o.ms;
        const r: CaseRatio = { name, ratio: c.ms / Math.max(o.ms, 1e-6), ms: c.ms, pubgrubMs: o.ms };
        if (c.msByProcess !== undefined) r.msByProcess = c.msByProcess;
        if (o.msByProcess !== undefined) r.pubgrubMsByProcess = o.msByProcess;
        ratios.push(r.ratio);
        s.ratios.push(r);
      }
    } else if (c.outcome === 'error') {
      s.errors++;
    } else {
      s.timeouts++;
      const o = pg?.cases.get(name);
      if (c.outcome === 'timeout' && o !== undefined && (o.outcome === 'solved' || o.outcome === 'failed')) {
        const ms = timeoutS * 1000;
        s.ratios.push({ name, ratio: ms / Math.max(o.ms, 1e-6), lowerBound: true, ms, pubgrubMs: o.ms });
      }
    }
    if ('valid' in c && c.valid === false) s.invalid++;
  }
  ratios.sort((a, b) => a - b);
  if (ratios.length > 0) {
    s.minRatio = ratios[0];
    s.medianRatio = ratios[Math.floor(ratios.length / 2)];
  }
  if (r.maxRssKB !== undefined) s.peakRssMB = r.maxRssKB / 1024;
  if (r.baseRssKB !== undefined) s.baseRssMB = r.baseRssKB / 1024;
  return s;
}

export async function run(args: string[]): Promise<number> {
  const perFile = Number(flag(args, '--per-file') ?? 30);
  const only = flag(args, '--only');
  const caseTimeoutS = Number(flag(args, '--timeout') ?? 30);
  const engines = (flag(args, '--engines') ?? 'pubgrub,sat,resolvelib').split(',') as Engine[];
  // Worker processes per engine and group; a case's time is the median over them (see medianOfRuns).
  const processes = Math.max(1, Number(flag(args, '--processes') ?? 3));
  const json = args.includes('--json');

  const py = findResolvelibPython();
  const file = buildBenchFile(perFile);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pipgrub-solver-bench-'));
  // One file per group, holding only that group's problems, so each engine's peak memory is its own;
  // `subset` names another file holding only some of its cases (`keep`).
  const groupFile = (group: string, subset?: { name: string; keep: ReadonlySet<string> }): string => {
    const cases = file.cases.filter((c) => c.group === group && (subset === undefined || subset.keep.has(c.name)));
    const problems = Object.fromEntries([...new Set(cases.map((c) => c.problem))].map((id) => [id, file.problems[id]!]));
    const p = path.join(dir, `${group.replace(/[^a-z0-9]+/gi, '_')}${subset === undefined ? '' : `.${subset.name}`}.json`);
    writeFileSync(p, JSON.stringify({ problems, cases }));
    return p;
  };

  const groups = [...new Set(file.cases.map((c) => c.group))].filter((g) => only === undefined || g.includes(only));
  if (!json) {
    if ('missing' in py) process.stdout.write(`resolvelib skipped: ${py.missing}\n`);
    process.stdout.write(
      `CPU time per solve (own process per engine; each case warm, batched to >= 20 ms, median of 5 batches; ` +
        `see solver/autorange.ts; the median over ${processes} such processes, run a round over all groups apart), summed over a group's cases; ` +
        `ratios = engine / pubgrub on the cases both finished; per-case timeout ${caseTimeoutS} s CPU.\n\n`,
    );
  }
  // Every group's first process of every engine, then every group's second process, and so on: a case's
  // repeated processes are a whole round apart (minutes), so that one slow stretch of the machine, which
  // can last minutes (docs/solver.md § Machine noise), does not fall on all of them. Within a round the
  // engines take turns (pubgrub, resolvelib, ...) on each group.
  const plans = groups.map((group) => ({
    group,
    names: file.cases.filter((c) => c.group === group).map((c) => c.name),
    firsts: new Map<Engine, EngineRun>(),
    repeats: new Map<Engine, { path: string; finished: string[]; runs: EngineRun[] }>(),
  }));
  const present = engines.filter((engine) => engine !== 'resolvelib' || !('missing' in py));
  const optionsFor = (names: string[]): { timeoutMs: number; caseTimeoutS: number; python?: string } => ({
    // A safety net only: the Python driver enforces the per-case limit itself; a TypeScript engine
    // cannot be interrupted mid-solve, so its worker is killed at this (wall-clock) bound.
    timeoutMs: (caseTimeoutS * 1000 * 3 + 5_000) * (names.length > 1 ? Math.min(names.length, 4) : 1) + 30_000,
    caseTimeoutS,
    python: 'python' in py ? py.python : undefined,
  });
  const progress = (round: number, group: string): void => {
    if (process.stderr.isTTY === true) process.stderr.write(`solver-bench: process ${round}/${processes}, ${group}\n`);
  };
  for (const plan of plans) {
    progress(1, plan.group);
    const problemsPath = groupFile(plan.group);
    for (const engine of present) {
      const first = await runEngine(engine, problemsPath, plan.group, plan.names, optionsFor(plan.names));
      plan.firsts.set(engine, first);
      // Later processes time only the cases the first one finished (a timeout would only repeat), from
      // their own file (the group's file stays whole for the next engine).
      const finished = plan.names.filter((n) => ['solved', 'failed'].includes(first.cases.get(n)!.outcome));
      if (processes > 1 && finished.length > 0) {
        const keep = { name: `${engine}-finished`, keep: new Set(finished) };
        plan.repeats.set(engine, { path: groupFile(plan.group, keep), finished, runs: [] });
      }
    }
  }
  for (let i = 1; i < processes; i++) {
    for (const plan of plans) {
      progress(i + 1, plan.group);
      for (const [engine, r] of plan.repeats) {
        r.runs.push(await runEngine(engine, r.path, plan.group, r.finished, optionsFor(plan.names)));
      }
    }
  }
  const rows: Array<Record<string, unknown>> = [];
  let disagreements = 0;
  for (const { group, names, firsts, repeats } of plans) {
    const runs = new Map<Engine, EngineRun>();
    for (const [engine, first] of firsts) runs.set(engine, medianOfRuns(first, repeats.get(engine)?.runs ?? []));
    const row: Record<string, unknown> = { group, cases: names.length };
    const pg = runs.get('pubgrub');
    for (const [engine, r] of runs) {
      const s = summarize(r, pg, names, caseTimeoutS);
      disagreements += engine === 'pubgrub' ? 0 : s.disagreements;
      row[engine] = s;
    }
    if (pg !== undefined && names.length === 1) row.stats = (pg.cases.get(names[0]!) as { stats?: unknown }).stats;
    rows.push(row);
    if (!json) printRow(row, caseTimeoutS);
  }
  if (json) process.stdout.write(`${JSON.stringify({ perFile, caseTimeoutS, processes, rows }, null, 2)}\n`);
  else printPerCase(rows, args.includes('--cases'));
  if (disagreements > 0) process.stderr.write(`solver-bench: ${disagreements} case(s) where an engine disagrees with PubGrub\n`);
  return disagreements > 0 ? 1 : 0;
}

let headerPrinted = false;
function printRow(row: Record<string, unknown>, timeoutS: number): void {
  const pg = row.pubgrub as EngineSummary | undefined;
  const sat = row.sat as EngineSummary | undefined;
  const rl = row.resolvelib as EngineSummary | undefined;
  const cols: Array<[string, number]> = [
    ['group', 30],
    ['cases', 5],
    ['ok/fail', 7],
    ['pubgrub', 9],
    ['sat', 9],
    ['resolvelib', 10],
    ['rl/pg', 7],
    ['rl/pg min', 9],
    ['rl/pg med', 9],
    ['sat/pg', 7],
    ['peak RSS MB pg/sat/rl', 21],
  ];
  if (!headerPrinted) {
    headerPrinted = true;
    process.stdout.write(`${cols.map(([h, w], i) => (i === 0 ? h.padEnd(w) : h.padStart(w))).join(' ')}\n`);
  }
  const cell = (e: EngineSummary | undefined): string => {
    if (e === undefined) return '—';
    const extra = e.timeouts + e.errors > 0 ? `+${e.timeouts + e.errors}t/o` : '';
    return `${fmtMs(e.totalMs)}${extra}`;
  };
  const ratio = (e: EngineSummary | undefined): string => {
    if (e === undefined || pg === undefined) return '—';
    if (e.solved + e.failed === 0 && e.timeouts > 0 && pg.totalMs > 0) return `>${Math.floor((timeoutS * 1000) / pg.totalMs)}x`;
    if (e.pairedPubgrubMs <= 0) return '—';
    return `${(e.pairedMs / e.pairedPubgrubMs).toFixed(1)}x`;
  };
  const rss = [pg, sat, rl].map((e) => mb(e?.peakRssMB === undefined ? undefined : e.peakRssMB * 1024)).join('/');
  const values = [
    String(row.group),
    String(row.cases),
    `${pg?.solved ?? '?'}/${pg?.failed ?? '?'}`,
    cell(pg),
    cell(sat),
    cell(rl),
    ratio(rl),
    rl?.minRatio === undefined ? '—' : `${rl.minRatio.toFixed(1)}x`,
    rl?.medianRatio === undefined ? '—' : `${rl.medianRatio.toFixed(1)}x`,
    ratio(sat),
    rss,
  ];
  const flags = [pg, sat, rl].some((e) => (e?.invalid ?? 0) > 0) ? '  INVALID SOLUTION' : '';
  process.stdout.write(`${values.map((v, i) => (i === 0 ? v.padEnd(cols[i]![1]) : v.padStart(cols[i]![1]))).join(' ')}${flags}\n`);
}

/** Per-case resolvelib/PubGrub ratios over every group: count, min, median, and every case under 20x. */
function printPerCase(rows: Array<Record<string, unknown>>, all: boolean): void {
  const ratios = rows.flatMap((r) => (r.resolvelib as EngineSummary | undefined)?.ratios ?? []);
  if (ratios.length === 0) return;
  const sorted = [...ratios].sort((a, b) => a.ratio - b.ratio);
  const fmt = (c: CaseRatio): string => `${c.lowerBound === true ? '>' : ''}${c.ratio.toFixed(1)}x`;
  process.stdout.write(
    `\nPer case, resolvelib / pubgrub: ${sorted.length} cases, min ${fmt(sorted[0]!)}, median ${fmt(sorted[Math.floor(sorted.length / 2)]!)}\n`,
  );
  const list = all ? sorted : sorted.filter((c) => c.ratio < 20);
  process.stdout.write(all ? 'Every case:\n' : `Cases under 20x: ${list.length}\n`);
  for (const c of list) process.stdout.write(`  ${c.name.padEnd(44)} ${fmt(c).padStart(9)}  rl ${fmtMs(c.ms).padStart(9)}  pg ${fmtMs(c.pubgrubMs).padStart(9)}\n`);
}
