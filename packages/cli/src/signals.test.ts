// The signal policy of `main`, driven in-process with process.emit (no real signal is sent):
// first signal aborts, a second ends the process, SIGTERM/SIGHUP are remembered for re-raising.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchSignals, type SignalWatcher } from './signals';

const emit = (s: NodeJS.Signals) => (process.emit as (event: string, signal: string) => boolean)(s, s);

describe('watchSignals', () => {
  let watch: SignalWatcher | undefined;
  afterEach(() => {
    watch?.dispose();
    vi.restoreAllMocks();
  });

  it('SIGTERM aborts the signal and is remembered; listeners go away on dispose', () => {
    const before = process.listenerCount('SIGTERM');
    watch = watchSignals();
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    expect(watch.signal.aborted).toBe(false);
    emit('SIGTERM');
    expect(watch.signal.aborted).toBe(true);
    expect(watch.terminatedBy()).toBe('SIGTERM');
    watch.dispose();
    watch.dispose();
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('SIGHUP is remembered too; Ctrl-C aborts without asking for a re-raise', () => {
    watch = watchSignals();
    emit('SIGHUP');
    expect(watch.terminatedBy()).toBe('SIGHUP');
    watch.dispose();
    const other = watchSignals();
    try {
      emit('SIGINT');
      expect(other.signal.aborted).toBe(true);
      expect(other.terminatedBy()).toBe(null);
    } finally {
      other.dispose();
    }
  });

  it('a second SIGTERM re-raises it at once, with the handlers detached first', () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    watch = watchSignals();
    const before = process.listenerCount('SIGTERM');
    emit('SIGTERM');
    expect(kill).not.toHaveBeenCalled();
    emit('SIGTERM');
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGTERM');
    expect(process.listenerCount('SIGTERM')).toBe(before - 1);
  });

  it('a second Ctrl-C exits with 130 at once', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    watch = watchSignals();
    emit('SIGINT');
    expect(exit).not.toHaveBeenCalled();
    emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(130);
  });
});
