// The dependency graph of what is installed: each distribution's METADATA `Requires-Dist`, markers
// evaluated for the environment's interpreter (extras' requirements left out), edges among installed dists.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VirtualEnv } from '../create/layout';
import { listInstalled, type InstalledDistribution } from './distributions';

/** One installed distribution and the installed distributions it requires. */
export interface InstalledNode {
  key: string;
  name: string;
  version: string;
  /** Required installed distributions, with the specifier as written (`Any` when none). */
  dependencies: Array<{ key: string; required: string }>;
}

/**
 * The raw `Requires-Dist` lines of an installed distribution's METADATA (continuation lines joined).
 * @example await readRequiresDist(dist) // ['idna>=2.5', 'pysocks; extra == "socks"']
 */
export async function readRequiresDist(dist: InstalledDistribution): Promise<string[]> {
  const text = await readFile(path.join(dist.distInfo, 'METADATA'), 'utf8').catch(() => '');
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '') break; // the body starts
    const m = /^Requires-Dist:\s*(.*)$/i.exec(line);
    if (m) out.push(m[1]!.trim());
    else if (/^\s/.test(line) && out.length) out[out.length - 1] += ` ${line.trim()}`;
  }
  return out;
}

/**
 * Installed distributions keyed by normalized name, each with its edges to other installed ones.
 * @example for (const n of (await installedGraph(env)).values()) console.log(n.name, n.dependencies);
 */
export async function installedGraph(env: VirtualEnv): Promise<Map<string, InstalledNode>> {
  // Loaded on use: listing or installing never pays for the PEP 508 parser.
  const { Requirement } = await import('@pipgrub/core-resolver/pep508');
  const dists = await listInstalled(env);
  const nodes = new Map<string, InstalledNode>(dists.map((d) => [d.key, { key: d.key, name: d.name, version: d.version, dependencies: [] }]));
  const markers = { ...env.interpreter.markers, extra: '' };
  await Promise.all(
    dists.map(async (d) => {
      const node = nodes.get(d.key)!;
      for (const line of await readRequiresDist(d)) {
        let key: string;
        let required: string;
        try {
          const req = Requirement.parse(line);
          if (req.marker && !req.marker.evaluate(markers)) continue;
          key = req.normalizedName;
          required = req.specifier.toString().trim() || 'Any';
        } catch {
          continue; // a malformed line in someone's METADATA: leave the edge out
        }
        if (!nodes.has(key) || node.dependencies.some((x) => x.key === key)) continue;
        node.dependencies.push({ key, required });
      }
      node.dependencies.sort((a, b) => a.key.localeCompare(b.key));
    }),
  );
  return nodes;
}
