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

export { HttpTransport } from './http/transport';
export type { TransportOptions, HttpResponse, TransportStats } from './http/transport';
export { openHttpRangeReader } from './http/range-reader';
export type { HttpRangeReader } from './http/range-reader';
export { CredentialStore, parseNetrc, loadNetrc, expandEnv } from './http/credentials';
export type { Credential } from './http/credentials';
export { redactUrl, stripCredentials, redactText } from './http/redact';

export { parseCoreMetadata, isStaticSdistMetadata } from './metadata/core-metadata';
export type { CoreMetadata, CoreMetadataResult } from './metadata/core-metadata';
export { readWheelMetadata } from './metadata/wheel-metadata';

export { parseHtmlPage } from './index/html';
export { parseJsonPage } from './index/json';
export { unescapeHtml } from './index/entities';
export type { IndexFile, ProjectPage } from './index/page';
export { parseDistFilename, canonicalVersion } from './filename';
export type { DistFilename } from './filename';

export { compatibleTags, platformTags, TagSet } from './tags/tags';
export { markerEnvironment, pythonMajorMinor, wheelTargetFromMarkers } from './tags/target';
export type { WheelTarget, TargetPlatform, WheelTargetHints } from './tags/target';

export { IndexClient, createPackageSource, SIMPLE_ACCEPT } from './client/index-client';
export type { IndexClientOptions, MetadataStats, DownloadedFile } from './client/index-client';
export { sourcesFromPipfile, resolveSources, indexOptionsFromSources, PYPI } from './client/sources';
export type { IndexSource, ResolvedSource, IndexOptionsContext, ProjectIndexOptions } from './client/sources';
export { verifyHashes } from './client/fetcher';
export type { PageFreshness } from './client/fetcher';
export { DiskCache, writeAtomic, parseCacheControl } from './cache/disk-cache';
export type { CachedResponse } from './cache/disk-cache';
export { defaultCacheDir } from './cache/cache-dir';
export { readSdistPkgInfo, findPkgInfoInTar } from './metadata/sdist-metadata';
export type { SdistPkgInfo } from './metadata/sdist-metadata';
