// ADAPTER (reading an installed distribution's Requires-Dist belongs in @pipgrub/venv): the
// dependency graph of what is installed in a virtualenv, from each distribution's METADATA
// Requires-Dist, with markers evaluated for the venv's interpreter (extras' requirements left out).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Requirement } from '@pipgrub/core-resolver';
import { parseCoreMetadata } from '@pipgrub/pypi-source';
import { listInstalled, type VirtualEnv } from '@pipgrub/venv';

export interface GraphNode {
  key: string;
  name: string;
  version: string;
  dependencies: Array<{ key: string; required: string }>;
}


/** Installed distributions with their dependencies among the installed ones. */
export async function installedGraph(venv: VirtualEnv): Promise<Map<string, GraphNode>> {
  const dists = await listInstalled(venv);
  const nodes = new Map<string, GraphNode>();
  for (const d of dists) nodes.set(d.key, { key: d.key, name: d.name, version: d.version, dependencies: [] });
  await Promise.all(
    dists.map(async (d) => {
      const text = await readFile(join(d.distInfo, 'METADATA'), 'utf8').catch(() => '');
      const meta = parseCoreMetadata(text);
      if (!meta.ok) return;
      const node = nodes.get(d.key)!;
      for (const req of meta.metadata.requiresDist) {
        let parsed: Requirement;
        try {
          parsed = Requirement.parse(req);
          if (parsed.marker && !parsed.marker.evaluate(venv.interpreter.markers)) continue;
        } catch {
          continue; // a malformed Requires-Dist line in someone's METADATA: leave the edge out
        }
        const key: string = parsed.normalizedName;
        const spec = parsed.specifier.toString();
        if (!nodes.has(key) || node.dependencies.some((x) => x.key === key)) continue;
        node.dependencies.push({ key, required: spec.trim() || 'Any' });
      }
      node.dependencies.sort((a, b) => a.key.localeCompare(b.key));
    }),
  );
  return nodes;
}
