// A one-line progress bar for long benchmark runs, drawn on a TTY only (CI logs and pipes stay clean).

/**
 * `[#####-----] 12/150 name`, redrawn in place.
 *
 * @example
 * ```ts
 * const bar = new ProgressBar(10, process.stderr);
 * bar.tick('case-1');
 * bar.done();
 * ```
 */
export class ProgressBar {
  private count = 0;
  private readonly stream: NodeJS.WriteStream | undefined;

  constructor(
    private readonly total: number,
    stream: NodeJS.WriteStream | undefined,
  ) {
    this.stream = stream?.isTTY ? stream : undefined;
  }

  /** One more item finished. */
  tick(label: string): void {
    this.count++;
    if (!this.stream) return;
    const width = 30;
    const filled = this.total === 0 ? width : Math.round((this.count / this.total) * width);
    const cols = this.stream.columns ?? 100;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this.count}/${this.total} ${label}`;
    this.stream.write(`\r${line.slice(0, cols - 1).padEnd(Math.min(cols - 1, line.length + 10))}`);
  }

  /** Clear the line. */
  done(): void {
    if (this.stream) this.stream.write('\r\x1b[2K');
  }
}
