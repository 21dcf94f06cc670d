// The undo log of one environment change: every path moved into place, moved aside or created, kept in
// memory and on disk, so a failure, Ctrl-C or even a killed process never leaves a half-changed env.
import { appendFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { VirtualEnv } from '../create/layout';
import { stagingRoot } from '../install-target';
import { pruneEmptyDirs } from './prune';

let counter = 0;

/** Staging and journal directories of this process (never "recovered" by it, whatever its pid). */
const ownDirs = new Set<string>();

/** Mark a directory (by absolute path) as this process's own staging area. */
export function ownDirectory(dir: string): void {
  ownDirs.add(dir);
}

const JOURNAL_PREFIX = '.pipgrub-journal-';
const STAGING_PREFIX = '.pipgrub-staging-';
const LOG = 'log.jsonl';

/**
 * One line of the on-disk log. Each is appended *before* its operation runs, so replaying the undo of
 * every line (newest first) is always safe: an undo whose operation never happened finds nothing to do.
 */
type LogEntry =
  | { op: 'aside'; from: string; to: string } // `to` is relative to the journal directory
  | { op: 'created'; dir: string }
  | { op: 'place'; dests: string[] }
  | { op: 'undone'; n: number } // rollback progress: the newest `n` entries are already undone
  | { op: 'commit' }; // the change is complete: nothing to undo

/**
 * A journal of reversible file operations inside one environment. Replaced and removed files are
 * renamed into the journal's own directory (same filesystem, so a rename), and only deleted by
 * {@link CommitJournal.finish}; {@link CommitJournal.rollback} replays the log backwards. The log is
 * also written to disk, so that {@link recoverInterruptedChanges} can undo the change of a process
 * that was killed (SIGKILL, crash) part-way.
 * @example
 * const journal = await CommitJournal.open(env);
 * try {
 *   await staged.commit([], journal);
 *   await journal.finish();
 * } catch (e) {
 *   await journal.rollback();
 *   throw e;
 * }
 */
export class CommitJournal {
  private readonly undo: Array<() => Promise<unknown>> = [];
  private readonly emptied: string[] = [];
  private n = 0;
  private closed = false;

  private constructor(
    readonly env: VirtualEnv,
    /** Holds the moved-aside originals (and the log) until the change is finished or rolled back. */
    readonly dir: string,
  ) {}

  /**
   * Start a journal (creates its directory next to the environment's staging area), after undoing
   * whatever a killed earlier process left half-done in this environment.
   */
  static async open(env: VirtualEnv): Promise<CommitJournal> {
    await recoverInterruptedChanges(env);
    const dir = path.join(stagingRoot(env), `${JOURNAL_PREFIX}${process.pid}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
    ownDirectory(dir);
    await mkdir(dir, { recursive: true });
    appendFileSync(path.join(dir, LOG), '');
    return new CommitJournal(env, dir);
  }

  /** Number of recorded operations (0 means rolling back is a no-op). */
  get size(): number {
    return this.undo.length;
  }

  // Disk and memory get the entry at the same synchronous point, so concurrent commits sharing the
  // journal keep both logs in the same order (rollback progress counts refer to either).
  private record(entry: LogEntry, undo: () => Promise<unknown>): void {
    appendFileSync(path.join(this.dir, LOG), `${JSON.stringify(entry)}\n`);
    this.undo.push(undo);
  }

  /** Move `p` (a file, link or directory) aside; rollback moves it back. */
  async moveAside(p: string): Promise<void> {
    const name = `b${this.n++}`;
    const to = path.join(this.dir, name);
    this.record({ op: 'aside', from: p, to: name }, () => rename(to, p));
    await rename(p, to);
  }

  /** `dir` was created by this change (with everything below it); rollback removes it. */
  createdDir(dir: string): void {
    this.record({ op: 'created', dir }, () => rm(dir, { recursive: true, force: true }));
  }

  /**
   * Files are about to be moved into place at `dests` (nothing is there: anything that was has been
   * moved aside). Returns the callback to report each one that actually arrived; rollback unlinks those.
   */
  placing(dests: readonly string[]): (dest: string) => void {
    const arrived: string[] = [];
    this.record({ op: 'place', dests: [...dests] }, () => Promise.all(arrived.map((d) => unlink(d).catch(() => undefined))));
    return (dest) => void arrived.push(dest);
  }

  /** Files whose directories may be left empty: pruned by {@link finish}, never before. */
  emptiedFrom(paths: readonly string[]): void {
    this.emptied.push(...paths);
  }

  /** Undo everything recorded, newest first (best effort per step), and drop the journal. */
  async rollback(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const steps = this.undo.reverse();
    for (let i = 0; i < steps.length; i++) {
      await steps[i]!().catch(() => undefined);
      appendFileSync(path.join(this.dir, LOG), `${JSON.stringify({ op: 'undone', n: i + 1 } satisfies LogEntry)}\n`);
    }
    this.undo.length = 0;
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Keep the change: delete the moved-aside originals and prune directories left empty. */
  async finish(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    appendFileSync(path.join(this.dir, LOG), `${JSON.stringify({ op: 'commit' } satisfies LogEntry)}\n`);
    this.undo.length = 0;
    await rm(this.dir, { recursive: true, force: true });
    if (this.emptied.length) await pruneEmptyDirs(this.emptied, this.env);
  }
}

/** Whether process `pid` is running (EPERM: running as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseLog(text: string): LogEntry[] {
  const out: LogEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as LogEntry);
    } catch {
      break; // a line cut short by the kill: everything before it is complete
    }
  }
  return out;
}

/** Replay the undo of one dead process's journal, then remove it. */
async function undoJournal(dir: string): Promise<void> {
  const entries = parseLog(await readFile(path.join(dir, LOG), 'utf8').catch(() => ''));
  if (!entries.some((e) => e.op === 'commit')) {
    const ops = entries.filter((e) => e.op !== 'undone' && e.op !== 'commit');
    const done = Math.max(0, ...entries.map((e) => (e.op === 'undone' ? e.n : 0)));
    for (const e of ops.reverse().slice(done)) {
      if (e.op === 'aside') await rename(path.join(dir, e.to), e.from).catch(() => undefined);
      else if (e.op === 'created') await rm(e.dir, { recursive: true, force: true });
      else if (e.op === 'place') await Promise.all(e.dests.map((d) => unlink(d).catch(() => undefined)));
    }
  }
  await rm(dir, { recursive: true, force: true });
}

/**
 * Undo the changes that processes killed part-way (SIGKILL, crash, power loss before the log hit the
 * disk aside) left in an environment, and drop their staging directories. Runs before every sync and
 * commit; journals of live processes are left alone. Returns how many changes were undone.
 * @example if (await recoverInterruptedChanges(env)) console.log('restored an interrupted install');
 */
export async function recoverInterruptedChanges(env: VirtualEnv): Promise<number> {
  const root = stagingRoot(env);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return 0;
  }
  let undone = 0;
  for (const name of names) {
    const journal = name.startsWith(JOURNAL_PREFIX);
    if (!journal && !name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(/^\.pipgrub-[a-z]+-(\d+)-/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || ownDirs.has(path.join(root, name)) || (pid !== process.pid && alive(pid))) continue;
    if (journal) {
      await undoJournal(path.join(root, name));
      undone++;
    } else {
      await rm(path.join(root, name), { recursive: true, force: true });
    }
  }
  return undone;
}
