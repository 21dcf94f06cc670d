// The resolver case format: one JSON-able object describing an index, a request, a target environment,
// resolver options and (optionally) the expected outcome. Every corpus importer produces this shape.
import type { InMemoryRelease } from '@pipgrub/core-resolver/python';

/** One release of a project in a case's index: exactly what the in-memory source serves. */
export type CaseRelease = Omit<InMemoryRelease, 'metadata'>;

/** The index: project name -> version string -> release. */
export type CaseIndex = Record<string, Record<string, CaseRelease>>;

/** The interpreter and platform a case resolves for. */
export interface CaseEnvironment {
  /** Target Python version (`3.12` or a full `3.13.0`); `3.12` means `3.12.0`. */
  python: string;
  /** Target platform. Default `linux-x86_64` (CPython, manylinux_2_17+ glibc). */
  platform?: 'linux-x86_64' | 'linux-aarch64' | 'macos-arm64' | 'macos-x86_64' | 'windows-x86_64';
}

/** Resolver options a case may set. Names mirror the Python layer's `ResolveOptions`. */
export interface CaseOptions {
  strategy?: 'highest' | 'lowest' | 'lowest-direct';
  /** `allow` = `--pre`; `if-necessary` (default) = a pre-release only when no final release fits. */
  prereleases?: 'allow' | 'if-necessary' | 'disallow';
  /** PEP 508 constraint strings: restrict versions without adding requirements. */
  constraints?: string[];
  /** PEP 508 override strings: replace every requirement on that project. */
  overrides?: string[];
  /** Projects (or `:all:`) whose sdists may not be built. */
  noBuild?: string[];
  /** Projects (or `:all:`) whose wheels may not be used. */
  noBinary?: string[];
  /** `ignore` = only the lower bounds of `Requires-Python` count (uv); `respect` (default) = pip. */
  requiresPythonUpperBound?: 'respect' | 'ignore';
  /** Versions to prefer (an existing lock): name -> version. */
  preferences?: Record<string, string>;
}

/** What a case expects. */
export interface CaseExpectation {
  satisfiable: boolean;
  /** Exact set of installed distributions (name -> version) when satisfiable; compared exactly. */
  packages?: Record<string, string>;
  /** Names that must appear in the failure (resolvelib `conflicted`). */
  conflicted?: string[];
  /** Why the expectation is what it is (from the corpus). */
  explanation?: string;
  /** Where the expectation comes from when it was chosen among several (e.g. uv vs packse). */
  source?: string;
}

/** Why a case is not run: the feature it needs, and a sentence. */
export interface CaseSkip {
  feature: string;
  reason: string;
}

/**
 * One resolver case.
 *
 * @example
 * ```ts
 * const c: ResolverCase = {
 *   suite: 'demo', category: 'simple', name: 'single',
 *   index: { a: { '1.0.0': {}, '2.0.0': { requiresPython: '>=3.13' } } },
 *   root: ['a'],
 *   environment: { python: '3.12' },
 *   expected: { satisfiable: true, packages: { a: '1.0.0' } },
 * };
 * ```
 */
export interface ResolverCase {
  suite: string;
  category: string;
  name: string;
  description?: string;
  /** Corpus file the case came from (relative to the corpora root). */
  origin?: string;
  index: CaseIndex;
  /** The user's requirements (PEP 508 strings). */
  root: string[];
  environment: CaseEnvironment;
  options?: CaseOptions;
  expected?: CaseExpectation;
  /** Set when the runner must not resolve this case. */
  skip?: CaseSkip;
}
