// One-call helper for tests: write a description into a fresh temp folder, serve it, and remove the
// folder again on close.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexDescription } from './description';
import { serveIndex, type IndexServer, type ServeOptions } from './serve-index';
import { writeIndex, type IndexOptions, type WrittenIndex } from './write-index';

/** Options of `startIndex`: how to write the index and how to serve it. */
export interface StartIndexOptions {
  indexOptions?: IndexOptions;
  serveOptions?: ServeOptions;
  /** Parent of the temp folder. Default `os.tmpdir()`; big benchmark indexes write ~8x faster on `/dev/shm`. */
  tmpRoot?: string;
}

/** A served temp index. `close()` stops the server and deletes `dir`. */
export interface StartedIndex extends IndexServer {
  /** The temp folder holding `files/` and `simple/`. */
  readonly dir: string;
  /** What was written (artifacts with hashes and sizes). Replaced by `rewrite`. */
  index: WrittenIndex;
  /** Replaces the whole index in place (a release appears or is removed); served at once. */
  rewrite(description: IndexDescription, indexOptions?: IndexOptions): WrittenIndex;
}

/**
 * Writes `description` to a fresh temp folder and serves it on 127.0.0.1.
 * With `indexOptions.links: 'absolute'` and no `baseUrl`, links point at this server.
 *
 * @example
 * ```ts
 * const idx = await startIndex({ app: { '1.0': { requiresDist: ['lib'] } }, lib: { '2.0': {} } });
 * try {
 *   const res = await request(idx.simpleUrl + 'app/');
 * } finally {
 *   await idx.close();
 * }
 * ```
 */
export async function startIndex(description: IndexDescription, options: StartIndexOptions = {}): Promise<StartedIndex> {
  const dir = mkdtempSync(join(options.tmpRoot ?? tmpdir(), 'pipgrub-index-'));
  let server: IndexServer;
  try {
    server = await serveIndex(dir, options.serveOptions);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const write = (desc: IndexDescription, io: IndexOptions = {}) => writeIndex(dir, desc, io.links === 'absolute' && !io.baseUrl ? { ...io, baseUrl: server.url } : io);
  let index: WrittenIndex;
  try {
    index = write(description, options.indexOptions);
  } catch (e) {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const stop = server.close.bind(server);
  const started = server as StartedIndex;
  Object.defineProperty(started, 'dir', { value: dir, enumerable: true });
  started.index = index;
  started.rewrite = (desc, io = options.indexOptions) => {
    // Start from an empty folder so removed projects and releases disappear too.
    for (const entry of readdirSync(dir)) rmSync(join(dir, entry), { recursive: true, force: true });
    return (started.index = write(desc, io));
  };
  started.close = async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return started;
}
