// `pnpm bench pep440-differential [--seed N] [--scale K]`: >= 100,000 generated cases plus every version,
// requirement and marker of the real-world corpus, checked against Python `packaging`; prints agreement.
import { Requirement, normalizeName } from '@pipgrub/core-resolver/pep508';
import { runDifferential, type DifferentialReport } from '../../../packages/core-resolver/src/pep440/testing/differential';
import { hasPackaging } from '../../../packages/core-resolver/src/pep440/testing/oracle';
import { loadRealWorldCorpus } from '../pep440/corpus';

export const description = 'PEP 440/508 differential test vs Python packaging: >=100k generated + real-world cases, prints agreement';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function table(report: DifferentialReport): string {
  let out = '| kind | cases | agreed | agreement |\n| --- | ---: | ---: | ---: |\n';
  const rows = Object.entries(report.byKind);
  rows.push(['**total**', { cases: report.cases, agreed: report.agreed }]);
  for (const [kind, { cases, agreed }] of rows) {
    out += `| ${kind} | ${cases} | ${agreed} | ${((100 * agreed) / Math.max(1, cases)).toFixed(3)}% |\n`;
  }
  return out;
}

export async function run(args: string[]): Promise<number> {
  const py = hasPackaging();
  if (!py.ok) {
    process.stderr.write(`pep440-differential: ${py.reason}\n`);
    return 2;
  }
  const seed = flag(args, '--seed', 1);
  const scale = flag(args, '--scale', 1);
  const corpus = loadRealWorldCorpus();
  const extras: Parameters<typeof runDifferential>[2] = {};
  if (corpus) {
    const markers: string[] = [];
    const sets: [string, string[]][] = [];
    for (const r of corpus.requirements) {
      const semi = r.indexOf(';');
      if (semi >= 0) markers.push(r.slice(semi + 1));
      try {
        const req = Requirement.parse(r);
        const vs = corpus.byProject.get(req.normalizedName) ?? corpus.byProject.get(normalizeName(req.name)) ?? [];
        if (req.specifier.length && vs.length) sets.push([req.specifier.toString(), vs.slice(0, 40)]);
      } catch {
        // invalid requirements are still compared below (both sides must reject them)
      }
    }
    Object.assign(extras, { versions: corpus.versions, requirements: corpus.requirements, markers: [...new Set(markers)], specifierSets: sets });
    process.stderr.write(`real-world corpus: ${corpus.versions.length} versions, ${corpus.requirements.length} requirements, ${sets.length} specifier sets (${corpus.source})\n`);
  }
  const t = Date.now();
  const report = runDifferential(
    seed,
    {
      versions: 30000 * scale, comparisons: 20000 * scale, specifierSets: 6000 * scale, candidatesPerSet: 6,
      markers: 6000 * scale, requirements: 6000 * scale,
    },
    extras,
  );
  process.stdout.write(`packaging ${py.version}, seed ${seed}, ${((Date.now() - t) / 1000).toFixed(1)} s\n\n`);
  process.stdout.write(table(report));
  process.stdout.write(`\nrange checks (VersionRange.contains vs packaging contains, prereleases=True): ${report.rangeCases}\n`);
  if (report.disagreements.length) {
    process.stdout.write(`\nfirst disagreements:\n`);
    for (const d of report.disagreements.slice(0, 20)) process.stdout.write(`${JSON.stringify(d)}\n`);
    return 1;
  }
  process.stdout.write(`\nagreement: 100% (${report.agreed}/${report.cases})\n`);
  return 0;
}
