// Snapshots a real PEP 503/691 index into the case format: crawls from root requirements along every
// Requires-Dist (PEP 658 metadata via pypi-source's IndexClient) and keeps only metadata, never files.
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { IndexClient } from '@pipgrub/pypi-source';
import type { CaseIndex, CaseRelease, ResolverCase } from '../cases/format';

/** Options of {@link snapshotIndex}. */
export interface SnapshotOptions {
  /** Simple API root, e.g. `http://127.0.0.1:8080/simple/`. */
  indexUrl: string;
  /** Root requirements (PEP 508), e.g. `['flask', 'requests>=2']`. */
  roots: string[];
  /** Keep only the newest N releases of each project (default: all). */
  maxVersions?: number;
  /** Follow requirements gated by `extra == ...` markers (default true). */
  extras?: boolean;
  /** Stop after this many projects (default 5,000), so a mistake cannot crawl a whole mirror. */
  maxProjects?: number;
  /** Target Python recorded in the case (default `3.12`). */
  python?: string;
  /** Requests in flight (default 16). */
  concurrency?: number;
  /** Called after each project with the number crawled so far. */
  onProject?: (name: string, done: number) => void;
}

/** What the snapshot could not read (kept out of the case, listed for the user). */
export interface SnapshotProblem {
  project: string;
  version?: string;
  reason: string;
}

/** Name of the project a PEP 508 string requires (enough for crawling; the resolver parses fully). */
export function requirementName(text: string): string | undefined {
  const m = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(text);
  return m ? normalizeName(m[1]!) : undefined;
}

function wheelTag(filename: string): string | undefined {
  if (!filename.endsWith('.whl')) return undefined;
  const parts = filename.slice(0, -4).split('-');
  return parts.length >= 5 ? parts.slice(-3).join('-') : undefined;
}

/**
 * Crawl an index from `roots` and return a case (suite `snapshot`) plus anything that could not be read.
 *
 * @example
 * ```ts
 * const { case: c } = await snapshotIndex({ indexUrl: 'http://127.0.0.1:8080/simple/', roots: ['flask'] });
 * writeFileSync('flask.json', JSON.stringify(c));
 * ```
 */
export async function snapshotIndex(o: SnapshotOptions): Promise<{ case: ResolverCase; problems: SnapshotProblem[] }> {
  const client = new IndexClient({ indexes: [{ name: 'snapshot', url: o.indexUrl }], cacheDir: false, concurrency: o.concurrency ?? 16, netrc: false });
  const index: CaseIndex = {};
  const problems: SnapshotProblem[] = [];
  const seen = new Set<string>();
  const maxProjects = o.maxProjects ?? 5000;
  let frontier = [...new Set(o.roots.map(requirementName).filter((n): n is string => !!n))];
  try {
    while (frontier.length > 0) {
      const next = new Set<string>();
      await Promise.all(
        frontier.map(async (name) => {
          if (seen.has(name) || seen.size >= maxProjects) return;
          seen.add(name);
          const info = await client.getProject(normalizeName(name)).catch((e: unknown) => {
            problems.push({ project: name, reason: (e as Error).message });
            return undefined;
          });
          if (!info) {
            problems.push({ project: name, reason: 'not on the index' });
            return;
          }
          const releases = o.maxVersions ? info.releases.slice(-o.maxVersions) : info.releases;
          const out: Record<string, CaseRelease> = {};
          await Promise.all(
            releases.map(async (rel) => {
              const meta = await client.getMetadata(info.name, rel.version).catch((e: unknown) => ({ kind: 'unavailable' as const, reason: (e as Error).message }));
              if (meta.kind !== 'available') {
                problems.push({ project: name, version: rel.version, reason: meta.reason });
                return;
              }
              const r: CaseRelease = {};
              if (meta.requiresDist.length) r.requiresDist = meta.requiresDist;
              if (meta.requiresPython) r.requiresPython = meta.requiresPython;
              if (meta.providesExtra.length) r.providesExtra = meta.providesExtra;
              const wheels = rel.files.map((f) => wheelTag(f.filename)).filter((t): t is string => !!t);
              if (wheels.length !== 1 || wheels[0] !== 'py3-none-any') r.wheels = [...new Set(wheels)].sort();
              if (rel.files.some((f) => f.kind === 'sdist')) r.sdist = true;
              if (rel.files.length > 0 && rel.files.every((f) => f.yanked)) {
                const reason = rel.files.find((f) => typeof f.yanked === 'string')?.yanked;
                r.yanked = typeof reason === 'string' && reason ? reason : true;
              }
              out[rel.version] = r;
              for (const req of meta.requiresDist) {
                if (o.extras === false && /extra\s*==/.test(req)) continue;
                const dep = requirementName(req);
                if (dep && !seen.has(dep)) next.add(dep);
              }
            }),
          );
          // Keep the index's release order (oldest first), whatever order the metadata arrived in.
          index[info.name] = Object.fromEntries(releases.filter((r) => out[r.version]).map((r) => [r.version, out[r.version]!]));
          o.onProject?.(name, seen.size);
        }),
      );
      frontier = [...next];
    }
  } finally {
    await client.close();
  }
  const sorted: CaseIndex = Object.fromEntries(Object.keys(index).sort().map((k) => [k, index[k]!]));
  const host = (() => {
    try {
      return new URL(o.indexUrl).host;
    } catch {
      return 'index';
    }
  })();
  return {
    case: {
      suite: 'snapshot',
      category: host,
      name: o.roots.join(','),
      description: `metadata snapshot of ${Object.keys(sorted).length} projects reachable from ${o.roots.join(', ')} taken ${new Date().toISOString().slice(0, 10)}`,
      origin: o.indexUrl.replace(/\/\/[^/@]*@/, '//'),
      index: sorted,
      root: o.roots,
      environment: { python: o.python ?? '3.12' },
    },
    problems,
  };
}
