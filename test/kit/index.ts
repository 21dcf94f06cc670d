// The test index kit: real wheels, sdists and PEP 503/691/658 indexes built from a plain description,
// served on 127.0.0.1 with switches for Range, latency, failures and auth. Shared by all tests and benchmarks.
export type { TestKitErrorCode } from './errors';
export { TestKitError, isTestKitError } from './errors';
export type { IndexDescription, ReleaseDescription } from './description';
export {
  normalizeProjectName, escapedDistName, moduleName, distInfoDir, wheelDataDir, wheelFilename, sdistFilename,
} from './description';
export type { ArchiveEntry } from './archive';
export { crc32, writeZip, writeTar, gzipDeterministic } from './archive';
export { deflateRaw } from './deflate';
export { coreMetadata } from './metadata';
export type { BuiltArtifact } from './artifacts';
export { buildWheel, buildSdist, sha256Hex } from './artifacts';
export type { IndexOptions, WrittenArtifact, WrittenIndex } from './write-index';
export { writeIndex } from './write-index';
export type { FailureMode, FailureRule, RequestInfo, ServeOptions, LoggedRequest, IndexServer } from './serve-index';
export { serveIndex, negotiate, JSON_TYPE, HTML_TYPE } from './serve-index';
export type { StartIndexOptions, StartedIndex } from './start-index';
export { startIndex } from './start-index';
export { SAMPLE_INDEX } from './sample-index';
