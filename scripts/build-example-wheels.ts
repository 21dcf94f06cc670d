// Builds the sample index (real-world names and dependency shapes, see test/kit/sample-index.ts) into a
// folder that works both as a pip --find-links directory and, via <dir>/simple/, as a file:// index.
//   usage: tsx scripts/build-example-wheels.ts [outDir]   (default examples/sample/wheels)
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SAMPLE_INDEX, writeIndex, type IndexDescription, type WrittenIndex } from '../test/kit/index';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

/** Removes what an earlier run wrote (artifacts, .metadata files, simple/), leaving anything else alone. */
function clearPrevious(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (/\.(whl|tar\.gz|metadata)$/.test(name)) rmSync(join(dir, name), { force: true });
  }
  rmSync(join(dir, 'simple'), { recursive: true, force: true });
}

/**
 * Writes every artifact of `description` (default: the sample index) flat into `dir`, plus `dir/simple/`.
 *
 * @example
 * ```ts
 * const index = buildExampleWheels('/tmp/wheels');
 * // pip install --find-links /tmp/wheels flask   or   --index-url file:///tmp/wheels/simple/
 * ```
 */
export function buildExampleWheels(dir: string, description: IndexDescription = SAMPLE_INDEX): WrittenIndex {
  clearPrevious(dir);
  return writeIndex(dir, description, { filesDir: '.' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = resolve(process.argv[2] ?? join(repoRoot, 'examples/sample/wheels'));
  const index = buildExampleWheels(out);
  const bytes = index.files.reduce((n, f) => n + f.size, 0);
  const wheels = index.files.filter((f) => f.kind === 'wheel').length;
  console.log(`wrote ${index.projects.length} projects, ${wheels} wheels, ${index.files.length - wheels} sdists (${(bytes / 1024).toFixed(1)} KiB) to ${out}`);
  console.log(`  find-links: ${out}`);
  console.log(`  index-url:  ${pathToFileURL(join(out, 'simple')).href}/`);
}
