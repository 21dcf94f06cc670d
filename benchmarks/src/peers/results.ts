// Writes the peer comparison as markdown (benchmarks/RESULTS.md): machine, versions, one table per
// measurement with medians and peer/pipgrub ratios, and the raw runs.
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { PeerCell, PeerRow } from './compare';
import type { FloorRow } from './floor';
import type { PeerProject } from './projects';

/** What the report states about the run. */
export interface PeerRunInfo {
  date: string;
  rounds: number;
  quick: boolean;
  versions: Record<string, string>;
  skipped: Record<string, string>;
  projects: readonly PeerProject[];
  projectPins: Record<string, string>;
  indexNote: string;
  wallSeconds: number;
}

function cell(c: PeerCell | undefined, base: PeerCell | undefined): string {
  if (!c) return 'n/a';
  if (c.median === undefined) return `not measured: ${c.error ?? 'no run'}`;
  const ratio = base?.median !== undefined && c.tool !== base.tool ? ` (${(c.median / base.median).toFixed(1)}x)` : '';
  return `${c.median.toFixed(2)} s${ratio}`;
}

/** Issue 9's warm-lock targets: pipgrub at least this many times faster than each peer. */
const WARM_LOCK_TARGETS: Partial<Record<PeerCell['tool'], number>> = { pipenv: 30, poetry: 10, pdm: 10 };

const ms = (s: number | undefined): string => (s === undefined ? 'n/a' : `${(s * 1000).toFixed(0)} ms`);

/** The start-up table and, per project, the warm-lock time the targets allow against pipgrub's. */
function floorSection(rows: readonly PeerRow[], floor: readonly FloorRow[]): string[] {
  if (!floor.length) return [];
  const out = ['## Start-up floor and the warm-lock targets', ''];
  out.push('What each program costs before it does any work, timed like the locks (same environments, interleaved, median):', '');
  out.push('| program | command | median |', '|---|---|---|');
  for (const f of floor) out.push(`| ${f.label} | \`${f.command}\` | ${f.median !== undefined ? ms(f.median) : `not measured: ${f.error ?? 'no run'}`} |`);
  out.push('');
  const targets = Object.entries(WARM_LOCK_TARGETS).map(([t, x]) => `${x}x ${t}`).join(', ');
  out.push(`Warm lock: the time the targets (${targets}) allow pipgrub, against what it took:`, '');
  out.push('| project | pipgrub | allowed | set by | met |', '|---|---|---|---|---|');
  for (const r of rows.filter((x) => x.measure === 'lock warm')) {
    const mine = r.cells.find((c) => c.tool === 'pipgrub')?.median;
    let allowed: number | undefined;
    let by = '';
    for (const c of r.cells) {
      const x = WARM_LOCK_TARGETS[c.tool];
      if (x === undefined || c.median === undefined) continue;
      if (allowed === undefined || c.median / x < allowed) [allowed, by] = [c.median / x, `${c.tool} / ${x}`];
    }
    const met = mine === undefined || allowed === undefined ? 'n/a' : mine <= allowed ? 'yes' : 'no';
    out.push(`| ${r.project} | ${ms(mine)} | ${ms(allowed)} | ${by || 'n/a'} | ${met} |`);
  }
  out.push('');
  return out;
}

/**
 * The markdown report.
 *
 * @example
 * ```ts
 * writeFileSync('benchmarks/RESULTS.md', peerMarkdown(rows, floor, info));
 * ```
 */
export function peerMarkdown(rows: readonly PeerRow[], floor: readonly FloorRow[], info: PeerRunInfo): string {
  const tools = [...new Set(rows.flatMap((r) => r.cells.map((c) => c.tool)))];
  const out: string[] = [];
  out.push('# pipgrub vs Pipenv, Poetry, PDM and pip', '');
  out.push(`Measured ${info.date} with \`npx -y pnpm@10 bench peers${info.quick ? ' --quick' : ''}\` (${info.rounds} interleaved timed runs per cell, median; wall time of the whole run ${(info.wallSeconds / 60).toFixed(1)} min).`, '');
  const cpu = cpus();
  out.push(
    `Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, Linux ${release()}, load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')} ` +
      '(the machine is shared with other jobs: absolute numbers are noisy, ratios of interleaved runs less so).',
    '',
  );
  out.push('Versions:', '');
  for (const [k, v] of Object.entries(info.versions)) out.push(`- ${k}: ${v}`);
  for (const [k, v] of Object.entries(info.skipped)) out.push(`- ${k}: **not run** (${v})`);
  out.push('', `Index: ${info.indexNote}`, '');
  out.push('Projects:', '');
  for (const p of info.projects) out.push(`- \`${p.name}\`: ${p.summary}; requirements ${Object.entries(p.requirements).map(([n, s]) => (s === '*' ? n : `${n}${s}`)).join(', ')}${info.projectPins[p.name] ? ` (locks pin ${info.projectPins[p.name]})` : ''}`);
  out.push('');
  const sections: Array<[PeerRow['measure'], string]> = [
    ['lock warm', 'Lock, warm cache (seconds; in parentheses: peer time / pipgrub time)'],
    ['lock cold', 'Lock, cold cache (every cache wiped before each run; virtualenvs a lock needs already exist)'],
    ['sync warm', 'Sync into a fresh virtualenv, warm cache (virtualenv creation included)'],
  ];
  for (const [measure, title] of sections) {
    const rs = rows.filter((r) => r.measure === measure);
    if (!rs.length) continue;
    const cols = tools.filter((t) => rs.some((r) => r.cells.some((c) => c.tool === t)));
    out.push(`## ${title}`, '');
    out.push(`| project | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---').join('|')}|`);
    for (const r of rs) {
      const base = r.cells.find((c) => c.tool === 'pipgrub');
      out.push(`| ${r.project} | ${cols.map((t) => cell(r.cells.find((c) => c.tool === t), base).replace(/\|/g, '/')).join(' | ')} |`);
    }
    out.push('');
  }
  out.push(...floorSection(rows, floor));
  out.push(
    '## Reading the numbers',
    '',
    '- Every time is the wall time of the whole command (interpreter or Node start-up, reading the manifest, index requests, resolution, writing the lock).',
    '- Poetry and PDM lock for every platform and Python version the project allows (universal locks); pipenv, pip and pipgrub resolve for this machine\'s Python 3.11 on Linux x86-64. Pin counts above show they solved comparable problems.',
    '- For the `conflict` project a run counts when the tool exits non-zero (the time to report the conflict); a tool that produced a lock would be reported as a failure.',
    '- "not measured" cells carry the reason (tool missing, lock failed, timeout): no number is invented.',
    '- Solver-only numbers without processes or HTTP: [results/scale.md](results/scale.md) and the suite tables in [results/](results/).',
    '- Where pipgrub\'s own warm-lock time goes, and how it changed from run to run: [results/lock-startup.md](results/lock-startup.md).',
    '',
  );
  out.push('## Raw runs (seconds)', '');
  for (const r of rows) out.push(`- ${r.project}, ${r.measure}: ${r.cells.map((c) => `${c.tool} [${c.runs.map((s) => s.toFixed(2)).join(', ')}]`).join('; ')}`);
  for (const f of floor) out.push(`- start-up, \`${f.command}\`: [${f.runs.map((s) => s.toFixed(3)).join(', ')}]`);
  out.push('');
  return out.join('\n');
}
