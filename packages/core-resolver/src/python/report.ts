// Failure reports for Python resolutions: the generic PubGrub reporter with a Python formatter (the
// root reads as "you", extras as `name[extra]`, sets as specifiers), then uv-style wording fixes.
import type { Version, VersionRange } from '../pep440/index';
import { DefaultStringReporter, type DerivationTree, type ReportFormatter } from '../pubgrub/index';
import type { TargetEnvironment } from './environment';
import { ROOT_PACKAGE, type PythonPackage } from './package';

/** How Python packages and ranges read in a report. */
export class PythonReportFormatter implements ReportFormatter<PythonPackage, Version, VersionRange> {
  packageName(pkg: PythonPackage): string {
    return pkg === ROOT_PACKAGE ? 'your requirements' : pkg;
  }
  isRoot(pkg: PythonPackage): boolean {
    return pkg === ROOT_PACKAGE;
  }
  isAny(_pkg: PythonPackage, set: VersionRange): boolean {
    return set.complement().isEmpty();
  }
  versionSet(_pkg: PythonPackage, set: VersionRange): string {
    return set.toString();
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
  [/, version solving failed\./g, ', your requirements are unsatisfiable.'],
];

/**
 * The text explanation of a failed Python resolution, with hints (requires-python, yanked, no wheel...)
 * at the end.
 *
 * @example
 * ```ts
 * if (result.kind === 'failed') console.error(pythonReport(result.tree, env));
 * // Because a ==1.0.0 requires Python >=3.10, but the target Python is 3.9.0 and you require a ==1.0.0, ...
 * ```
 */
export function pythonReport(tree: DerivationTree<PythonPackage, Version, VersionRange>, _env?: TargetEnvironment): string {
  let text = new DefaultStringReporter(new PythonReportFormatter()).report(tree);
  for (const [re, to] of REWRITES) text = text.replace(re, to);
  return text;
}
