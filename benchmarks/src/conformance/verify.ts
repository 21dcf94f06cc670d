// An independent check that a solution satisfies a case: every applicable requirement (root, each
// pinned release and each selected extra) is met, Requires-Python holds, no unpinned yank, nothing extra.
import { parseRequirement, parseVersion, specifierRange, type ResolvedPackage } from '@pipgrub/core-resolver/python';
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import type { CaseRelease, ResolverCase } from '../cases/format';
import { caseEnvironment } from '../cases/to-source';

/**
 * Problems of `solution` for case `c` (empty = valid).
 *
 * @example
 * ```ts
 * verifySolution(c, [{ name: 'a', version: '1.0.0', extras: [], direct: true, requiredBy: [] }]); // []
 * ```
 */
export function verifySolution(c: ResolverCase, solution: readonly ResolvedPackage[]): string[] {
  const problems: string[] = [];
  const env = caseEnvironment(c.environment);
  const markers = env.markers;
  const pinned = new Map(solution.map((p) => [normalizeName(p.name), p]));
  const index = new Map<string, Record<string, CaseRelease>>();
  for (const [name, releases] of Object.entries(c.index)) index.set(normalizeName(name), { ...index.get(normalizeName(name)), ...releases });
  const python = parseVersion(env.python)!;
  const ignoreUpper = c.options?.requiresPythonUpperBound === 'ignore';
  const overrides = new Map((c.options?.overrides ?? []).map((o) => parseRequirement(o, 'override')).map((r) => [r.name, r]));
  const yankPins = new Set<string>();
  for (const text of [...c.root, ...(c.options?.constraints ?? []), ...(c.options?.overrides ?? [])]) {
    const r = parseRequirement(text, 'root');
    for (const pin of r.pins) yankPins.add(`${r.name}==${parseVersion(pin)?.toString() ?? pin}`);
  }

  const reached = new Set<string>();
  const check = (text: string, extras: readonly string[], from: string): void => {
    let r = parseRequirement(text, from);
    const applies = (extra?: string): boolean => !r.applies || r.applies(markers, extra);
    if (!(applies(undefined) || extras.some((e) => applies(e)))) return;
    r = overrides.get(r.name) ?? r;
    if (r.applies && !r.applies(markers, undefined) && !extras.some((e) => r.applies!(markers, e))) return;
    const p = pinned.get(r.name);
    if (!p) {
      problems.push(`${from} requires ${r.text} but ${r.name} is not in the solution`);
      return;
    }
    reached.add(r.name);
    const v = parseVersion(p.version);
    if (!v || !r.range.contains(v)) problems.push(`${from} requires ${r.text} but ${r.name} ${p.version} is pinned`);
    for (const e of r.extras) if (!p.extras.includes(e)) problems.push(`${from} requires ${r.name}[${e}] but that extra is not selected`);
  };

  for (const text of c.root) check(text, [], 'the root');
  for (const text of c.options?.constraints ?? []) {
    const r = parseRequirement(text, 'constraint');
    const p = pinned.get(r.name);
    const v = p && parseVersion(p.version);
    if (v && (!r.applies || r.applies(markers)) && !r.range.contains(v)) problems.push(`constraint ${text} violated by ${p!.version}`);
  }
  for (const p of solution) {
    const name = normalizeName(p.name);
    const releases = index.get(name);
    const v = parseVersion(p.version);
    const key = Object.keys(releases ?? {}).find((k) => v && parseVersion(k)?.equals(v));
    const release = key !== undefined ? releases![key] : undefined;
    if (!release || !v) {
      problems.push(`${name} ${p.version} is not in the index`);
      continue;
    }
    if (release.yanked && !yankPins.has(`${name}==${v.toString()}`)) problems.push(`${name} ${p.version} is yanked and not pinned`);
    if (release.requiresPython) {
      const range = specifierRange(release.requiresPython, ignoreUpper);
      if (range && !range.contains(python)) problems.push(`${name} ${p.version} requires Python ${release.requiresPython}`);
    }
    for (const text of release.requiresDist ?? []) check(text, p.extras, `${name} ${p.version}`);
  }
  // Nothing extraneous: every pinned project is required by the root or by another pinned release.
  for (const p of solution) {
    if (!reached.has(normalizeName(p.name))) problems.push(`${p.name} ${p.version} is pinned but nothing requires it`);
  }
  return problems;
}
