// Holding SIGINT/SIGTERM/SIGHUP back while the environment is being changed: the signal is recorded,
// the change notices it and rolls back, and only then is the signal handed to its usual listeners.

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** What the guarded work can ask: which signal arrived first, if any. */
export interface SignalWatch {
  /** The first deferred signal, or null while none arrived. */
  readonly received: NodeJS.Signals | null;
}

type Listener = (signal: NodeJS.Signals) => void;

/**
 * Run `work` with termination signals deferred. The process's own listeners (for example a CLI's
 * "first Ctrl-C aborts, second exits" handler) are detached meanwhile, so nothing can exit half-way;
 * afterwards they are re-attached and each deferred signal is delivered to them (or, when there were
 * none, re-raised so the default action applies).
 * @example
 * await withSignalsDeferred(async (watch) => {
 *   for (const step of steps) {
 *     if (watch.received) throw new Error('interrupted');
 *     await step();
 *   }
 * });
 */
export async function withSignalsDeferred<T>(work: (watch: SignalWatch) => Promise<T>): Promise<T> {
  const caught: NodeJS.Signals[] = [];
  const saved = new Map<NodeJS.Signals, Listener[]>();
  const record: Listener = (s) => caught.push(s);
  for (const s of SIGNALS) {
    saved.set(s, process.listeners(s) as Listener[]);
    process.removeAllListeners(s);
    process.on(s, record);
  }
  const watch: SignalWatch = {
    get received() {
      return caught[0] ?? null;
    },
  };
  try {
    return await work(watch);
  } finally {
    for (const s of SIGNALS) {
      process.off(s, record);
      for (const l of saved.get(s) ?? []) process.on(s, l);
    }
    for (const s of caught) {
      const listeners = saved.get(s) ?? [];
      if (listeners.length) for (const l of listeners) l(s);
      else process.kill(process.pid, s);
    }
  }
}
