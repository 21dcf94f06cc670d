// Public API of PEP 508: requirements, markers and name normalization.
export { normalizeName, isValidName } from './name';
export type { NormalizedName } from './name';
