// ADAPTER (PEP 508 parsing belongs to @pipgrub/core-resolver/pep508; this only splits what
// `pipgrub install ARG` needs for the Pipfile entry): `name[extras]spec ; marker` -> Pipfile spec.

import type { PackageSpecInput } from '@pipgrub/lockfile';
import { CliError } from '../errors';

export interface PackageArg {
  name: string;
  spec: PackageSpecInput;
}

const ARG = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*(\(?[=<>!~][^;]*?\)?)?\s*(?:;\s*(.+))?$/;

/**
 * Parse a command-line package argument the way `pipenv install` writes it into the Pipfile.
 * @example parsePackageArg('requests[socks]>=2.31') // { name: 'requests', spec: { version: '>=2.31', extras: ['socks'] } }
 */
export function parsePackageArg(arg: string): PackageArg {
  const m = ARG.exec(arg);
  if (!m) {
    throw new CliError('CLI_BAD_REQUIREMENT', `'${arg}' is not a package requirement.`, {
      hint: 'Use a name with an optional version, e.g. `requests` or "requests>=2.31,<3".',
    });
  }
  const [, name, extrasText, versionText, marker] = m as unknown as [string, string, string | undefined, string | undefined, string | undefined];
  const version = versionText ? versionText.replace(/^\(|\)$/g, '').replace(/\s+/g, '') : '*';
  const extras = extrasText ? extrasText.split(',').map((e) => e.trim()).filter(Boolean) : [];
  if (!extras.length && !marker) return { name, spec: version };
  return { name, spec: { version, ...(extras.length ? { extras } : {}), ...(marker ? { markers: marker.trim() } : {}) } };
}

/** Requirement lines of a requirements.txt (`-r`), skipping comments and pip options. */
export function requirementsFileLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line || line.startsWith('-')) continue;
    out.push(line.replace(/\s+--hash[=\s]\S+/g, '').trim());
  }
  return out;
}
