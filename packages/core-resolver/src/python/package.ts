// Package identities the Python layer hands the solver: plain strings, so they are cheap Map keys.
// `<root>` is the user's request, `name` a project, `name[extra]` the virtual package of one extra.
import { normalizeName, type NormalizedName } from '../pep508/name';

/** A package identity as the solver sees it (see {@link parsePackage}). */
export type PythonPackage = string;

/** The identity of the user's request. Not a valid project name, so it cannot collide with one. */
export const ROOT_PACKAGE: PythonPackage = '<root>';

/** What a {@link PythonPackage} string stands for. */
export type ParsedPackage =
  | { kind: 'root' }
  | { kind: 'project'; name: NormalizedName }
  | { kind: 'extra'; name: NormalizedName; extra: string };

/**
 * The identity of a project (`extra` undefined) or of one of its extras (`name[extra]`). Names must already
 * be normalized (PEP 503) and extras normalized (PEP 685).
 *
 * @example
 * ```ts
 * packageId('requests' as NormalizedName, 'socks'); // 'requests[socks]'
 * ```
 */
export function packageId(name: NormalizedName, extra?: string): PythonPackage {
  return extra === undefined ? name : `${name}[${extra}]`;
}

/**
 * Decode a package identity.
 *
 * @example
 * ```ts
 * parsePackage('requests[socks]'); // { kind: 'extra', name: 'requests', extra: 'socks' }
 * ```
 */
export function parsePackage(pkg: PythonPackage): ParsedPackage {
  if (pkg === ROOT_PACKAGE) return { kind: 'root' };
  const open = pkg.indexOf('[');
  if (open < 0) return { kind: 'project', name: pkg as NormalizedName };
  return { kind: 'extra', name: pkg.slice(0, open) as NormalizedName, extra: pkg.slice(open + 1, -1) };
}

/**
 * The project a package identity belongs to (`undefined` for the root).
 * @example projectOf('requests[socks]') // 'requests'
 */
export function projectOf(pkg: PythonPackage): NormalizedName | undefined {
  if (pkg === ROOT_PACKAGE) return undefined;
  const open = pkg.indexOf('[');
  return (open < 0 ? pkg : pkg.slice(0, open)) as NormalizedName;
}

/**
 * PEP 685 extra normalization (same folding as project names).
 * @example normalizeExtra('Extra_B') // 'extra-b'
 */
export function normalizeExtra(extra: string): string {
  return normalizeName(extra);
}
