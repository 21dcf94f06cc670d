// ADAPTER (installed dependencies belong in @pipgrub/venv, marker evaluation in core-resolver's
// pep508): the dependency graph of what is installed in a virtualenv, from each distribution's
// METADATA Requires-Dist. Requirements guarded by an `extra` marker are left out; other markers are
// approximated by "the dependency is installed".

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCoreMetadata } from '@pipgrub/pypi-source';
import { listInstalled, type VirtualEnv } from '@pipgrub/venv';

export interface GraphNode {
  key: string;
  name: string;
  version: string;
  dependencies: Array<{ key: string; required: string }>;
}

const REQ = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*\(?([^;)]*)\)?\s*(?:;\s*(.*))?$/;
const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');

/** Installed distributions with their dependencies among the installed ones. */
export async function installedGraph(venv: VirtualEnv): Promise<Map<string, GraphNode>> {
  const dists = await listInstalled(venv);
  const nodes = new Map<string, GraphNode>();
  for (const d of dists) nodes.set(d.key, { key: d.key, name: d.name, version: d.version, dependencies: [] });
  await Promise.all(
    dists.map(async (d) => {
      const text = await readFile(join(d.distInfo, 'METADATA'), 'utf8').catch(() => '');
      const parsed = parseCoreMetadata(text);
      if (!parsed.ok) return;
      const node = nodes.get(d.key)!;
      for (const req of parsed.metadata.requiresDist) {
        const m = REQ.exec(req);
        if (!m) continue;
        const [, name, spec, marker] = m as unknown as [string, string, string, string | undefined];
        if (marker && /\bextra\b/.test(marker)) continue;
        const key = norm(name);
        if (!nodes.has(key) || node.dependencies.some((x) => x.key === key)) continue;
        node.dependencies.push({ key, required: spec.trim() || 'Any' });
      }
      node.dependencies.sort((a, b) => a.key.localeCompare(b.key));
    }),
  );
  return nodes;
}
