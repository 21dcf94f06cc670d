// A synthetic index for fetch benchmarks: N projects x V versions where p000 reaches every project in
// a few levels (each project depends on a handful of later ones), plus a resolver-like metadata walk.
import type { IndexDescription } from '@pipgrub/test-kit';
import type { NormalizedName } from '@pipgrub/core-resolver/pep508';
import type { IndexClient } from '@pipgrub/pypi-source';

/** Project name of index `i` (`p000`, `p001`, ...). */
export const projectName = (i: number): string => `p${String(i).padStart(3, '0')}`;

/**
 * `projects` projects with `versions` versions each; project i depends on projects fanout*i+1 ..
 * fanout*i+fanout (a tree of depth log_fanout(projects)), so a walk from p000 needs all of them.
 * @example const desc = benchGraph(100, 10);
 */
export function benchGraph(projects: number, versions: number, fanout = 4): IndexDescription {
  const desc: IndexDescription = {};
  for (let i = 0; i < projects; i++) {
    const deps: string[] = [];
    for (let k = 1; k <= fanout; k++) if (fanout * i + k < projects) deps.push(`${projectName(fanout * i + k)}>=1.0`);
    const rel: IndexDescription[string] = {};
    for (let v = 0; v < versions; v++) rel[`1.${v}`] = { requiresDist: deps };
    desc[projectName(i)] = rel;
  }
  return desc;
}

/** Leading distribution name of a PEP 508 string (enough for the synthetic graph). */
function reqName(req: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(req.trim())![0].toLowerCase();
}

/**
 * Walk the graph the way a resolver asks: for every reachable project, its page, then the metadata of
 * its highest version; every newly seen dependency is prefetched at once (as the resolver does after
 * propagation). Returns the number of projects visited.
 */
export async function walkMetadata(client: IndexClient, root: string): Promise<number> {
  const seen = new Set<string>([root]);
  const visit = async (name: string): Promise<void> => {
    const project = await client.getProject(name as NormalizedName);
    if (!project) throw new Error(`missing project ${name}`);
    const top = project.releases[project.releases.length - 1]!;
    const meta = await client.getMetadata(name as NormalizedName, top.version);
    if (meta.kind !== 'available') throw new Error(`no metadata for ${name}`);
    const fresh = meta.requiresDist.map(reqName).filter((d) => !seen.has(d));
    for (const d of fresh) seen.add(d);
    client.prefetch(fresh.map((d) => ({ name: d as NormalizedName })));
    await Promise.all(fresh.map(visit));
  };
  await visit(root);
  return seen.size;
}

/** Same walk, one request at a time, with no prefetch: the baseline where latency multiplies. */
export async function walkMetadataSequential(client: IndexClient, root: string): Promise<number> {
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length > 0) {
    const name = queue.shift()!;
    const project = await client.getProject(name as NormalizedName);
    const top = project!.releases[project!.releases.length - 1]!;
    const meta = await client.getMetadata(name as NormalizedName, top.version);
    if (meta.kind !== 'available') throw new Error(`no metadata for ${name}`);
    for (const d of meta.requiresDist.map(reqName)) {
      if (!seen.has(d)) {
        seen.add(d);
        queue.push(d);
      }
    }
  }
  return seen.size;
}
