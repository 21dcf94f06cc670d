// `pnpm bench solver-bench [--per-file N] [--only SUBSTR] [--engines pubgrub,sat,resolvelib]
// [--timeout S] [--json]`: PubGrub vs the SAT backend vs Python's resolvelib on the same problems, in the
// same run (pubgrub-rs examples, generated 1,000 / 10,000-package graphs, deep conflict chains).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchFile, Problem } from '../solver/problem';
import { loadPubgrubRs } from '../solver/problem';
import { conflictChain, unsatChain, wideGraph } from '../solver/generate';
import type { Engine, EngineRun } from '../solver/run-engines';
import { findResolvelibPython, runEngine } from '../solver/run-engines';

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
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

function mb(kb: number | undefined): string {
  return kb === undefined ? '—' : `${(kb / 1024).toFixed(0)}`;
}

export async function run(args: string[]): Promise<number> {
  const perFile = Number(flag(args, '--per-file') ?? 40);
  const only = flag(args, '--only');
  const caseTimeoutS = Number(flag(args, '--timeout') ?? 60);
  const engines = (flag(args, '--engines') ?? 'pubgrub,sat,resolvelib').split(',') as Engine[];
  const json = args.includes('--json');

  const py = findResolvelibPython();
  const file = buildBenchFile(perFile);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pipgrub-solver-bench-'));
  // One file per group, holding only that group's problems, so each engine's peak memory is its own.
  const groupFile = (group: string): string => {
    const cases = file.cases.filter((c) => c.group === group);
    const problems = Object.fromEntries([...new Set(cases.map((c) => c.problem))].map((id) => [id, file.problems[id]!]));
    const p = path.join(dir, `${group.replace(/[^a-z0-9]+/gi, '_')}.json`);
    writeFileSync(p, JSON.stringify({ problems, cases }));
    return p;
  };

  const groups = [...new Set(file.cases.map((c) => c.group))].filter((g) => only === undefined || g.includes(only));
  const rows: Array<Record<string, unknown>> = [];
  if (!json && 'missing' in py) process.stdout.write(`resolvelib skipped: ${py.missing}\n`);
  for (const group of groups) {
    const names = file.cases.filter((c) => c.group === group).map((c) => c.name);
    const runs = new Map<Engine, EngineRun>();
    const problemsPath = groupFile(group);
    for (const engine of engines) {
      if (engine === 'resolvelib' && 'missing' in py) continue;
      runs.set(
        engine,
        await runEngine(engine, problemsPath, group, names, {
          // The whole group's budget: the per-case limit is enforced inside the Python driver; the
          // TypeScript engines cannot be interrupted mid-solve, so their worker is killed at this bound.
          timeoutMs: caseTimeoutS * 1000 * (names.length > 1 ? 4 : 1) + 15_000,
          caseTimeoutS,
          python: 'python' in py ? py.python : undefined,
        }),
      );
    }
    // Totals over the group's cases, and agreement of outcomes with PubGrub.
    const row: Record<string, unknown> = { group, cases: names.length, timeoutS: caseTimeoutS };
    const pg = runs.get('pubgrub');
    let disagreements = 0;
    for (const [engine, r] of runs) {
      let total = 0;
      let timeouts = 0;
      let invalid = 0;
      const outcomes = { solved: 0, failed: 0 };
      for (const name of names) {
        const c = r.cases.get(name)!;
        if (c.outcome === 'solved' || c.outcome === 'failed') {
          outcomes[c.outcome]++;
          total += c.ms;
        } else {
          timeouts++;
          total = NaN;
        }
        if ('valid' in c && c.valid === false) invalid++;
        const other = pg?.cases.get(name);
        if (engine !== 'pubgrub' && other !== undefined && (c.outcome === 'solved' || c.outcome === 'failed') && (other.outcome === 'solved' || other.outcome === 'failed') && c.outcome !== other.outcome) {
          disagreements++;
        }
      }
      row[engine] = { totalMs: total, ...outcomes, timeouts, invalid, peakRssMB: r.maxRssKB === undefined ? undefined : r.maxRssKB / 1024, baseRssMB: r.baseRssKB === undefined ? undefined : r.baseRssKB / 1024 };
      if (engine === 'pubgrub' && names.length === 1) row.stats = (r.cases.get(names[0]!) as { stats?: unknown }).stats;
    }
    row.disagreements = disagreements;
    rows.push(row);
    if (!json) printRow(row);
  }
  if (json) process.stdout.write(`${JSON.stringify({ perFile, caseTimeoutS, rows }, null, 2)}\n`);
  return rows.some((r) => (r.disagreements as number) > 0) ? 1 : 0;
}

let headerPrinted = false;
function printRow(row: Record<string, unknown>): void {
  type E = { totalMs: number; solved: number; failed: number; timeouts: number; invalid: number; peakRssMB?: number };
  const pg = row.pubgrub as E | undefined;
  const sat = row.sat as E | undefined;
  const rl = row.resolvelib as E | undefined;
  if (!headerPrinted) {
    headerPrinted = true;
    process.stdout.write(
      `${'group'.padEnd(34)} ${'cases'.padStart(5)} ${'ok/fail'.padStart(8)} ${'pubgrub'.padStart(9)} ${'sat'.padStart(9)} ${'resolvelib'.padStart(10)} ${'rl/pg'.padStart(7)} ${'sat/pg'.padStart(7)}  peak RSS MB pg/sat/rl\n`,
    );
  }
  const ratio = (a: E | undefined): string => {
    if (a === undefined || pg === undefined || pg.timeouts > 0) return '—';
    // A timed-out single case ran at least the timeout: the ratio is a lower bound.
    if (a.timeouts > 0) return (row.cases as number) === 1 ? `>${Math.floor(((row.timeoutS as number) * 1000) / pg.totalMs)}x` : '—';
    return `${(a.totalMs / pg.totalMs).toFixed(1)}x`;
  };
  const cell = (e: E | undefined): string => (e === undefined ? '—' : e.timeouts > 0 ? `timeout(${e.timeouts})` : fmtMs(e.totalMs));
  process.stdout.write(
    `${String(row.group).padEnd(34)} ${String(row.cases).padStart(5)} ${`${pg?.solved ?? '?'}/${pg?.failed ?? '?'}`.padStart(8)} ${cell(pg).padStart(9)} ${cell(sat).padStart(9)} ${cell(rl).padStart(10)} ${ratio(rl).padStart(7)} ${ratio(sat).padStart(7)}  ${mb(pg?.peakRssMB === undefined ? undefined : pg.peakRssMB * 1024)}/${mb(sat?.peakRssMB === undefined ? undefined : sat.peakRssMB * 1024)}/${mb(rl?.peakRssMB === undefined ? undefined : rl.peakRssMB * 1024)}${(row.disagreements as number) > 0 ? `  DISAGREE ${String(row.disagreements)}` : ''}${[pg, sat, rl].some((e) => (e?.invalid ?? 0) > 0) ? '  INVALID' : ''}\n`,
  );
}
