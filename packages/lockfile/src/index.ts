// @pipgrub/lockfile: the whole public API.
export { LockfileError, isLockfileError } from './errors';
export type { LockfileErrorCode, LockfileErrorOptions } from './errors';
export { PyFloat, pyJsonCompact, pyJsonIndented, pyJsonString, pyFloatRepr, compareCodePoints } from './python-json';
export type { PyJson } from './python-json';
export {
  parsePipfile, effectiveSources, lockSectionName, pipfileCategoryName, isValidSpecifierSet,
  DEFAULT_SOURCE, RESERVED_SECTIONS, MARKER_KEYS,
} from './pipfile';
export type { Pipfile, PipfilePackage, PipfileSource, VcsSpec, ParseOptions } from './pipfile';
export { pipfileHash, pipfileHashContent } from './pipfile-hash';
export type { PipfileHashOptions } from './pipfile-hash';
export { readLockfile, writeLockfile, detectNewline, lockfileOrigin, PIPFILE_SPEC } from './lockfile';
export type { Lockfile, LockEntry, LockMeta, LockSource, LockfileOrigin, ReadLockfileOptions, WriteLockfileOptions } from './lockfile';
export { isLockUpToDate } from './up-to-date';
export type { UpToDateOptions, UpToDateResult, StaleReason } from './up-to-date';
export { buildLock, lockEntry, lockHashes, lockName } from './build-lock';
export type { BuildLockInput, ResolvedPackage, LockedFile } from './build-lock';
export { PipfileDocument, renderSpec, tomlString, tomlKey } from './pipfile-document';
export type { PackageSpecInput } from './pipfile-document';
export { exportRequirements, requirementLine } from './requirements';
export type { ExportRequirementsOptions } from './requirements';
export { exportPylock, validatePylock, PYLOCK_RULES } from './pylock';
export type { ExportPylockOptions, PylockRule, PylockProblem, PylockValidation } from './pylock';
export { writeFileAtomic } from './atomic-write';
export type { WriteFileAtomicOptions } from './atomic-write';
export { scanToml } from './toml-scanner';
export type { TomlLayout, TomlEntry, TomlHeader } from './toml-scanner';
export { pipfileRequirement, categoryRequirements, lockedEntries } from './entries';
export type { PipfileRequirementOptions } from './entries';
export { expandEnvVars } from './env-vars';
export { lockPipfile, lockPreferences } from './lock-pipfile';
export type { LockPipfileInput, LockPipfileResult } from './lock-pipfile';
export { localPackageRequirement, withLocalPackages } from './local-packages';
export type { LocalPackage } from './local-packages';
