// Tests for the output layer: colour rules, quiet/verbose, spinner on a TTY vs plain lines.
import { describe, expect, it } from 'vitest';
import { MemorySink } from '../testing';
import { formatBytes, formatDuration, Output } from './output';
import { shouldColor, stripAnsi } from './style';

describe('shouldColor', () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    [{ TERM: 'dumb' }, true, false],
  ])('%j tty=%s -> %s', (env, tty, expected) => {
    expect(shouldColor(env, tty)).toBe(expected);
  });
});

describe('Output', () => {
  it('prints plain status lines when stderr is not a terminal', () => {
    const stdout = new MemorySink();
    const stderr = new MemorySink();
    const out = new Output({ stdout, stderr, env: {} });
    const task = out.task('Resolving dependencies');
    task.update({ done: 3, total: 10 });
    task.end();
    out.summary('Locked 3 packages in 0.01s');
    out.result('data');
    expect(stderr.text).toBe('Resolving dependencies...\nLocked 3 packages in 0.01s\n');
    expect(stdout.text).toBe('data\n');
  });

  it('draws a spinner with counts and bytes on a terminal and clears it', () => {
    const stderr = new MemorySink(true);
    const out = new Output({ stdout: new MemorySink(), stderr, env: { NO_COLOR: '1' } });
    const task = out.task('Downloading');
    task.update({ done: 2, total: 5, bytes: 2048 });
    expect(stderr.text).toContain('Downloading  2/5  2.0 KiB');
    task.end();
    expect(stderr.text.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('keeps a status line above the spinner', () => {
    const stderr = new MemorySink(true);
    const out = new Output({ stdout: new MemorySink(), stderr, env: { NO_COLOR: '1' } });
    out.task('Installing');
    out.info('Installed flask');
    out.endActive();
    const visible = stderr.text.split('\r\u001b[2K').filter(Boolean);
    expect(visible).toContain('Installed flask\n');
  });

  it('--quiet hides status but not summaries, errors or results', () => {
    const stdout = new MemorySink();
    const stderr = new MemorySink();
    const out = new Output({ stdout, stderr, env: {}, quiet: true });
    out.info('status');
    out.task('Resolving');
    out.debug('debug');
    out.summary('summary');
    out.error('bad', 'try again');
    out.result('r');
    expect(stderr.text).toBe('summary\nerror: bad\nhint: try again\n');
    expect(stdout.text).toBe('r\n');
  });

  it('colours errors when forced', () => {
    const stderr = new MemorySink();
    new Output({ stdout: new MemorySink(), stderr, env: { FORCE_COLOR: '1' } }).error('bad');
    expect(stderr.text).toContain('\u001b[31m');
    expect(stripAnsi(stderr.text)).toBe('error: bad\n');
  });

  it('formats bytes and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatDuration(213)).toBe('0.21s');
  });
});
