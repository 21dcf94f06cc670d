// Public API of the Python resolution layer: the high-level `resolve`, its provider and candidate
// selector, the target environment, the package-source contract and an in-memory source.
export type { DistributionFile, ReleaseInfo, ProjectInfo, ReleaseMetadata, PackageSource } from './source';
export { isLocalSourceUrl } from './source';
export { resolve } from './resolve';
export type { ResolveOptions, ResolveRequest, ResolveResult, ResolvedPackage, ResolveStats } from './resolve';
export { PythonDependencyProvider, ROOT_VERSION } from './provider';
export type { ProviderOptions } from './provider';
export { CandidateSelector } from './candidate-selector';
export type { Candidate, Unusable, ResolutionStrategy, PrereleasePolicy, SelectorOptions } from './candidate-selector';
export { targetEnvironment, fullPythonVersion } from './environment';
export type { TargetEnvironment, TargetEnvironmentInput } from './environment';
export { InMemorySource } from './in-memory-source';
export type { InMemoryIndex, InMemoryRelease, InMemorySourceOptions } from './in-memory-source';
export { ROOT_PACKAGE, packageId, parsePackage, projectOf, normalizeExtra } from './package';
export type { PythonPackage, ParsedPackage } from './package';
export { parseRequirement, parseVersion, specifierRange } from './requirement';
export type { PyRequirement } from './requirement';
export { pythonReport } from './report';
export { ResolveError, isResolveError } from './errors';
export type { ResolveErrorCode } from './errors';
