// Everything the CLI says to the person: status lines on stderr, results on stdout, a spinner with
// counts and bytes on a terminal (plain lines otherwise), --quiet / --verbose, and colour rules.

import type { Env } from '../args/env-options';
import { makeStyle, shouldColor, type Style } from './style';

/** The part of a writable stream the output layer uses (real streams or test buffers). */
export interface TextSink {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface OutputOptions {
  stdout: TextSink;
  stderr: TextSink;
  env: Env;
  quiet?: boolean;
  verbose?: boolean;
  /** No spinner even on a terminal (PIPENV_NOSPIN). */
  noSpin?: boolean;
}

/** Progress counters a task reports; all optional. */
export interface Progress {
  done?: number;
  total?: number;
  bytes?: number;
  totalBytes?: number;
  /** What is being worked on right now (a package name). */
  current?: string;
}

/** A long-running step with a live line on a terminal. */
export interface Task {
  update(progress: Progress): void;
  /** Stop the spinner and clear its line; prints nothing. */
  end(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Human-readable byte count.
 * @example formatBytes(1536) // '1.5 KiB'
 */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/**
 * Elapsed time as the summaries print it.
 * @example formatDuration(213) // '0.21s'
 */
export function formatDuration(ms: number): string {
  return ms < 60_000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

/** The CLI's voice. One instance per invocation. */
export class Output {
  readonly style: Style;
  readonly errStyle: Style;
  readonly quiet: boolean;
  readonly verbose: boolean;
  private readonly live: boolean;
  private active: { label: string; progress: Progress; frame: number; timer: ReturnType<typeof setInterval> } | undefined;

  constructor(private readonly options: OutputOptions) {
    this.quiet = options.quiet ?? false;
    this.verbose = options.verbose ?? false;
    this.style = makeStyle(shouldColor(options.env, options.stdout.isTTY === true));
    this.errStyle = makeStyle(shouldColor(options.env, options.stderr.isTTY === true));
    this.live = options.stderr.isTTY === true && !options.noSpin && !this.quiet;
  }

  /** Whether a spinner can be drawn (stderr is a terminal and spinners are allowed). */
  get isLive(): boolean {
    return this.live;
  }

  /** A result for programs and pipes (stdout), printed even with --quiet. */
  result(text: string): void {
    this.clearLine();
    this.options.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    this.redraw();
  }

  /** A status line (stderr); hidden by --quiet. */
  info(text: string): void {
    if (!this.quiet) this.err(text);
  }

  /** Detail shown only with --verbose. */
  debug(text: string): void {
    if (this.verbose) this.err(this.errStyle.dim(text));
  }

  warn(text: string): void {
    this.err(`${this.errStyle.yellow(this.errStyle.bold('warning:'))} ${text}`);
  }

  /** The final one-line summary of a command; shown even with --quiet. */
  summary(text: string): void {
    this.err(this.errStyle.green(text));
  }

  error(text: string, hint?: string): void {
    this.err(`${this.errStyle.red(this.errStyle.bold('error:'))} ${text}`);
    if (hint) this.err(`${this.errStyle.cyan('hint:')} ${hint}`);
  }

  /** Raw multi-line text to stderr (e.g. a resolution explanation). */
  block(text: string): void {
    this.err(text.replace(/\n$/, ''));
  }

  /**
   * Start a step. On a terminal a spinner with counts and bytes runs until `end()`; otherwise the
   * label is printed once as a plain line.
   */
  task(label: string): Task {
    this.endActive();
    if (!this.live) {
      this.info(`${label}...`);
      return { update: () => {}, end: () => {} };
    }
    const timer = setInterval(() => {
      if (!this.active) return;
      this.active.frame = (this.active.frame + 1) % FRAMES.length;
      this.redraw();
    }, 80);
    timer.unref?.();
    const me = { label, progress: {} as Progress, frame: 0, timer };
    this.active = me;
    this.redraw();
    return {
      update: (progress) => {
        if (this.active !== me) return;
        me.progress = { ...me.progress, ...progress };
        this.redraw();
      },
      end: () => {
        if (this.active === me) this.endActive();
      },
    };
  }

  /** Stop any spinner and clear its line (also called on Ctrl-C and errors). */
  endActive(): void {
    if (!this.active) return;
    clearInterval(this.active.timer);
    this.active = undefined;
    this.options.stderr.write('\r\u001b[2K');
  }

  private err(text: string): void {
    this.clearLine();
    this.options.stderr.write(`${text}\n`);
    this.redraw();
  }

  private clearLine(): void {
    if (this.active) this.options.stderr.write('\r\u001b[2K');
  }

  private redraw(): void {
    const a = this.active;
    if (!a) return;
    const p = a.progress;
    const parts = [`${this.errStyle.cyan(FRAMES[a.frame]!)} ${a.label}`];
    if (p.total !== undefined) parts.push(`${p.done ?? 0}/${p.total}`);
    else if (p.done !== undefined) parts.push(String(p.done));
    if (p.bytes !== undefined) parts.push(p.totalBytes ? `${formatBytes(p.bytes)}/${formatBytes(p.totalBytes)}` : formatBytes(p.bytes));
    if (p.current) parts.push(this.errStyle.dim(p.current));
    let line = parts.join('  ');
    const width = this.options.stderr.columns ?? 80;
    if (line.length > width + 40) line = line.slice(0, width + 40);
    this.options.stderr.write(`\r\u001b[2K${line}`);
  }
}
