// Local projects in the CLI workflow: the Pipfile's path, file and git entries built with venv's PEP
// 517/660 frontend — metadata for the lock (lockfile's `localPackages`), wheels for the sync.

import { normalizeName } from '@pipgrub/core-resolver';
import type { LocalPackage, LockEntry, Pipfile, PipfilePackage } from '@pipgrub/lockfile';
import {
  defaultCacheDir, isBuildError, listInstalled, localProjectSpec, localWheels, lockedWheels, LocalProjects, splitLocalEntries, WheelCache,
  type WantedPackage,
} from '@pipgrub/venv';
import type { Context } from '../context';
import { CliError } from '../errors';
import type { Session } from './session';

const OPEN = new WeakMap<Session, LocalProjects>();

/** The session's local-project builder (one per session, closed with it). */
export function localProjectsOf(ctx: Context, session: Session): LocalProjects {
  let projects = OPEN.get(session);
  if (!projects) {
    const cacheDir = ctx.settings.cacheDir ?? defaultCacheDir(ctx.env as NodeJS.ProcessEnv);
    const created = new LocalProjects({
      interpreter: session.target.interpreter,
      environment: session.target.environment,
      source: session.source,
      cacheDir,
      cache: new WheelCache(cacheDir),
      signal: ctx.signal,
    });
    projects = created;
    OPEN.set(session, created);
    const close = session.close.bind(session);
    session.close = async () => {
      await created.close().catch(() => undefined);
      await close();
    };
  }
  return projects;
}

function isLocal(p: PipfilePackage): boolean {
  return p.vcs !== undefined || p.path !== undefined || p.file !== undefined;
}

/** With -v, a failed build's whole log (the error line itself stays one line). */
export async function withBuildLog<T>(ctx: Context, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isBuildError(e)) ctx.out.debug(`build log of ${e.project} (${e.hook}):\n${e.log}`);
    throw e;
  }
}

/**
 * Build (or read from the cache) the metadata of every local entry of the chosen Pipfile categories,
 * as lockfile's `localPackages`: the lock then records them as Pipenv does.
 */
export async function prepareLocalPackages(ctx: Context, session: Session, pipfile: Pipfile, categories: readonly string[]): Promise<Map<string, LocalPackage>> {
  const out = new Map<string, LocalPackage>();
  const entries = categories.flatMap((c) => pipfile.categories.get(c) ?? []).filter(isLocal);
  if (!entries.length) return out;
  const projects = localProjectsOf(ctx, session);
  for (const p of entries) {
    if (out.has(p.normalizedName)) continue;
    const spec = localProjectSpec(p.name, { ...p, ...(p.vcs ? { [p.vcs.kind]: p.vcs.url, ref: p.vcs.ref, subdirectory: p.vcs.subdirectory } : {}) }, session.project.root);
    const task = ctx.out.task(`Building metadata of ${p.name}`);
    const prepared = await withBuildLog(ctx, () => projects.prepare(p.name, spec)).finally(() => task.end());
    const m = prepared.metadata;
    if (normalizeName(m.name) !== p.normalizedName) {
      throw new CliError('CLI_LOCAL_NAME_MISMATCH', `${pipfile.path ?? 'Pipfile'}: [${p.category}] ${p.name} builds a project named ${m.name}.`, {
        hint: `Rename the entry to ${JSON.stringify(m.name)} (the key must be the project's name).`,
      });
    }
    const origin: LocalPackage['entry'] = p.vcs
      ? { vcs: { kind: p.vcs.kind, url: p.vcs.url, ref: prepared.commit ?? p.vcs.ref ?? '', ...(p.vcs.subdirectory ? { subdirectory: p.vcs.subdirectory } : {}) } }
      : p.path !== undefined
        ? { path: p.path, ...(prepared.hashes ? { hashes: prepared.hashes } : {}) }
        : { file: p.file!, hashes: prepared.hashes ?? [] };
    if (p.editable) origin.editable = true;
    if (p.extras?.length) origin.extras = p.extras;
    if (p.markers) origin.markers = p.markers;
    out.set(p.normalizedName, {
      version: m.version, requiresDist: m.requiresDist, providesExtra: m.providesExtra, ...(m.requiresPython ? { requiresPython: m.requiresPython } : {}), entry: origin,
    });
    ctx.out.debug(`local project ${p.name}: ${m.name} ${m.version}${prepared.commit ? ` (commit ${prepared.commit})` : ''}`);
  }
  return out;
}

/**
 * What to install for lock entries: index packages as hashed wheels from the source, local entries
 * built (editable ones via PEP 660) or kept when the installed copy is still current.
 */
export async function plannedWheels(
  ctx: Context,
  session: Session,
  entries: ReadonlyMap<string, LockEntry>,
  options: { tags: readonly string[]; markerHolds: (m: string) => boolean },
): Promise<WantedPackage[]> {
  const { index, local } = splitLocalEntries(entries);
  const fromIndex = await lockedWheels(session.source, index, options);
  if (!local.size) return fromIndex;
  const installed = session.target.venv ? await listInstalled(session.target.venv) : [];
  const task = ctx.out.task(`Building ${local.size} local project${local.size === 1 ? '' : 's'}`);
  const built = await withBuildLog(ctx, () =>
    localWheels(localProjectsOf(ctx, session), local, { projectDir: session.project.root, installed, markerHolds: options.markerHolds }),
  ).finally(() => task.end());
  return [...fromIndex, ...built];
}
