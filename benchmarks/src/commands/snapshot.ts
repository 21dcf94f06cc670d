// `pnpm bench snapshot --index URL --roots a,b [--out file.json] [--max-versions N] [--no-extras]
// [--python 3.12]`: crawls a PEP 503/691 index from the roots and stores its metadata as a case.
import { snapshotIndex } from '../generate/snapshot';
import { intFlag, parseArgs, writeUserFile } from '../run/args';

export const description = 'snapshot an index (PEP 503/691 + 658) from root requirements into a case JSON (metadata only)';

const USAGE = 'usage: pnpm bench snapshot --index URL --roots a,b [--out file.json] [--max-versions N] [--max-projects N] [--no-extras] [--python 3.12]\n';

/** Entry point of `pnpm bench snapshot`. */
export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, ['index', 'roots', 'out', 'max-versions', 'max-projects', 'python'], ['no-extras']);
  } catch (e) {
    process.stderr.write(`bench snapshot: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const indexUrl = p.flags.get('index');
  const roots = p.flags.get('roots')?.split(',').map((r) => r.trim()).filter(Boolean);
  if (!indexUrl || !roots?.length) {
    process.stderr.write(USAGE);
    return 2;
  }
  const maxVersions = p.flags.has('max-versions') ? intFlag(p, 'max-versions', 0) : undefined;
  const started = performance.now();
  let result;
  try {
    result = await snapshotIndex({
      indexUrl,
      roots,
      ...(maxVersions ? { maxVersions } : {}),
      maxProjects: intFlag(p, 'max-projects', 5000),
      extras: !p.flags.has('no-extras'),
      python: p.flags.get('python') ?? '3.12',
      onProject: (name, n) => {
        if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${n} projects (${name})`);
      },
    });
  } catch (e) {
    process.stderr.write(`\nbench snapshot: ${(e as Error).message}\n`);
    return 1;
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  const c = result.case;
  const versions = Object.values(c.index).reduce((n, r) => n + Object.keys(r).length, 0);
  const text = JSON.stringify(c, null, 1) + '\n';
  const out = p.flags.get('out');
  if (out) {
    writeUserFile(out, text);
  } else process.stdout.write(text);
  process.stderr.write(`${Object.keys(c.index).length} projects, ${versions} releases in ${((performance.now() - started) / 1000).toFixed(1)} s${out ? ` -> ${out}` : ''}\n`);
  for (const pr of result.problems) process.stderr.write(`  skipped ${pr.project}${pr.version ? ` ${pr.version}` : ''}: ${pr.reason}\n`);
  return 0;
}
