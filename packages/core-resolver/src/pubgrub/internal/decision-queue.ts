// A max-heap of packages waiting for a decision, keyed by provider priority. A package has at most one
// live entry (its `queuedPriority`); older entries are discarded lazily when they reach the top.
import type { PackageAssignments, PackageSlot } from './partial-solution';

interface Entry<P, V, VS> {
  slot: PackageSlot<P, V, VS>;
  pa: PackageAssignments<V, VS>;
  priority: number;
}

export class DecisionQueue<P, V, VS> {
  private heap: Entry<P, V, VS>[] = [];

  get size(): number {
    return this.heap.length;
  }

  private before(a: Entry<P, V, VS>, b: Entry<P, V, VS>): boolean {
    return a.priority > b.priority || (a.priority === b.priority && a.pa.order < b.pa.order);
  }

  push(slot: PackageSlot<P, V, VS>, pa: PackageAssignments<V, VS>, priority: number): void {
    const h = this.heap;
    pa.queuedPriority = priority;
    const e = { slot, pa, priority };
    let i = h.length;
    h.push(e);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(e, h[parent]!)) break;
      h[i] = h[parent]!;
      i = parent;
    }
    h[i] = e;
  }

  /**
   * The best entry that is still valid (its package still has the same assignments, undecided and
   * positive), discarding stale ones on the way.
   */
  pop(): PackageSlot<P, V, VS> | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      const last = this.heap.pop()!;
      if (this.heap.length > 0) this.siftDown(last);
      if (top.pa.queuedPriority !== top.priority) continue; // superseded by a newer entry
      top.pa.queuedPriority = undefined;
      const pa = top.pa;
      if (top.slot.pa === pa && pa.decision === undefined && pa.term.positive) return top.slot;
    }
    return undefined;
  }

  private siftDown(e: Entry<P, V, VS>): void {
    const h = this.heap;
    const n = h.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(h[r]!, h[l]!) ? r : l;
      if (!this.before(h[c]!, e)) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = e;
  }
}
