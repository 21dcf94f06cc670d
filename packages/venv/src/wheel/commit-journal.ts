// The undo log of one environment change: every path moved into place, moved aside or created, so
// that a failure or Ctrl-C part-way through a multi-package commit puts the environment back as it was.
import { mkdir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { VirtualEnv } from '../create/layout';
import { stagingRoot } from '../install-target';
import { pruneEmptyDirs } from './prune';

let counter = 0;

/**
 * A journal of reversible file operations inside one environment. Replaced and removed files are
 * renamed into the journal's own directory (same filesystem, so a rename), and only deleted by
 * {@link CommitJournal.finish}; {@link CommitJournal.rollback} replays the log backwards.
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
    /** Holds the moved-aside originals until the change is finished or rolled back. */
    readonly dir: string,
  ) {}

  /** Start a journal (creates its backup directory next to the environment's staging area). */
  static async open(env: VirtualEnv): Promise<CommitJournal> {
    const dir = path.join(stagingRoot(env), `.pipgrub-journal-${process.pid}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`);
    await mkdir(dir, { recursive: true });
    return new CommitJournal(env, dir);
  }

  /** Number of recorded operations (0 means rolling back is a no-op). */
  get size(): number {
    return this.undo.length;
  }

  /** Move `p` (a file, link or directory) aside; rollback moves it back. */
  async moveAside(p: string): Promise<void> {
    const to = path.join(this.dir, `b${this.n++}`);
    await rename(p, to);
    this.undo.push(() => rename(to, p));
  }

  /** `dir` was created by this change (with everything below it); rollback removes it. */
  createdDir(dir: string): void {
    this.undo.push(() => rm(dir, { recursive: true, force: true }));
  }

  /** A file was moved into place at `dest` (nothing was there); rollback unlinks it. */
  placed(dest: string): void {
    this.undo.push(() => unlink(dest));
  }

  /** Files whose directories may be left empty: pruned by {@link finish}, never before. */
  emptiedFrom(paths: readonly string[]): void {
    this.emptied.push(...paths);
  }

  /** Undo everything recorded, newest first (best effort per step), and drop the journal. */
  async rollback(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const u of this.undo.reverse()) await u().catch(() => undefined);
    this.undo.length = 0;
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Keep the change: delete the moved-aside originals and prune directories left empty. */
  async finish(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.undo.length = 0;
    await rm(this.dir, { recursive: true, force: true });
    if (this.emptied.length) await pruneEmptyDirs(this.emptied, this.env);
  }
}
