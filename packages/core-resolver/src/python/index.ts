// Public API of the Python resolution layer.
export type { DistributionFile, ReleaseInfo, ProjectInfo, ReleaseMetadata, PackageSource } from './source';
