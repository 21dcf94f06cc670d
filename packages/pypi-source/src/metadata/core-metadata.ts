// Core metadata (METADATA, PKG-INFO, PEP 658 `.metadata`) parsing: the RFC 822-style header block,
// reduced to what resolution needs, plus the PEP 643 rule for trusting an sdist's PKG-INFO.

/** The fields of a core metadata file that resolution uses. */
export interface CoreMetadata {
  metadataVersion: string;
  name: string;
  version: string;
  requiresDist: string[];
  requiresPython: string | undefined;
  providesExtra: string[];
  /** PEP 643 `Dynamic` fields, lower-cased. */
  dynamic: string[];
}

/** Result of parsing: the metadata or a one-line reason. */
export type CoreMetadataResult = { ok: true; metadata: CoreMetadata } | { ok: false; reason: string };

/**
 * Parse the header block of a core metadata file. Continuation lines (leading whitespace) are folded;
 * the body after the first blank line (the long description) is ignored.
 * @example parseCoreMetadata('Metadata-Version: 2.1\nName: six\nVersion: 1.16.0\n') // { ok: true, metadata: { name: 'six', ... } }
 */
export function parseCoreMetadata(text: string): CoreMetadataResult {
  const headers = new Map<string, string[]>();
  let last: string[] | undefined;
  let lastIndex = -1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (const raw of src.split(/\r?\n/)) {
    if (raw === '') break;
    if ((raw[0] === ' ' || raw[0] === '\t') && last && lastIndex >= 0) {
      last[lastIndex] += '\n' + raw.trim();
      continue;
    }
    const colon = raw.indexOf(':');
    if (colon <= 0) return { ok: false, reason: `malformed header line: ${JSON.stringify(raw.slice(0, 80))}` };
    const key = raw.slice(0, colon).trim().toLowerCase();
    const value = raw.slice(colon + 1).trim();
    last = headers.get(key);
    if (!last) headers.set(key, (last = []));
    last.push(value);
    lastIndex = last.length - 1;
  }
  const one = (k: string) => headers.get(k)?.[0];
  const name = one('name');
  const version = one('version');
  if (!name) return { ok: false, reason: 'no Name field' };
  if (!version) return { ok: false, reason: 'no Version field' };
  return {
    ok: true,
    metadata: {
      metadataVersion: one('metadata-version') ?? '1.0',
      name,
      version,
      requiresDist: (headers.get('requires-dist') ?? []).map((s) => s.replace(/\s*\n\s*/g, ' ')).filter((s) => s !== ''),
      requiresPython: one('requires-python') || undefined,
      providesExtra: headers.get('provides-extra') ?? [],
      dynamic: (headers.get('dynamic') ?? []).map((d) => d.toLowerCase()),
    },
  };
}

/**
 * PEP 643: an sdist's PKG-INFO can be trusted for dependencies when Metadata-Version >= 2.2 and
 * neither `Requires-Dist` nor `Requires-Python` nor `Provides-Extra` is `Dynamic`.
 * @example isStaticSdistMetadata({ metadataVersion: '2.2', dynamic: [] } as CoreMetadata) // true
 */
export function isStaticSdistMetadata(m: CoreMetadata): boolean {
  const [major = 0, minor = 0] = m.metadataVersion.split('.').map((x) => Number(x));
  if (!(major > 2 || (major === 2 && minor >= 2))) return false;
  return !m.dynamic.some((d) => d === 'requires-dist' || d === 'requires-python' || d === 'provides-extra');
}
