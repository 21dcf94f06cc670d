// `pipgrub install ARG` -> the Pipfile entry `pipenv install` writes: the argument is parsed as a
// PEP 508 requirement (core-resolver) and split into the Pipfile's version / extras / markers keys.

import { Requirement } from '@pipgrub/core-resolver';
import type { PackageSpecInput } from '@pipgrub/lockfile';
import { CliError } from '../errors';

export interface PackageArg {
  name: string;
  spec: PackageSpecInput;
}

/**
 * Parse a command-line package argument the way `pipenv install` writes it into the Pipfile.
 * @example parsePackageArg('requests[socks]>=2.31') // { name: 'requests', spec: { version: '>=2.31', extras: ['socks'] } }
 */
export function parsePackageArg(arg: string): PackageArg {
  let req: Requirement;
  try {
    req = Requirement.parse(arg);
  } catch (e) {
    throw new CliError('CLI_BAD_REQUIREMENT', `'${arg}' is not a package requirement: ${(e as Error).message.split('\n')[0]}`, {
      hint: 'Use a name with an optional version, e.g. `requests` or "requests>=2.31,<3".',
      cause: e,
    });
  }
  if (req.url) {
    throw new CliError('CLI_UNSUPPORTED_REQUIREMENT', `'${arg}': direct URL requirements are not supported by pipgrub yet.`);
  }
  const version = req.specifier.toString() || '*';
  const extras = [...req.extras];
  const marker = req.marker?.toString();
  if (!extras.length && !marker) return { name: req.name, spec: version };
  return { name: req.name, spec: { version, ...(extras.length ? { extras } : {}), ...(marker ? { markers: marker } : {}) } };
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
