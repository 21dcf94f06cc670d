// The start-up floor of the peer comparison: what each runtime and tool costs before it does any work
// (`node -e 0`, `pipgrub --version`, `python3 -c pass`, `pipenv --version`...), timed like the locks.
import { median } from '../run/stats';
import { timeCommand } from './process';
import { PIPGRUB_BIN, SYSTEM_PYTHON, prepareDirs, type PeerTool } from './tools';

/** One start-up command and its timed runs (seconds). */
export interface FloorRow {
  label: string;
  /** The command line as shown in the report. */
  command: string;
  runs: number[];
  median?: number;
  error?: string;
}

/** Options of {@link measureFloor}. */
export interface FloorOptions {
  workDir: string;
  tools: readonly PeerTool[];
  /** Timed runs per command (interleaved A B C A B C ...). */
  rounds: number;
  timeoutMs: number;
}

/**
 * Time the start-up of Node, of pipgrub, of the system Python and of each Python peer (`--version`), in
 * the environments the lock runs use, interleaved.
 *
 * @example
 * ```ts
 * const rows = await measureFloor({ workDir, tools: PEERS, rounds: 10, timeoutMs: 60_000 });
 * ```
 */
export async function measureFloor(o: FloorOptions): Promise<FloorRow[]> {
  const project = { name: 'start-up', summary: '', requirements: {} };
  const lockOf = (tool: PeerTool) => tool.lock(prepareDirs(o.workDir, tool, project), '');
  const commands: Array<{ label: string; cmd: string; args: string[]; env: NodeJS.ProcessEnv }> = [];
  const pipgrub = o.tools.find((t) => t.id === 'pipgrub');
  if (pipgrub) {
    const { env } = lockOf(pipgrub);
    commands.push({ label: 'Node.js itself', cmd: process.execPath, args: ['-e', '0'], env });
    commands.push({ label: 'pipgrub start-up', cmd: process.execPath, args: [PIPGRUB_BIN, '--version'], env });
  }
  const peers = o.tools.filter((t) => t.id !== 'pipgrub' && t.id !== 'pip').map((t) => ({ id: t.id, lock: lockOf(t) }));
  if (peers.length) commands.push({ label: 'Python itself', cmd: SYSTEM_PYTHON, args: ['-c', 'pass'], env: peers[0]!.lock.env });
  for (const { id, lock } of peers) commands.push({ label: `${id} start-up`, cmd: lock.cmd, args: ['--version'], env: lock.env });
  const runs = commands.map(() => [] as number[]);
  const errors = new Map<number, string>();
  for (let round = -1; round < o.rounds; round++) {
    for (const [i, c] of commands.entries()) {
      if (errors.has(i)) continue;
      const r = await timeCommand(c.cmd, c.args, { cwd: o.workDir, env: c.env, timeoutMs: o.timeoutMs });
      if (r.code !== 0) errors.set(i, r.timedOut ? 'timed out' : `exit ${r.code}`);
      // Round -1 warms the file cache and pipgrub's code cache.
      else if (round >= 0) runs[i]!.push(r.seconds);
    }
  }
  return commands.map((c, i) => ({
    label: c.label,
    command: [c.cmd === process.execPath ? 'node' : c.cmd === SYSTEM_PYTHON ? 'python3' : c.cmd, ...c.args.map((a) => (a === PIPGRUB_BIN ? 'pipgrub.js' : a))].join(' '),
    runs: runs[i]!,
    ...(runs[i]!.length ? { median: median(runs[i]!) } : {}),
    ...(errors.has(i) ? { error: errors.get(i)! } : {}),
  }));
}
