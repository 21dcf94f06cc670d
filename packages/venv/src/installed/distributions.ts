// What is installed in an environment: `*.dist-info` directories in purelib and platlib, their
// METADATA name/version, INSTALLER, PEP 610 direct URL and RECORD-listed files (PEP 376).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import type { VirtualEnv } from '../create/layout';
import { parseRecord } from '../wheel/record';
import { metadataNameVersion } from '../wheel/wheel-name';

/** One installed distribution. */
export interface InstalledDistribution {
  /** Name as written in METADATA. */
  name: string;
  /** PEP 503-normalized name. */
  key: string;
  version: string;
  /** Absolute `.dist-info` path. */
  distInfo: string;
  /** The directory RECORD paths are relative to (the dist-info's parent). */
  location: string;
  /** Content of INSTALLER (`pip`, `pipgrub`, ...), or null. */
  installer: string | null;
  /** Parsed `direct_url.json` (PEP 610), or null. */
  directUrl: { url: string; archive_info?: { hash?: string; hashes?: Record<string, string> } } | null;
}

/**
 * Scan the environment's site-packages directories for installed distributions.
 * @example for (const d of await listInstalled(env)) console.log(d.name, d.version, d.installer);
 */
export async function listInstalled(env: VirtualEnv): Promise<InstalledDistribution[]> {
  const dirs = [...new Set([env.scheme.purelib, env.scheme.platlib])];
  const out: InstalledDistribution[] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const n of names.filter((x) => x.endsWith('.dist-info')).sort()) {
      const distInfo = path.join(dir, n);
      const meta = await readFile(path.join(distInfo, 'METADATA'), 'utf8').catch(() => null);
      if (meta === null) continue;
      const { name, version } = metadataNameVersion(meta);
      const key = normalizeName(name);
      if (!name || seen.has(key)) continue;
      seen.add(key);
      const installer = await readFile(path.join(distInfo, 'INSTALLER'), 'utf8').then((t) => t.trim(), () => null);
      const directUrl = await readFile(path.join(distInfo, 'direct_url.json'), 'utf8').then((t) => JSON.parse(t) as InstalledDistribution['directUrl'], () => null);
      out.push({ name, key, version, distInfo, location: dir, installer, directUrl });
    }
  }
  return out;
}

/**
 * Absolute paths RECORD lists for an installed distribution, plus the `__pycache__` files of its
 * modules (any interpreter tag), which belong to it even when RECORD does not list them.
 * @example const files = await readRecordPaths(dist);
 */
export async function readRecordPaths(dist: InstalledDistribution): Promise<string[]> {
  const text = await readFile(path.join(dist.distInfo, 'RECORD'), 'utf8');
  const out = new Set<string>();
  const pyDirs = new Map<string, Set<string>>();
  for (const row of parseRecord(text)) {
    const abs = path.resolve(dist.location, ...row.path.split('/'));
    out.add(abs);
    if (abs.endsWith('.py')) {
      const dir = path.dirname(abs);
      if (!pyDirs.has(dir)) pyDirs.set(dir, new Set());
      pyDirs.get(dir)!.add(path.basename(abs, '.py'));
    }
  }
  for (const [dir, stems] of pyDirs) {
    const cache = path.join(dir, '__pycache__');
    for (const f of await readdir(cache).catch(() => [] as string[])) {
      const stem = f.split('.')[0]!;
      if (f.endsWith('.pyc') && stems.has(stem)) out.add(path.join(cache, f));
    }
    for (const stem of stems) {
      // Python 2 style .pyc next to the source
      out.add(path.join(dir, `${stem}.pyc`));
    }
  }
  out.add(path.join(dist.distInfo, 'RECORD'));
  return [...out];
}
