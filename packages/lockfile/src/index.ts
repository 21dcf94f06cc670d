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
export { readLockfile, writeLockfile, lockfileOrigin, PIPFILE_SPEC } from './lockfile';
export type { Lockfile, LockEntry, LockMeta, LockSource, LockfileOrigin, ReadLockfileOptions } from './lockfile';
