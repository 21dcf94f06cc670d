// Bridges from the files to the resolver and installer: a Pipfile entry as a PEP 508 requirement
// string, and the entries of chosen lock categories merged the way `pipenv sync` merges them.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LockEntry, Lockfile } from './lockfile';
import { LockfileError } from './errors';
import type { Pipfile, PipfilePackage } from './pipfile';
import { lockSectionName } from './pipfile';

export interface PipfileRequirementOptions {
  /** Directory the Pipfile is in; `path` entries become `file://` URLs relative to it (default: cwd). */
  projectDir?: string;
  /**
   * What to do with `path`, `file` and VCS entries: `url` (default) writes them as PEP 508 direct
   * references; `refuse` throws a LockfileError (`UNSUPPORTED_VALUE`) with a hint, for consumers
   * that can only resolve index packages.
   */
  directReferences?: 'url' | 'refuse';
  /** The Pipfile's name for error messages (`categoryRequirements` passes `pipfile.path`). */
  file?: string;
}

/**
 * A Pipfile entry as a PEP 508 requirement string (what the resolver gets as a root requirement).
 * @example
 * pipfileRequirement(parsePipfile('[packages]\nrequests = {version = ">=2", extras = ["socks"], markers = "os_name != \'nt\'"}\n').categories.get('packages')![0]!)
 * // "requests[socks]>=2 ; os_name != 'nt'"
 */
export function pipfileRequirement(pkg: PipfilePackage, options: PipfileRequirementOptions = {}): string {
  const extras = pkg.extras?.length ? `[${pkg.extras.join(',')}]` : '';
  const marker = pkg.markers ? ` ; ${pkg.markers}` : '';
  if (options.directReferences === 'refuse' && (pkg.vcs || pkg.file !== undefined || pkg.path !== undefined)) {
    const form = pkg.vcs ? `${pkg.vcs.kind} (VCS)` : pkg.file !== undefined ? 'file' : 'path';
    throw new LockfileError('UNSUPPORTED_VALUE', `${form} requirements are not supported here, only index packages`, {
      file: options.file, line: pkg.line, key: `${pkg.category}.${pkg.name}`,
      hint: 'build a wheel and serve it from an index (a [[source]]), or use pipenv for this project',
    });
  }
  if (pkg.vcs) {
    const { kind, url, ref, subdirectory } = pkg.vcs;
    return `${pkg.name}${extras} @ ${kind}+${url}${ref ? `@${ref}` : ''}${subdirectory ? `#subdirectory=${subdirectory}` : ''}${marker}`;
  }
  if (pkg.file !== undefined) {
    const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(pkg.file) ? pkg.file : pathToFileURL(path.resolve(options.projectDir ?? '.', pkg.file)).href;
    return `${pkg.name}${extras} @ ${url}${marker}`;
  }
  if (pkg.path !== undefined) {
    return `${pkg.name}${extras} @ ${pathToFileURL(path.resolve(options.projectDir ?? '.', pkg.path)).href}${marker}`;
  }
  const v = (pkg.version ?? '*').trim();
  const spec = v === '*' || v === '' ? '' : /^[0-9]/.test(v) ? `==${v}` : v.replace(/\s+/g, '');
  return `${pkg.name}${extras}${spec}${marker}`;
}

/**
 * The requirement strings of one Pipfile category (`packages`, `dev-packages` or a custom one), in
 * file order; an unknown category has none.
 * @example categoryRequirements(parsePipfile('[packages]\nsix = "1.16.0"\n'), 'packages') // ['six==1.16.0']
 */
export function categoryRequirements(pipfile: Pipfile, category: string, options: PipfileRequirementOptions = {}): string[] {
  const opts = { ...options, file: options.file ?? pipfile.path };
  return (pipfile.categories.get(category) ?? []).map((p) => pipfileRequirement(p, opts));
}

/**
 * The lock entries of the chosen categories (lock sections or Pipfile category names), merged in
 * order with later categories winning, as `pipenv sync --categories` / `pipenv requirements` do.
 * @example lockedEntries(lock, ['default', 'develop']).get('six')?.version // '==1.16.0'
 */
export function lockedEntries(lock: Lockfile, categories: readonly string[] = ['default']): Map<string, LockEntry> {
  const merged = new Map<string, LockEntry>();
  for (const c of categories) {
    const section = lock.sections[lockSectionName(c)];
    if (!section) {
      throw new LockfileError('LOCK_MISSING_KEY', `the lock has no section ${JSON.stringify(lockSectionName(c))}`, {
        key: lockSectionName(c), hint: `sections: ${Object.keys(lock.sections).join(', ')}; run \`pipgrub lock\``,
      });
    }
    for (const [name, entry] of Object.entries(section)) merged.set(name, entry);
  }
  return merged;
}
