// The process-wide signal policy of the `pipgrub` command: Ctrl-C, SIGTERM and SIGHUP all abort the
// running command through one AbortSignal; a second one ends the process at once.

/** Signals that end pipgrub: after clean-up the process dies by the signal itself. */
export const TERMINATION_SIGNALS = ['SIGTERM', 'SIGHUP'] as const;

/** What {@link watchSignals} hands the caller. */
export interface SignalWatcher {
  /** Aborted by the first SIGINT, SIGTERM or SIGHUP. */
  readonly signal: AbortSignal;
  /** The SIGTERM/SIGHUP that aborted the command (the process should end by it), or null. */
  terminatedBy(): NodeJS.Signals | null;
  /** Detach the handlers (idempotent); a signal arriving later gets its default action. */
  dispose(): void;
}

/**
 * Install pipgrub's handlers. The first SIGINT/SIGTERM/SIGHUP aborts `signal` and lets the command
 * clean up (Pipfile and Pipfile.lock are written atomically; a venv commit rolls back). A second
 * Ctrl-C exits with 130 at once; a second SIGTERM/SIGHUP (or one after a Ctrl-C) is re-raised with
 * the default action, so the process ends by it at once.
 * @example
 * const watch = watchSignals();
 * const code = await runCli(argv, { ...io, signal: watch.signal });
 * const ended = watch.terminatedBy();
 * watch.dispose();
 * if (ended) process.kill(process.pid, ended);
 */
export function watchSignals(): SignalWatcher {
  const controller = new AbortController();
  let terminated: NodeJS.Signals | null = null;
  let disposed = false;
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  const onTerminate = (s: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      dispose();
      process.kill(process.pid, s);
      return;
    }
    terminated = s;
    controller.abort();
  };
  const dispose = () => {
    if (disposed) return;
    disposed = true;
    process.off('SIGINT', onSigint);
    for (const s of TERMINATION_SIGNALS) process.off(s, onTerminate);
  };
  process.on('SIGINT', onSigint);
  for (const s of TERMINATION_SIGNALS) process.on(s, onTerminate);
  return { signal: controller.signal, terminatedBy: () => terminated, dispose };
}
