// node:zlib, loaded on first use: a warm lock inflates nothing, and loading zlib costs a few
// milliseconds of start-up that commands which never read a zip or a compressed body should not pay.
import { promisify } from 'node:util';

type Zlib = typeof import('node:zlib');
let zlib: Promise<Zlib> | undefined;

/**
 * The node:zlib module, imported once.
 * @example const { crc32 } = await loadZlib();
 */
export function loadZlib(): Promise<Zlib> {
  zlib ??= import('node:zlib');
  return zlib;
}

/** An async zlib decoder by name, loading zlib on the first call. */
export function lazyDecoder(name: 'gunzip' | 'inflate' | 'inflateRaw' | 'brotliDecompress'): (input: Uint8Array, options?: { maxOutputLength?: number }) => Promise<Uint8Array> {
  let fn: ((input: Uint8Array, options: object) => Promise<Uint8Array>) | undefined;
  return async (input, options = {}) => {
    fn ??= promisify((await loadZlib())[name]) as (input: Uint8Array, options: object) => Promise<Uint8Array>;
    return fn(input, options);
  };
}
