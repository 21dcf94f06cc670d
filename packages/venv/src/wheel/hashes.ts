// Checking an archive against the hashes a lock promises (`sha256:<hex>`), before anything is
// written: the first step of every install.
import { VenvError } from '../errors';
import { fileDigest } from '../cache/wheel-cache';

/** A parsed expected hash. */
export interface ExpectedHash {
  algorithm: string;
  hex: string;
}

/**
 * Parse `sha256:<hex>` (Pipfile.lock style) or `sha256=<hex>` (URL fragment style).
 * @example parseHash('sha256:abcd') // { algorithm: 'sha256', hex: 'abcd' }
 */
export function parseHash(text: string): ExpectedHash {
  const m = /^([a-z0-9]+)[:=]([0-9a-fA-F]+)$/.exec(text.trim());
  if (!m) throw new VenvError('HASH_MISMATCH', `Malformed hash '${text}'`, { hint: "Expected 'sha256:<hex digest>'." });
  return { algorithm: m[1]!, hex: m[2]!.toLowerCase() };
}

/**
 * Hash `file` and check it against `expected` (any one may match). Returns the file's sha256 hex.
 * Throws `HASH_MISMATCH`, or `HASH_MISSING` when `require` is set and nothing is expected.
 * @example const sha = await verifyFileHashes('x.whl', ['sha256:9f8e...']);
 */
export async function verifyFileHashes(file: string, expected: readonly string[] = [], require = false): Promise<string> {
  const sha256 = await fileDigest(file, 'sha256');
  if (expected.length === 0) {
    if (require) throw new VenvError('HASH_MISSING', `${file} has no expected hash and hashes are required`, { hint: 'Re-lock to record hashes.' });
    return sha256;
  }
  const parsed = expected.map(parseHash);
  const byAlgo = new Map<string, string>([['sha256', sha256]]);
  for (const h of parsed) {
    if (!byAlgo.has(h.algorithm)) {
      try {
        byAlgo.set(h.algorithm, await fileDigest(file, h.algorithm));
      } catch {
        continue; // unknown algorithm: cannot match
      }
    }
    if (byAlgo.get(h.algorithm) === h.hex) return sha256;
  }
  throw new VenvError('HASH_MISMATCH', `Hash mismatch for ${file}: got sha256:${sha256}, expected ${expected.join(' or ')}`, {
    hint: 'The file differs from the one locked; it may be tampered with. Delete it and re-download, or re-lock.',
  });
}
