// The resolvelib driver's CPU clock while its per-case ITIMER_PROF timeout is armed: it must stay exact
// (the process clock moved in whole 4 ms ticks then, a fifth of a 20 ms batch).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { driverPath, findResolvelibPython } from './run-engines';

const found = findResolvelibPython();

describe.skipIf('missing' in found)('resolvelib_driver.py', () => {
  it('cpu_ms stays exact while the profiling timer is armed (no deltas in whole milliseconds)', () => {
    const script = [
      'import importlib.util, signal, sys',
      'spec = importlib.util.spec_from_file_location("driver", sys.argv[1])',
      'driver = importlib.util.module_from_spec(spec); spec.loader.exec_module(driver)',
      'signal.signal(signal.SIGPROF, lambda *a: None)',
      'signal.setitimer(signal.ITIMER_PROF, 60)',
      'out = []',
      'for n in range(12):',
      '    c0 = driver.cpu_ms()',
      '    x = 0',
      '    for i in range(60000 + n * 7919): x += i',
      '    out.append(driver.cpu_ms() - c0)',
      'print(" ".join(repr(d) for d in out))',
    ].join('\n');
    const r = spawnSync((found as { python: string }).python, ['-c', script, driverPath], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const deltas = r.stdout.trim().split(' ').map(Number);
    expect(deltas).toHaveLength(12);
    expect(deltas.every((d) => d > 0)).toBe(true);
    // An exact clock puts about 1% of deltas within 5 µs of a whole millisecond; a tick-sampled one, all.
    const whole = deltas.filter((d) => Math.abs(d - Math.round(d)) < 0.005);
    expect(whole.length, deltas.join(' ')).toBeLessThan(4);
  });
});
