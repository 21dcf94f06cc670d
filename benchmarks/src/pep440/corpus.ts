// Real-world PEP 440 / PEP 508 inputs for the pep440 benchmarks: every version and dependency string of
// resolvelib's PyPI snapshots in ../shared/corpora (loaded at run time, never copied into the repo).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (benchmarks/src/pep440 -> ../../..). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Versions and dependency strings of the real PyPI snapshots, de-duplicated. */
export interface RealWorldCorpus {
  versions: string[];
  requirements: string[];
  /** project -> its version strings (for `contains` against that project's specifiers). */
  byProject: Map<string, string[]>;
  source: string;
}

/** Load every `pypi-*` index of the resolvelib corpus; undefined when the corpus is not present. */
export function loadRealWorldCorpus(): RealWorldCorpus | undefined {
  const dir = path.resolve(repoRoot, '../shared/corpora/resolvelib/python/index');
  if (!existsSync(dir)) return undefined;
  const versions = new Set<string>();
  const requirements = new Set<string>();
  const byProject = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.startsWith('pypi-') && f.endsWith('.json')).sort()) {
    const index = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    for (const [name, releases] of Object.entries(index)) {
      if (typeof releases !== 'object' || releases === null) continue;
      const list = byProject.get(name) ?? [];
      for (const [version, info] of Object.entries(releases as Record<string, { dependencies?: string[] }>)) {
        versions.add(version);
        if (!list.includes(version)) list.push(version);
        if (Array.isArray(info?.dependencies)) for (const d of info.dependencies) if (typeof d === 'string') requirements.add(d);
      }
      byProject.set(name, list);
    }
  }
  return { versions: [...versions], requirements: [...requirements], byProject, source: dir };
}
