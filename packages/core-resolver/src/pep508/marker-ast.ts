// The marker syntax tree exactly as packaging keeps it (flat `and`/`or` lists with nested groups),
// so printing reproduces `str(packaging.markers.Marker)` and evaluation follows its precedence.

/** A marker variable name after aliasing (`os.name` -> `os_name`). */
export type MarkerVariableName =
  | 'python_version'
  | 'python_full_version'
  | 'os_name'
  | 'sys_platform'
  | 'platform_release'
  | 'platform_system'
  | 'platform_version'
  | 'platform_machine'
  | 'platform_python_implementation'
  | 'implementation_name'
  | 'implementation_version'
  | 'extra'
  | 'extras'
  | 'dependency_groups';

/** One side of a comparison. */
export type MarkerOperand = { readonly kind: 'variable'; readonly name: MarkerVariableName } | { readonly kind: 'value'; readonly value: string };

/** Comparison operators of markers. */
export type MarkerOperator = '===' | '==' | '~=' | '!=' | '<=' | '>=' | '<' | '>' | 'in' | 'not in';

/** `lhs op rhs`. */
export interface MarkerComparison {
  readonly kind: 'compare';
  readonly lhs: MarkerOperand;
  readonly op: MarkerOperator;
  readonly rhs: MarkerOperand;
}

/** A flat list `atom (and|or atom)*`; atoms are comparisons or nested lists (parentheses). */
export type MarkerList = readonly (MarkerComparison | MarkerList | 'and' | 'or')[];

function formatOperand(o: MarkerOperand): string {
  return o.kind === 'variable' ? o.name : `"${o.value}"`;
}

/** Print one comparison as packaging does: `python_version >= "3.8"`. */
export function formatComparison(c: MarkerComparison): string {
  return `${formatOperand(c.lhs)} ${c.op} ${formatOperand(c.rhs)}`;
}

/** packaging's `_format_marker`. */
export function formatMarkerList(m: MarkerList | MarkerComparison, first = true): string {
  if (!Array.isArray(m)) return formatComparison(m as MarkerComparison);
  const list = m as MarkerList;
  if (list.length === 1 && typeof list[0] !== 'string') return formatMarkerList(list[0] as MarkerList | MarkerComparison, true);
  const inner = list.map((x) => (typeof x === 'string' ? x : formatMarkerList(x as MarkerList | MarkerComparison, false)));
  return first ? inner.join(' ') : `(${inner.join(' ')})`;
}
