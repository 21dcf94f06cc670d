// Failure reports for Python resolutions: the generic PubGrub reporter with a Python formatter (the
// root reads as "you", long ranges simplified against the versions that exist), then wording fixes.
import type { Version, VersionRange } from '../pep440/index';
import { DefaultStringReporter, type DerivationTree, type ReportFormatter } from '../pubgrub/index';
import { parsePackage, ROOT_PACKAGE, type PythonPackage } from './package';

/** The versions a package has in the index (ascending), for range simplification; may be unknown. */
export type KnownVersions = (pkg: PythonPackage) => readonly Version[] | undefined;

/**
 * A range as a readable specifier, simplified against the versions that exist: bounds that exclude no
 * existing version are dropped, so `>=2.7, !=2.8, !=2.8.1, ...` over a long release history reads `>=2.7`.
 *
 * @example
 * ```ts
 * simplifyRange(range, versions); // '==2.9 | ==2.9.1 | ... | ==2.11.1' over jinja2's releases -> '>=2.9'
 * ```
 */
export function simplifyRange(set: VersionRange, versions: readonly Version[] | undefined): string {
  const plain = set.toString();
  // Specifiers a user or a package could write are kept as written; unions (PEP 440 cannot spell them)
  // and long exclusion lists are built by the solver while learning, and are worth rewriting.
  if (!versions || versions.length === 0 || (!plain.includes(' | ') && plain.split('!=').length < 4)) return plain;
  const inSet = versions.map((v) => set.contains(v));
  if (!inSet.includes(true)) return plain;
  const runs: string[] = [];
  let i = 0;
  while (i < versions.length) {
    if (!inSet[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < versions.length && inSet[j + 1]) j++;
    const lo = i === 0 ? '' : `>=${versions[i]!.toString()}`;
    const hi = j === versions.length - 1 ? '' : `<${versions[j + 1]!.toString()}`;
    if (i === j && (i === 0 || j < versions.length - 1)) runs.push(`==${versions[i]!.toString()}`);
    else runs.push([lo, hi].filter((s) => s !== '').join(', ') || '*');
    i = j + 1;
  }
  return runs.join(' | ');
}

/**
 * How Python packages and ranges read in a report: the root is "your requirements", long ranges are
 * simplified against `known` versions.
 * @example new DefaultStringReporter(new PythonReportFormatter((pkg) => provider.knownVersions(pkg))).report(tree)
 */
export class PythonReportFormatter implements ReportFormatter<PythonPackage, Version, VersionRange> {
  constructor(private readonly known: KnownVersions = () => undefined) {}

  packageName(pkg: PythonPackage): string {
    return pkg === ROOT_PACKAGE ? 'your requirements' : pkg;
  }
  isRoot(pkg: PythonPackage): boolean {
    return pkg === ROOT_PACKAGE;
  }
  isAny(pkg: PythonPackage, set: VersionRange): boolean {
    if (set.complement().isEmpty()) return true;
    if (parsePackage(pkg).kind === 'root') return false;
    return this.versionSet(pkg, set) === '*';
  }
  versionSet(pkg: PythonPackage, set: VersionRange): string {
    return simplifyRange(set, this.known(pkg));
  }
  version(_pkg: PythonPackage, version: Version): string {
    return version.toString();
  }
}

/** Sentence-level rewrites from the generic wording to the Python one. */
const REWRITES: Array<[RegExp, string]> = [
  [/\byour requirements depends on both /g, 'you require both '],
  [/\byour requirements depends on /g, 'you require '],
  [/\byour requirements is forbidden\b/g, 'your requirements are unsatisfiable'],
  [/\byour requirements requires /g, 'your requirements require '],
  [/, version solving failed\./g, ', your requirements are unsatisfiable.'],
  // An empty dependency range comes from specifiers on one project that exclude each other.
  [/ \(no versions\)/g, ' (with specifiers no version can satisfy together)'],
];

/**
 * The text explanation of a failed Python resolution, with hints (requires-python, yanked, no wheel...)
 * at the end. `known` lets ranges be simplified against the versions that exist.
 *
 * @example
 * ```ts
 * if (result.kind === 'failed') console.error(pythonReport(result.tree));
 * // Because a ==1.0.0 requires Python >=3.10, but the target Python is 3.9.0 and you require a ==1.0.0, ...
 * ```
 */
export function pythonReport(tree: DerivationTree<PythonPackage, Version, VersionRange>, known?: KnownVersions): string {
  let text = new DefaultStringReporter(new PythonReportFormatter(known)).report(tree);
  for (const [re, to] of REWRITES) text = text.replace(re, to);
  return text;
}
