// Test helpers: in-memory streams that record what the CLI wrote. Not exported from the package.
import type { TextSink } from './output/output';

/** A sink that keeps everything written to it. */
export class MemorySink implements TextSink {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 80,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}
