// ADAPTER (should move to @pipgrub/lockfile): the PEP 508 requirement string a Pipfile entry stands
// for, e.g. `requests = {version = ">=2", extras = ["socks"], markers = "python_version >= '3.8'"}`.

import type { Pipfile, PipfilePackage } from '@pipgrub/lockfile';
import { CliError } from '../errors';

/**
 * `name[extras] specifier ; markers` for an index package entry of a Pipfile.
 * @example pipfileRequirement({ name: 'requests', version: '>=2', extras: ['socks'] }) // 'requests[socks]>=2'
 */
export function pipfileRequirement(p: Pick<PipfilePackage, 'name' | 'version' | 'extras' | 'markers' | 'path' | 'file' | 'vcs' | 'line' | 'category'>): string {
  if (p.path !== undefined || p.file !== undefined || p.vcs !== undefined) {
    throw new CliError('CLI_UNSUPPORTED_REQUIREMENT', `Pipfile [${p.category}] ${p.name}: path, file and VCS requirements are not supported by pipgrub yet.`, {
      hint: 'Build a wheel and serve it from an index, or use pipenv for this project.',
    });
  }
  const extras = p.extras?.length ? `[${p.extras.join(',')}]` : '';
  let version = (p.version ?? '*').trim();
  if (version === '*' || version === '') version = '';
  else if (/^[0-9]/.test(version)) version = `==${version}`; // Pipenv treats a bare version as ==
  const markers = p.markers ? ` ; ${p.markers}` : '';
  return `${p.name}${extras}${version}${markers}`;
}

/** The requirement strings of one Pipfile category (`packages`, `dev-packages`, or custom). */
export function categoryRequirements(pipfile: Pipfile, category: string): string[] {
  return (pipfile.categories.get(category) ?? []).map(pipfileRequirement);
}
