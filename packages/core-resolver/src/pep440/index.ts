// Public API of PEP 440: versions, specifiers and version ranges.
export { Version, compareVersions } from './version';
export type { VersionParts, PreKind, LocalSegment } from './version';
export { Specifier } from './specifier';
export type { SpecifierOperator, PrereleaseOptions, FilterOptions } from './specifier';
export { SpecifierSet } from './specifier-set';
export type { SpecifierSetParseOptions, ContainsOptions } from './specifier-set';
export { VersionRange, versionRangeKind, MIN_VERSION } from './version-range';
export type { Interval } from './version-range';
export {
  Pep440Error,
  InvalidVersion,
  InvalidSpecifier,
  isPep440Error,
  isInvalidVersion,
  isInvalidSpecifier,
} from './errors';
export type { Pep440ErrorCode } from './errors';
