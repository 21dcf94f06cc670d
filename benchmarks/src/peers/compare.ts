// The peer comparison itself: for each project, a primed (untimed) lock per tool, then cold-cache and
// warm-cache locks interleaved across tools (A B C A B C ...), then syncs into fresh virtualenvs.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { median } from '../run/stats';
import { timeCommand } from './process';
import type { PeerProject } from './projects';
import { prepareDirs, wipeCache, type PeerDirs, type PeerTool } from './tools';

/** Median and runs of one tool on one project for one measurement. */
export interface PeerCell {
  tool: PeerTool['id'];
  /** Seconds of each successful run. */
  runs: number[];
  median?: number;
  /** Distributions pinned by the lock. */
  pins?: number;
  /** Why there is no number (failure, timeout, skipped). */
  error?: string;
}

/** One row of results: a project and a measurement (`lock cold`, `lock warm`, `sync warm`). */
export interface PeerRow {
  project: string;
  measure: 'lock cold' | 'lock warm' | 'sync warm';
  cells: PeerCell[];
}

/** Options of {@link comparePeers}. */
export interface CompareOptions {
  workDir: string;
  /** The index URL a tool is given. */
  indexUrl: (tool: PeerTool) => string;
  tools: readonly PeerTool[];
  projects: readonly PeerProject[];
  /** Timed runs per tool and measurement (interleaved). */
  rounds: number;
  timeoutMs: number;
  log: (line: string) => void;
}

function lockRun(tool: PeerTool, dirs: PeerDirs, o: CompareOptions) {
  rmSync(path.join(dirs.project, tool.lockFile), { force: true });
  const c = tool.lock(dirs, o.indexUrl(tool));
  return timeCommand(c.cmd, c.args, { cwd: dirs.project, env: c.env, timeoutMs: o.timeoutMs });
}

/**
 * Run the comparison; rows come out per project in the order lock cold, lock warm, sync warm.
 *
 * @example
 * ```ts
 * const rows = await comparePeers({ workDir, indexUrl: () => url, tools: PEERS, projects, rounds: 2, timeoutMs: 300_000, log: console.log });
 * ```
 */
export async function comparePeers(o: CompareOptions): Promise<PeerRow[]> {
  const rows: PeerRow[] = [];
  for (const project of o.projects) {
    const dirs = new Map(o.tools.map((t) => [t.id, prepareDirs(o.workDir, t, project)]));
    const broken = new Map<string, string>();
    const pins = new Map<string, number | undefined>();
    for (const t of o.tools) {
      const d = dirs.get(t.id)!;
      t.writeProject(d, project, o.indexUrl(t));
      // Primed run: creates the tool's virtualenv where its lock needs one, so timed runs measure locking.
      const r = await lockRun(t, d, o);
      const ok = project.conflict ? r.code !== 0 && !r.timedOut : r.code === 0;
      o.log(`  ${project.name} ${t.id} primed lock: ${r.seconds.toFixed(2)} s, exit ${r.code}${r.timedOut ? ' (timeout)' : ''}`);
      if (r.code !== 0) o.log(`    ${r.tail.split('\n').slice(-3).join('\n    ')}`);
      if (!ok) broken.set(t.id, r.timedOut ? `timed out after ${o.timeoutMs / 1000} s` : project.conflict ? 'solved an unsatisfiable project' : `lock failed (exit ${r.code}): ${r.tail.split('\n').slice(-2).join(' / ')}`);
      pins.set(t.id, project.conflict ? undefined : t.pins(d));
    }
    for (const measure of ['lock cold', 'lock warm'] as const) {
      const runs = new Map<string, number[]>(o.tools.map((t) => [t.id, []]));
      const errors = new Map<string, string>();
      for (let round = 0; round < o.rounds; round++) {
        for (const t of o.tools) {
          if (broken.has(t.id) || errors.has(t.id)) continue;
          const d = dirs.get(t.id)!;
          if (measure === 'lock cold') wipeCache(d);
          const r = await lockRun(t, d, o);
          const ok = project.conflict ? r.code !== 0 && !r.timedOut : r.code === 0;
          if (ok) runs.get(t.id)!.push(r.seconds);
          else errors.set(t.id, r.timedOut ? `timed out after ${o.timeoutMs / 1000} s` : `exit ${r.code}: ${r.tail.split('\n').slice(-1)[0] ?? ''}`);
        }
      }
      const row: PeerRow = { project: project.name, measure, cells: [] };
      for (const t of o.tools) {
        const list = runs.get(t.id)!;
        const error = broken.get(t.id) ?? errors.get(t.id);
        row.cells.push({ tool: t.id, runs: list, ...(list.length ? { median: median(list) } : {}), ...(pins.get(t.id) !== undefined ? { pins: pins.get(t.id)! } : {}), ...(error ? { error } : {}) });
      }
      o.log(`  ${project.name} ${measure}: ${row.cells.map((c) => `${c.tool} ${c.median?.toFixed(2) ?? c.error}`).join(', ')}`);
      rows.push(row);
    }
    if (project.conflict) continue;
    // Sync into a fresh virtualenv from each tool's own (warm) lock and cache, interleaved.
    const syncers = o.tools.filter((t) => t.sync && !broken.has(t.id));
    const runs = new Map<string, number[]>(syncers.map((t) => [t.id, []]));
    const errors = new Map<string, string>();
    // Round -1 is an untimed sync that fills each tool's wheel cache: the timed rounds are warm.
    for (let round = -1; round < o.rounds; round++) {
      for (const t of syncers) {
        if (errors.has(t.id)) continue;
        const d = dirs.get(t.id)!;
        if (!existsSync(path.join(d.project, t.lockFile))) await lockRun(t, d, o);
        rmSync(path.join(d.project, '.venv'), { recursive: true, force: true });
        const c = t.sync!(d, o.indexUrl(t));
        const r = await timeCommand(c.cmd, c.args, { cwd: d.project, env: c.env, timeoutMs: o.timeoutMs });
        if (r.code === 0) {
          if (round >= 0) runs.get(t.id)!.push(r.seconds);
        } else errors.set(t.id, r.timedOut ? `timed out after ${o.timeoutMs / 1000} s` : `exit ${r.code}: ${r.tail.split('\n').slice(-1)[0] ?? ''}`);
      }
    }
    const row: PeerRow = { project: project.name, measure: 'sync warm', cells: [] };
    for (const t of o.tools.filter((x) => x.sync)) {
      const list = runs.get(t.id) ?? [];
      const error = broken.get(t.id) ?? errors.get(t.id);
      row.cells.push({ tool: t.id, runs: list, ...(list.length ? { median: median(list) } : {}), ...(error ? { error } : {}) });
    }
    o.log(`  ${project.name} sync warm: ${row.cells.map((c) => `${c.tool} ${c.median?.toFixed(2) ?? c.error}`).join(', ')}`);
    rows.push(row);
  }
  return rows;
}
