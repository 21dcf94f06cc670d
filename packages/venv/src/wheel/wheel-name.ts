// Wheel file names and WHEEL metadata (PEP 427): name/version/tags from the file name, and the
// `Root-Is-Purelib` / `Wheel-Version` fields that decide where the archive root is installed.
import { VenvError } from '../errors';

/** The parts of a wheel file name. */
export interface WheelName {
  /** Escaped distribution name as written in the file name. */
  distribution: string;
  version: string;
  build: string | null;
  tags: string[];
}

/**
 * Parse `name-version(-build)?-py-abi-plat.whl`.
 * @example parseWheelName('six-1.16.0-py2.py3-none-any.whl').version // '1.16.0'
 */
export function parseWheelName(filename: string): WheelName {
  const base = filename.replace(/^.*[\\/]/, '');
  const m = /^([^-]+)-([^-]+)(?:-(\d[^-]*))?-([^-]+)-([^-]+)-([^-]+)\.whl$/.exec(base);
  if (!m) throw new VenvError('BAD_WHEEL', `${base} is not a valid wheel file name`, { hint: 'Expected name-version-pytag-abitag-platform.whl (PEP 427).' });
  const tags: string[] = [];
  for (const py of m[4]!.split('.')) for (const abi of m[5]!.split('.')) for (const plat of m[6]!.split('.')) tags.push(`${py}-${abi}-${plat}`);
  return { distribution: m[1]!, version: m[2]!, build: m[3] ?? null, tags };
}

/** Fields of a `.dist-info/WHEEL` file that installation depends on. */
export interface WheelMetadata {
  wheelVersion: string;
  rootIsPurelib: boolean;
}

/**
 * Parse a WHEEL file; refuses Wheel-Version 2+ as pip does.
 * @example parseWheelMetadata('Wheel-Version: 1.0\nRoot-Is-Purelib: true\n').rootIsPurelib // true
 */
export function parseWheelMetadata(text: string, where: string): WheelMetadata {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) fields.set(line.slice(0, c).trim().toLowerCase(), line.slice(c + 1).trim());
  }
  const wheelVersion = fields.get('wheel-version');
  if (!wheelVersion) throw new VenvError('BAD_WHEEL', `${where}: WHEEL has no Wheel-Version`);
  if (Number(wheelVersion.split('.')[0]) >= 2) {
    throw new VenvError('BAD_WHEEL', `${where}: Wheel-Version ${wheelVersion} is not supported`, { hint: 'Upgrade pipgrub.' });
  }
  return { wheelVersion, rootIsPurelib: (fields.get('root-is-purelib') ?? '').toLowerCase() === 'true' };
}

/** `Name` and `Version` from METADATA (RFC 822 headers). */
export function metadataNameVersion(text: string): { name: string; version: string } {
  let name = '';
  let version = '';
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break;
    const m = /^(Name|Version):\s*(.*)$/i.exec(line);
    if (m) {
      if (m[1]!.toLowerCase() === 'name') name = m[2]!.trim();
      else version = m[2]!.trim();
    }
  }
  return { name, version };
}
