// Project name normalization (PEP 503): the one place pipgrub turns a distribution name into the
// form used for comparison, index URLs and lock keys.

/** A PEP 503-normalized project name: lowercase, runs of `-_.` folded to one `-`. */
export type NormalizedName = string & { readonly __brand: 'NormalizedName' };

const SEPARATORS = /[-_.]+/g;

/**
 * Normalize a project name as PEP 503 specifies.
 * @example normalizeName('Foo.Bar_baz') // 'foo-bar-baz'
 */
export function normalizeName(name: string): NormalizedName {
  return name.replace(SEPARATORS, '-').toLowerCase() as NormalizedName;
}

const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

/** Whether `name` is a valid distribution name (PEP 508 / core metadata `Name`). */
export function isValidName(name: string): boolean {
  return VALID_NAME.test(name);
}
