// The contract between the Python resolution layer and wherever package data comes from: an in-memory
// source for tests, `@pipgrub/pypi-source` for real indexes and folders. Plain data, no I/O here.

import type { NormalizedName } from '../pep508/name';

/** One distribution file of a release (a wheel or an sdist). */
export interface DistributionFile {
  filename: string;
  /** Absolute URL (http(s):// or file://) where the file can be downloaded. */
  url: string;
  kind: 'wheel' | 'sdist';
  /** Digests by algorithm, e.g. `{ sha256: '…hex…' }`. */
  hashes: Record<string, string>;
  /** `Requires-Python` declared by the index for this file (PEP 503 `data-requires-python`). */
  requiresPython?: string;
  /** PEP 592: `false`, `true`, or the yank reason. */
  yanked?: boolean | string;
  size?: number;
  /**
   * Whether the file can be installed in the target environment (wheel tags), as judged by the source
   * that knows the target's tags. `undefined` means the source does not judge (treated as compatible).
   */
  compatible?: boolean;
  /** Name of the index this file came from (a Pipfile `[[source]]` name), for locks. */
  index?: string;
}

/** One version of a project as the index lists it. */
export interface ReleaseInfo {
  /** The version exactly as the index spells it; the resolver parses it with PEP 440. */
  version: string;
  files: DistributionFile[];
}

/** Everything an index knows about a project, before any metadata is fetched. */
export interface ProjectInfo {
  name: NormalizedName;
  releases: ReleaseInfo[];
}

/** Core metadata of one release: what the resolver needs to expand dependencies. */
export type ReleaseMetadata =
  | {
      kind: 'available';
      name: string;
      version: string;
      /** PEP 508 requirement strings (`Requires-Dist`), unparsed. */
      requiresDist: string[];
      requiresPython?: string;
      providesExtra: string[];
    }
  | {
      /** Metadata can only be had by building an sdist (dynamic PEP 643 metadata). */
      kind: 'needs-build';
      reason: string;
    }
  | { kind: 'unavailable'; reason: string };

/**
 * Where the resolver gets projects and metadata. Methods may return promises; the resolver calls
 * `prefetch` with what it will probably need next, so a network source can fetch concurrently.
 */
export interface PackageSource {
  /** The project's releases, or `undefined` when no index has it. */
  getProject(name: NormalizedName): Promise<ProjectInfo | undefined> | ProjectInfo | undefined;
  /** Core metadata of one release. */
  getMetadata(name: NormalizedName, version: string): Promise<ReleaseMetadata> | ReleaseMetadata;
  /** A hint that these projects (and optionally these versions' metadata) will be needed soon. */
  prefetch?(requests: ReadonlyArray<{ name: NormalizedName; version?: string }>): void;
}

const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const WINDOWS_DRIVE = /^[a-z]:[\\/]/i;

/**
 * Whether a `[[source]]` url names a local folder of distributions (a pipgrub extension: a path,
 * relative to the Pipfile, used like pip's `--find-links`) rather than an index URL.
 * @example isLocalSourceUrl('./wheels') // true
 * @example isLocalSourceUrl('https://pypi.org/simple') // false
 */
export function isLocalSourceUrl(url: string): boolean {
  return !URL_SCHEME.test(url) || WINDOWS_DRIVE.test(url);
}
