// Cross-check of @renovatebot/pep440 against Python `packaging` (the reference) and pipgrub on the same
// generated inputs: validity, normalization, ordering and `satisfies`. Reports counts and examples.
import fc from 'fast-check';
import * as renovate from '@renovatebot/pep440';
import { SpecifierSet, Version, compareVersions } from '@pipgrub/core-resolver/pep440';
import { brokenVersionText, candidateText, specifierSetText, versionText } from '../../../packages/core-resolver/src/pep440/testing/generators';
import { askPackaging } from '../../../packages/core-resolver/src/pep440/testing/oracle';

export interface CrossCheckRow {
  check: string;
  cases: number;
  renovateAgrees: number;
  pipgrubAgrees: number;
  examples: { input: unknown; renovate: unknown; packaging: unknown }[];
}

function safe<T>(fn: () => T): T | string {
  try {
    return fn();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}

/** Run the cross-check; `n` scales the number of generated inputs. */
export function runCrossCheck(seed: number, n: number): CrossCheckRow[] {
  const sample = <T>(arb: fc.Arbitrary<T>, k: number, salt: number): T[] => fc.sample(arb, { seed: seed + salt, numRuns: k });
  const versions = [...sample(versionText({ whitespace: true }), n, 1), ...sample(brokenVersionText(), Math.floor(n / 2), 2)].filter((s) => !/[0-9]{16,}/.test(s));
  const pairs = sample(fc.tuple(candidateText(), candidateText()), n, 3);
  const sets = sample(fc.tuple(specifierSetText(), fc.array(candidateText(), { minLength: 6, maxLength: 6 })), Math.floor(n / 4), 4);
  const requests: unknown[] = [
    ...versions.map((s) => ({ t: 'v', s })),
    ...pairs.map(([a, b]) => ({ t: 'cmp', a, b })),
    ...sets.map(([spec, vs]) => ({ t: 'spec', spec, vs })),
  ];
  const answers = askPackaging(requests) as Record<string, unknown>[];
  const rows = new Map<string, CrossCheckRow>();
  const add = (check: string, input: unknown, ren: unknown, ours: unknown, ref: unknown): void => {
    let row = rows.get(check);
    if (!row) rows.set(check, (row = { check, cases: 0, renovateAgrees: 0, pipgrubAgrees: 0, examples: [] }));
    row.cases++;
    const r = JSON.stringify(ren) === JSON.stringify(ref);
    if (r) row.renovateAgrees++;
    else if (row.examples.length < 12) row.examples.push({ input, renovate: ren, packaging: ref });
    if (JSON.stringify(ours) === JSON.stringify(ref)) row.pipgrubAgrees++;
  };
  let i = 0;
  for (const s of versions) {
    const ref = answers[i++]!;
    const ren = safe(() => renovate.clean(s));
    add('version validity', s, typeof ren === 'string' && !ren.startsWith('throws'), Version.isValid(s), ref.ok);
    if (ref.ok && typeof ren === 'string' && !ren.startsWith('throws')) add('normalized form', s, ren, Version.parse(s).toString(), ref.norm);
  }
  for (const [a, b] of pairs) {
    const ref = answers[i++] as unknown as number;
    add('ordering', [a, b], safe(() => Math.sign(renovate.compare(a, b))), Math.sign(compareVersions(Version.parse(a), Version.parse(b))), ref);
  }
  for (const [spec, vs] of sets) {
    const ref = answers[i++]!;
    const renValid = safe(() => renovate.validRange(spec)) === true;
    let ours = false;
    try {
      SpecifierSet.parse(spec, { lenient: true });
      ours = true;
    } catch {
      ours = false;
    }
    add('specifier validity', spec, renValid, ours, ref.ok);
    if (!ref.ok || !renValid) continue;
    const set = SpecifierSet.parse(spec, { lenient: true });
    vs.forEach((v, j) => {
      const refRow = (ref.contains as unknown[][])[j]!;
      add('satisfies (prereleases: true)', [spec, v], safe(() => renovate.satisfies(v, spec, { prereleases: true })), set.contains(v, { prereleases: true }), refRow[1]);
      add('satisfies (default)', [spec, v], safe(() => renovate.satisfies(v, spec)), set.contains(v), refRow[0]);
    });
  }
  return [...rows.values()];
}

/** Markdown summary. */
export function crossCheckTable(rows: readonly CrossCheckRow[]): string {
  let out = '| check | cases | @renovatebot/pep440 agrees | pipgrub agrees |\n| --- | ---: | ---: | ---: |\n';
  const pct = (a: number, n: number): string => `${((100 * a) / Math.max(1, n)).toFixed(2)}%`;
  for (const r of rows) out += `| ${r.check} | ${r.cases} | ${pct(r.renovateAgrees, r.cases)} | ${pct(r.pipgrubAgrees, r.cases)} |\n`;
  return out;
}
