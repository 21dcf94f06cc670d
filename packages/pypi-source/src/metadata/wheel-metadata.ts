// METADATA of a wheel without downloading it: open the zip by HTTP Range (tail, then one entry) or from
// bytes/file already at hand, and find `<name>-<version>.dist-info/METADATA`.
import { ZipArchive } from '../zip/archive';
import type { RandomAccessReader } from '../zip/reader';
import { ZipError } from '../errors';

const METADATA_LIMIT = 16 * 1024 * 1024;

/**
 * The text of the wheel's `.dist-info/METADATA`. When several top-level `.dist-info` folders exist,
 * the one whose name matches `distName` (escaped wheel name) wins.
 * @example const text = await readWheelMetadata(await fileReader('six-1.16.0-py2.py3-none-any.whl'), 'six');
 */
export async function readWheelMetadata(reader: RandomAccessReader, distName?: string, tailSize?: number): Promise<string> {
  const archive = await ZipArchive.open(reader, tailSize === undefined ? {} : { tailSize });
  const candidates = archive.entries.filter((e) => /^[^/]+\.dist-info\/METADATA$/.test(e.name));
  if (candidates.length === 0) throw new ZipError('ZIP_ENTRY_NOT_FOUND', 'wheel has no .dist-info/METADATA');
  const want = distName?.toLowerCase().replace(/[-_.]+/g, '_');
  const entry =
    (want !== undefined && candidates.find((e) => e.name.toLowerCase().replace(/[-_.]+/g, '_').startsWith(`${want}_`))) ||
    candidates[0]!;
  return new TextDecoder().decode(await archive.readEntry(entry, { maxSize: METADATA_LIMIT }));
}
