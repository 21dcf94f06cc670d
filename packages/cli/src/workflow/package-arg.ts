// `pipgrub install ARG` -> the Pipfile entry `pipenv install` writes: a PEP 508 requirement split into
// the Pipfile's version / extras / markers keys, or a local project (path, archive, VCS URL) as a table.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    const local = localFromUrl(req.url, false);
    if (!local) throw new CliError('CLI_UNSUPPORTED_REQUIREMENT', `'${arg}': ${req.url} is not a VCS, file or path URL pipgrub can install.`);
    const extras = [...req.extras];
    const marker = req.marker?.toString();
    return { name: req.name, spec: { ...local.spec, ...(extras.length ? { extras } : {}), ...(marker ? { markers: marker } : {}) } };
  }
  const version = req.specifier.toString() || '*';
  const extras = [...req.extras];
  const marker = req.marker?.toString();
  if (!extras.length && !marker) return { name: req.name, spec: version };
  return { name: req.name, spec: { version, ...(extras.length ? { extras } : {}), ...(marker ? { markers: marker } : {}) } };
}

/**
 * Requirement lines of a requirements.txt (`-r`), skipping comments and pip options; editable lines
 * are kept as `-e TARGET` (see {@link editableTarget}).
 */
export function requirementsFileLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    const editable = /^(-e|--editable)(=|\s+)(\S+)/.exec(line);
    if (editable) {
      out.push(`-e ${editable[3]}`);
      continue;
    }
    if (!line || line.startsWith('-')) continue;
    out.push(line.replace(/\s+--hash[=\s]\S+/g, '').trim());
  }
  return out;
}

/**
 * The target of a `-e TARGET` line kept by {@link requirementsFileLines}, or undefined for other lines.
 * @example editableTarget('-e ./lib') // './lib'
 */
export function editableTarget(line: string): string | undefined {
  return /^-e (\S+)$/.exec(line)?.[1];
}

/** A local project argument (`./path`, `./dist/x.whl`, `git+URL@ref#egg=name`), before its name is known. */
export interface LocalPackageArg {
  /** The name from `#egg=` (or `name @ URL`); otherwise it comes from the project's built metadata. */
  name?: string;
  /** The Pipfile table Pipenv writes for it (`{editable = true, path = "."}`, `{file = ...}`, `{git = ..., ref = ...}`). */
  spec: { [key: string]: string | boolean | readonly string[] | undefined };
  /** The argument as given, for messages. */
  arg: string;
}

const VCS_URL = /^(git|hg|svn|bzr)\+(.+)$/i;
const ARCHIVE = /\.(whl|tar\.gz|tgz|zip|tar\.bz2|tar)$/i;

/** A `vcs+URL[@ref][#egg=name&subdirectory=dir]`, `file:` or `http(s):` URL as a Pipfile table. */
function localFromUrl(url: string, editable: boolean): LocalPackageArg | undefined {
  const [base = '', fragment = ''] = url.split('#', 2);
  const params = new URLSearchParams(fragment);
  const name = params.get('egg') ?? undefined;
  const subdirectory = params.get('subdirectory') ?? undefined;
  const vcs = VCS_URL.exec(base);
  if (vcs) {
    const kind = vcs[1]!.toLowerCase();
    let target = vcs[2]!;
    let ref: string | undefined;
    // The ref follows the last `@` of the path (an `@` before the host is user info).
    const at = target.lastIndexOf('@');
    if (at > target.indexOf('/', target.indexOf('//') + 2)) {
      ref = target.slice(at + 1);
      target = target.slice(0, at);
    }
    return { ...(name ? { name } : {}), arg: url, spec: { ...(editable ? { editable: true } : {}), [kind]: target, ...(ref ? { ref } : {}), ...(subdirectory ? { subdirectory } : {}) } };
  }
  if (/^file:/i.test(base)) {
    const p = fileURLToPath(base);
    return { ...(name ? { name } : {}), arg: url, spec: ARCHIVE.test(p) ? { file: p } : { ...(editable ? { editable: true } : {}), path: p } };
  }
  if (/^https?:\/\//i.test(base) && ARCHIVE.test(new URL(base).pathname)) return { ...(name ? { name } : {}), arg: url, spec: { file: base } };
  return undefined;
}

/**
 * A command-line argument that names a local project, as Pipenv reads it: a VCS URL, a `file:`/`http(s):`
 * archive URL, or a path (starting with `.`, `/` or `~`, or an existing file or folder). `undefined` for
 * anything else (a requirement like `requests>=2`). `-e` arguments pass `editable`.
 * @example parseLocalArg('.', true, '/w/app') // { arg: '.', spec: { editable: true, path: '.' } }
 * @example parseLocalArg('git+https://h/r.git@v1#egg=r', false, '/w') // { name: 'r', arg: ..., spec: { git: 'https://h/r.git', ref: 'v1' } }
 */
export function parseLocalArg(arg: string, editable: boolean, cwd: string): LocalPackageArg | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(arg) && !/^[a-z]:[\\/]/i.test(arg)) return localFromUrl(arg, editable);
  const looksLikePath = /^(\.|\/|~)/.test(arg) || /^[a-z]:[\\/]/i.test(arg) || (/[\\/]/.test(arg) && existsSync(resolve(cwd, arg))) || (ARCHIVE.test(arg) && existsSync(resolve(cwd, arg)));
  if (!looksLikePath) return undefined;
  const p = arg.startsWith('~') ? arg.replace(/^~/, homedir()) : arg;
  if (ARCHIVE.test(p)) return { arg, spec: { file: p } };
  return { arg, spec: { ...(editable ? { editable: true } : {}), path: p } };
}
