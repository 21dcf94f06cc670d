// @pipgrub/pypi-source: the whole public API.

export {
  PypiSourceError,
  isPypiSourceError,
  IndexUnreachable,
  PackageNotFound,
  HashMismatch,
  InvalidMetadata,
  ZipError,
  OfflineMissing,
} from './errors';
export type { PypiSourceErrorCode } from './errors';

export { ZipArchive, DEFAULT_TAIL_SIZE } from './zip/archive';
export type { ZipEntry, ZipOpenOptions, ZipReadOptions } from './zip/archive';
export { bytesReader, fileReader, WindowedReader } from './zip/reader';
export type { RandomAccessReader } from './zip/reader';
