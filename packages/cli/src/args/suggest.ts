// "Did you mean ...?" for mistyped commands and flags: Damerau-Levenshtein distance (adjacent swaps
// count as one edit, the commonest typo) plus unambiguous-prefix matches.

/**
 * Edit distance between two strings, counting insertions, deletions, substitutions and swaps of two
 * adjacent characters as one edit each (optimal string alignment).
 * @example editDistance('instal', 'install') // 1
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < rows; i++) d[i]![0] = i;
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidates closest to `input`, best first: those within an edit budget that grows with the
 * word's length (1 edit up to 4 characters, 2 up to 8, then 3), or of which `input` is a prefix.
 * @example suggest('lokc', ['lock', 'clean']) // ['lock']
 */
export function suggest(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  const budget = needle.length <= 4 ? 1 : needle.length <= 8 ? 2 : 3;
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(candidates)) {
    const distance = editDistance(needle, name.toLowerCase());
    if (distance <= budget) scored.push({ name, score: distance });
    else if (needle.length >= 2 && name.toLowerCase().startsWith(needle)) scored.push({ name, score: budget + 0.5 });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/**
 * A sentence for an error message, or `''` when nothing is close.
 * @example didYouMean('--devv', ['--dev', '--deploy']) // ' Did you mean --dev?'
 */
export function didYouMean(input: string, candidates: readonly string[]): string {
  const found = suggest(input, candidates);
  if (found.length === 0) return '';
  if (found.length === 1) return ` Did you mean ${found[0]}?`;
  return ` Did you mean one of: ${found.join(', ')}?`;
}
