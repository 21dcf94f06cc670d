// `pnpm bench peers [--quick] [--rounds N] [--tools a,b] [--projects a,b] [--timeout s] [--out file]`:
// times pipgrub against pipenv, poetry, pdm and pip on a loopback kit index and writes benchmarks/RESULTS.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startIndex } from '@pipgrub/test-kit';
import { intFlag, parseArgs, userPath } from '../run/args';
import { comparePeers } from '../peers/compare';
import { measureFloor } from '../peers/floor';
import { peerProjects } from '../peers/projects';
import { peerMarkdown } from '../peers/results';
import { checkPeer, PEERS, SYSTEM_PYTHON } from '../peers/tools';
import { repoRoot } from '../conformance/suites';

export const description = 'time pipgrub lock/sync against pipenv, poetry, pdm and pip on a loopback index (writes RESULTS.md)';

const USAGE = 'usage: pnpm bench peers [--quick] [--rounds N] [--tools pipgrub,pipenv,poetry,pdm,pip] [--projects name,...] [--timeout seconds] [--out file] [--json raw.json] [--keep]\n';

/** Entry point of `pnpm bench peers`. */
export async function run(args: string[]): Promise<number> {
  let p;
  try {
    p = parseArgs(args, ['rounds', 'tools', 'projects', 'timeout', 'out', 'json'], ['quick', 'keep']);
  } catch (e) {
    process.stderr.write(`bench peers: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const quick = p.flags.has('quick');
  const rounds = Math.max(1, Math.floor(intFlag(p, 'rounds', quick ? 2 : 5)));
  const timeoutMs = intFlag(p, 'timeout', quick ? 240 : 600) * 1000;
  const out = userPath(p.flags.get('out') ?? path.join(repoRoot, 'benchmarks/RESULTS.md'));
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const wanted = p.flags.get('tools')?.split(',');
  const { projects: all, index } = peerProjects();
  const wantedProjects = p.flags.get('projects')?.split(',');
  const projects = wantedProjects ? all.filter((x) => wantedProjects.includes(x.name)) : all;

  const versions: Record<string, string> = { node: process.version, python: SYSTEM_PYTHON };
  const skipped: Record<string, string> = {};
  const tools = [];
  for (const tool of PEERS.filter((t) => !wanted || wanted.includes(t.id))) {
    const c = checkPeer(tool, log);
    if (c.ok) {
      versions[tool.id] = c.version;
      tools.push(tool);
    } else {
      skipped[tool.id] = c.reason;
      log(`skipping ${tool.id}: ${c.reason}`);
    }
  }
  const py = (await import('node:child_process')).spawnSync(SYSTEM_PYTHON, ['--version'], { encoding: 'utf8' });
  versions.python = `${SYSTEM_PYTHON} (${(py.stdout || py.stderr).trim()})`;

  const started = performance.now();
  // Debian's pip 23.0 (inside the apt pipenv/pdm) crashes on PEP 691 JSON pages that carry PEP 658
  // hashes, so every tool gets the same HTML-only index (PEP 503 + PEP 658 .metadata files).
  const tmpRoot = process.platform === 'linux' ? { tmpRoot: '/dev/shm' } : {};
  const idx = await startIndex(index, { indexOptions: { json: false }, ...tmpRoot });
  const legacy = await startIndex(index, { indexOptions: { json: false, metadataFiles: false }, ...tmpRoot });
  const workDir = mkdtempSync(path.join(tmpdir(), 'pipgrub-peers-'));
  log(`index ${idx.simpleUrl} (${Object.keys(index).length} projects, ${idx.index.files.length} files); work dir ${workDir}`);
  try {
    const rows = await comparePeers({ workDir, indexUrl: (t) => (t.legacyIndex ? legacy.simpleUrl : idx.simpleUrl), tools, projects, rounds, timeoutMs, log });
    // Short commands: twice the rounds of the locks, for a stable median.
    const floor = await measureFloor({ workDir, tools, rounds: rounds * 2, timeoutMs });
    log(`  start-up: ${floor.map((f) => `${f.label} ${f.median !== undefined ? `${(f.median * 1000).toFixed(0)} ms` : f.error}`).join(', ')}`);
    const projectPins: Record<string, string> = {};
    for (const pr of projects) {
      const row = rows.find((r) => r.project === pr.name && r.measure === 'lock warm');
      const pins = row?.cells.filter((c) => c.pins !== undefined).map((c) => `${c.tool} ${c.pins}`);
      if (pins?.length) projectPins[pr.name] = pins.join(', ');
    }
    const md = peerMarkdown(rows, floor, {
      date: new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC',
      rounds,
      quick,
      versions,
      skipped,
      projects,
      projectPins,
      indexNote: `test-kit loopback server on 127.0.0.1, HTML-only PEP 503 pages with PEP 658 metadata files, ${Object.keys(index).length} projects / ${idx.index.files.length} files, wheels only (pipenv gets the same index without the .metadata files: its vendored pip 22.3 rejects the PEP 658 metadata of projects with non-normalized names such as Flask); pages carry "Cache-Control: max-age=600, public" as PyPI's do, so a tool that honours it (pipgrub, as uv does; Poetry through CacheControl) reuses a cached page without a request while it is fresh, and pip (hence pipenv) sends a conditional request for every page; no PyPI access (every tool is configured with this index only, HOME/caches in temp dirs, PIP_CONFIG_FILE=/dev/null).`,
      wallSeconds: (performance.now() - started) / 1000,
    });
    writeFileSync(out, md);
    const json = p.flags.get('json');
    if (json) writeFileSync(userPath(json), JSON.stringify({ versions, skipped, rounds, rows, floor }, null, 2) + '\n');
    process.stdout.write(md);
    log(`wrote ${out}`);
    return 0;
  } finally {
    await idx.close();
    await legacy.close();
    if (!p.flags.has('keep')) rmSync(workDir, { recursive: true, force: true });
  }
}
