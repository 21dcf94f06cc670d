// Public API of the generic PubGrub solver: the entry point, the provider and version-set contracts,
// terms, the derivation tree of a failure and its reporters.
export type { VersionSet, VersionSetKind } from './version-set';
export type { DependencyProvider, Dependencies, MaybePromise, PackageConflicts } from './provider';
export { NO_CONFLICTS } from './provider';
export type { Term, TermRelation } from './term';
export type { DerivationTree, DerivedNode, ExternalNode } from './derivation-tree';
export type { SolveResult, SolveStats, SolveOptions } from './result';
export { SolverError, isSolverError } from './errors';
export type { SolverErrorCode } from './errors';
export { solve, solveSync } from './solver';
export { OfflineDependencyProvider } from './offline-provider';
export { DefaultStringReporter, DefaultReportFormatter, collectHints } from './report';
export type { ReportFormatter } from './report';
export { collapseNoVersions } from './collapse';
export { treeToJSON } from './tree-json';
export type { DerivationTreeJSON, DerivationNodeJSON, TermJSON } from './tree-json';
