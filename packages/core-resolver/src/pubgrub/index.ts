// Public API of the generic PubGrub solver.
export type { VersionSet, VersionSetKind } from './version-set';
