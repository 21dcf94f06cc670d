// The parsed form of one project page of a simple index, common to PEP 503 HTML and PEP 691 JSON, and
// the small value parsers both formats share (hash fragments, metadata attributes, yanked).

/** One file link on a project page. */
export interface IndexFile {
  filename: string;
  /** Absolute URL, without the hash fragment. */
  url: string;
  /** Digests by algorithm (lower-case hex). */
  hashes: Record<string, string>;
  requiresPython?: string;
  /** PEP 592: `true`, or the reason text. Absent when not yanked. */
  yanked?: true | string;
  /**
   * PEP 658/714: whether `<url>.metadata` exists, with its hashes when given (`{}` when only `true`).
   * `undefined` when the index does not offer it.
   */
  coreMetadata?: Record<string, string>;
  size?: number;
  uploadTime?: string;
}

/** A parsed project page. */
export interface ProjectPage {
  /** PEP 629/691 `api-version` if the page declares one. */
  apiVersion?: string;
  files: IndexFile[];
  /** PEP 700 `versions` (JSON 1.1), if present. */
  versions?: string[];
  format: 'html' | 'json';
}

const HASH_NAMES = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

/** Split `url#sha256=…` into the bare URL and its hash, ignoring unknown fragments. */
export function splitHashFragment(url: string): { url: string; hashes: Record<string, string> } {
  const hashAt = url.indexOf('#');
  if (hashAt < 0) return { url, hashes: {} };
  const frag = url.slice(hashAt + 1);
  const bare = url.slice(0, hashAt);
  const eq = frag.indexOf('=');
  if (eq > 0) {
    const algo = frag.slice(0, eq).toLowerCase();
    const value = frag.slice(eq + 1).toLowerCase();
    if (HASH_NAMES.has(algo) && /^[0-9a-f]+$/.test(value)) return { url: bare, hashes: { [algo]: value } };
  }
  return { url: bare, hashes: {} };
}

/** Parse a PEP 658 attribute value: `true` or `sha256=<hex>`; anything else (incl. `false`) = not offered. */
export function parseMetadataAttr(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '' || v.toLowerCase() === 'false') return undefined;
  if (v.toLowerCase() === 'true') return {};
  const eq = v.indexOf('=');
  if (eq > 0) {
    const algo = v.slice(0, eq).toLowerCase();
    const hex = v.slice(eq + 1).toLowerCase();
    if (HASH_NAMES.has(algo) && /^[0-9a-f]+$/.test(hex)) return { [algo]: hex };
  }
  return {};
}

/** Keep only known hash algorithms with hex values (lower-cased). */
export function cleanHashes(hashes: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof hashes !== 'object' || hashes === null) return out;
  for (const [k, v] of Object.entries(hashes as Record<string, unknown>)) {
    const algo = k.toLowerCase();
    if (HASH_NAMES.has(algo) && typeof v === 'string' && /^[0-9a-fA-F]+$/.test(v)) out[algo] = v.toLowerCase();
  }
  return out;
}

/** Resolve a link against the page URL; `undefined` for unusable links. */
export function resolveLink(href: string, base: string): string | undefined {
  try {
    return new URL(href, base).toString();
  } catch {
    return undefined;
  }
}

/** The last path segment of a URL, percent-decoded. */
export function filenameFromUrl(url: string): string {
  const path = url.split('#')[0]!.split('?')[0]!;
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
