// Project-name normalization (PEP 503), kept local so installing never loads the resolver.
// Same rule as @pipgrub/core-resolver's `normalizeName`.

/** Lowercase, runs of `-_.` folded to one `-`. */
export function normalizeName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}
