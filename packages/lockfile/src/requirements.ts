// requirements.txt export of a Pipfile.lock: index options from `_meta.sources`, one pinned line per
// package with its marker and `--hash` continuation lines, so `pip install --require-hashes -r` works.

import { isLocalSourceUrl } from '@pipgrub/core-resolver/python';
import { LockfileError } from './errors';
import type { LockEntry, Lockfile } from './lockfile';
import { lockedEntries } from './entries';
import { compareCodePoints } from './python-json';

export interface ExportRequirementsOptions {
  /** Lock sections or Pipfile categories to export, merged in order (default `['default']`). */
  categories?: string[];
  /** Write `--hash` lines (default true). */
  hashes?: boolean;
  /** Write environment markers (default true). */
  markers?: boolean;
  /** Write `-i` / `--extra-index-url` / `--trusted-host` lines from `_meta.sources` (default true). */
  indexes?: boolean;
}

/**
 * requirements.txt text for the chosen categories of a lock.
 * @example
 * exportRequirements(lock, { categories: ['default', 'develop'] })
 * // "-i https://pypi.org/simple\nsix==1.16.0 \\\n    --hash=sha256:…\n"
 */
export function exportRequirements(lock: Lockfile, options: ExportRequirementsOptions = {}): string {
  const categories = options.categories ?? ['default'];
  const withHashes = options.hashes ?? true;
  const withMarkers = options.markers ?? true;
  const lines: string[] = [];
  if (options.indexes ?? true) {
    // A folder-of-wheels source is not an index: pip takes it as --find-links.
    let indexes = 0;
    for (const s of lock.meta.sources) {
      if (isLocalSourceUrl(s.url)) {
        lines.push(`--find-links ${s.url}`);
        continue;
      }
      lines.push(`${indexes++ === 0 ? '-i' : '--extra-index-url'} ${s.url}`);
      if (s.verify_ssl === false) {
        try {
          lines.push(`--trusted-host ${new URL(s.url).host}`);
        } catch {
          // not a URL (e.g. an unexpanded ${VAR}); pip will report it
        }
      }
    }
  }
  const merged = lockedEntries(lock, categories);
  for (const name of [...merged.keys()].sort(compareCodePoints)) {
    lines.push(requirementLine(name, merged.get(name) as LockEntry, withHashes, withMarkers));
  }
  return lines.join('\n') + '\n';
}

/**
 * One requirements.txt line (with continuation lines for hashes) for a lock entry.
 * @example requirementLine('six', { version: '==1.16.0' }) // 'six==1.16.0'
 */
export function requirementLine(name: string, e: LockEntry, withHashes = true, withMarkers = true): string {
  const extras = e.extras?.length ? `[${e.extras.join(',')}]` : '';
  const marker = withMarkers && e.markers ? ` ; ${e.markers}` : '';
  let head: string;
  const vcsKind = (['git', 'hg', 'svn', 'bzr'] as const).find((k) => typeof e[k] === 'string');
  if (vcsKind) {
    const url = `${vcsKind}+${String(e[vcsKind])}${e.ref ? `@${e.ref}` : ''}`;
    const sub = e.subdirectory ? `&subdirectory=${e.subdirectory}` : '';
    // Pipenv's form for both: the egg fragment names the project (extras go on it, as pip reads them).
    head = `${e.editable ? '-e ' : ''}${url}#egg=${name}${extras}${sub}`;
  } else if (e.path !== undefined) {
    const p = /^(\.|\/|[A-Za-z]:)/.test(e.path) ? e.path : `./${e.path}`;
    head = e.editable ? `-e ${p}${extras}` : `${p}${extras}`;
  } else if (e.file !== undefined) {
    // A URL is a PEP 508 direct reference; a local archive is a path pip installs as it is.
    head = /^[a-z][a-z0-9+.-]*:\/\//i.test(e.file) ? `${name}${extras} @ ${e.file}` : `${/^(\.|\/|[A-Za-z]:)/.test(e.file) ? '' : './'}${e.file}${extras}`;
  } else {
    if (!e.version) throw new LockfileError('EXPORT_INVALID', 'entry has no version, path, file or VCS URL', { key: name });
    head = `${name}${extras}${e.version}`;
  }
  if (e.editable) return head; // pip accepts neither markers nor hashes on -e lines
  const hashes = withHashes && e.hashes?.length ? e.hashes.map((h) => `    --hash=${h}`) : [];
  if (!hashes.length) return head + marker;
  return [head + marker, ...hashes].join(' \\\n');
}
