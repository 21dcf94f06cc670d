// Choosing which of a release's wheels to install: the one whose best tag ranks highest in the
// interpreter's supported-tag list (as pip and uv do), ignoring sdists and incompatible wheels.
import { parseWheelName } from './wheel-name';

/**
 * Index of the best wheel among `filenames` for `supportedTags` (best first), or -1 if none fits.
 * @example bestWheel(['x-1-cp312-cp312-manylinux_2_17_x86_64.whl', 'x-1-py3-none-any.whl'], await supportedTags(py))
 */
export function bestWheel(filenames: readonly string[], supportedTags: readonly string[]): number {
  const rank = new Map<string, number>();
  supportedTags.forEach((t, i) => {
    if (!rank.has(t)) rank.set(t, i);
  });
  let best = -1;
  let bestRank = Infinity;
  filenames.forEach((f, i) => {
    if (!f.endsWith('.whl')) return;
    let tags: string[];
    try {
      tags = parseWheelName(f).tags;
    } catch {
      return;
    }
    for (const t of tags) {
      const r = rank.get(t);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
  });
  return best;
}
