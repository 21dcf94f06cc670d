// Public API of PEP 508: requirements, markers and name normalization.
export { normalizeName, isValidName } from './name';
export type { NormalizedName } from './name';
export { Requirement } from './requirement';
export { Marker } from './marker';
export type { MarkerEnvironment, NormalizedMarker } from './marker';
export type { MarkerList, MarkerComparison, MarkerOperand, MarkerOperator, MarkerVariableName } from './marker-ast';
export {
  Pep508Error,
  InvalidRequirement,
  InvalidMarker,
  UndefinedComparison,
  UndefinedEnvironmentName,
  isPep508Error,
} from './errors';
export type { Pep508ErrorCode } from './errors';
