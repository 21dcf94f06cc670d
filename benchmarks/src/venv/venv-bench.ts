// Measurements behind `pnpm bench venv-bench`: venv creation (pipgrub vs `python -m venv --without-pip`
// vs virtualenv) and installing N kit wheels (pipgrub cold/warm cache vs `pip install --no-deps`).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildWheel } from '@pipgrub/test-kit';
import { WheelCache, createVenv, findPython, syncEnvironment, type InterpreterInfo, type WantedPackage } from '@pipgrub/venv';
import { pickPythons, pipEnv, run } from '../../../packages/venv/src/testing/support';

/** One measured row. */
export interface BenchRow {
  task: string;
  tool: string;
  medianMs: number;
  /** Fastest run (less sensitive to background load). */
  minMs?: number;
  runs: number;
  /** Row whose time this one is compared against (ratio = baseline / this). */
  baseline?: string;
}

/** Options of {@link runVenvBench}. */
export interface VenvBenchOptions {
  python?: string;
  wheels: number;
  runs: number;
  log?: (line: string) => void;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function timeIt(runs: number, setup: (i: number) => Promise<void>, body: (i: number) => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    await setup(i);
    const t0 = performance.now();
    await body(i);
    out.push(performance.now() - t0);
  }
  return out;
}

async function has(cmd: string): Promise<boolean> {
  return (await run('sh', ['-c', `command -v ${cmd}`])).code === 0;
}

/** Build `n` varied kit wheels (modules, entry points, data files) into `dir`. */
export async function buildBenchWheels(dir: string, n: number): Promise<WantedPackage[]> {
  await mkdir(dir, { recursive: true });
  const out: WantedPackage[] = [];
  for (let i = 0; i < n; i++) {
    const name = `benchpkg${i}`;
    const files: Record<string, string> = {};
    for (let k = 0; k < 8; k++) files[`${name}/mod${k}.py`] = `# module ${k} of ${name}\n` + `def f${k}(x):\n    return x * ${k}\n`.repeat(20);
    if (i % 5 === 0) files[`${name}-1.0.data/data/share/${name}/notes.txt`] = 'notes\n';
    if (i % 7 === 0) files[`${name}-1.0.data/scripts/${name}-tool`] = '#!python\nprint("tool")\n';
    const w = buildWheel(name, '1.0', { files, entryPoints: i % 3 === 0 ? { console_scripts: { [name]: `${name}:main` } } : undefined });
    const p = path.join(dir, w.filename);
    await writeFile(p, w.bytes);
    out.push({ name, version: '1.0', path: p, hashes: [`sha256:${w.sha256}`] });
  }
  return out;
}

/**
 * Run the whole benchmark and return its rows.
 * @example const rows = await runVenvBench({ wheels: 50, runs: 3 });
 */
export async function runVenvBench(options: VenvBenchOptions): Promise<BenchRow[]> {
  const log = options.log ?? (() => undefined);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-venv-bench-'));
  const rows: BenchRow[] = [];
  try {
    const cacheRoot = path.join(tmp, 'cache');
    const py: InterpreterInfo = options.python ? await findPython(options.python, { cacheDir: cacheRoot }) : (await pickPythons(1, cacheRoot))[0] ?? (await findPython('>=3.8', { cacheDir: cacheRoot }));
    log(`python: ${py.version.join('.')} (${py.path})`);
    const runs = options.runs;
    let n = 0;
    const fresh = () => path.join(tmp, `env${n++}`);

    // --- creation ---
    const coldQuery = await timeIt(1, async () => undefined, async () => {
      await findPython(py.path, { cacheDir: path.join(tmp, 'cold-cache') });
    });
    rows.push({ task: 'interpreter query (cold, once per interpreter)', tool: 'pipgrub', medianMs: median(coldQuery), runs: 1 });
    const createRuns = Math.max(10, runs * 5);
    const ours = await timeIt(createRuns, async () => undefined, async () => {
      await createVenv(fresh(), { python: py.path, cacheDir: cacheRoot });
    });
    rows.push({ task: 'create venv', tool: 'pipgrub (in-process, cached query)', medianMs: median(ours), minMs: Math.min(...ours), runs: createRuns, baseline: 'python -m venv --without-pip' });
    // The same through a fresh Node process using the built package (what a CLI invocation pays).
    const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../packages/venv/dist/index.js');
    if (existsSync(dist)) {
      const script = `const { createVenv } = await import(${JSON.stringify(pathToFileURL(dist).href)}); await createVenv(process.argv[1], { python: ${JSON.stringify(py.path)}, cacheDir: ${JSON.stringify(cacheRoot)} });`;
      const proc = await timeIt(runs, async () => undefined, async () => {
        const r = await run(process.execPath, ['--input-type=module', '-e', script, fresh()]);
        if (r.code !== 0) throw new Error(r.stderr);
      });
      rows.push({ task: 'create venv', tool: 'pipgrub (new node process, built dist)', medianMs: median(proc), minMs: Math.min(...proc), runs, baseline: 'python -m venv --without-pip' });
    } else log('packages/venv/dist missing (run the build): new-process creation row skipped');
    const venv = await timeIt(runs, async () => undefined, async () => {
      const r = await run(py.path, ['-m', 'venv', '--without-pip', fresh()]);
      if (r.code !== 0) throw new Error(r.stderr);
    });
    rows.push({ task: 'create venv', tool: 'python -m venv --without-pip', medianMs: median(venv), minMs: Math.min(...venv), runs });
    if (await has('virtualenv')) {
      const ve = await timeIt(runs, async () => undefined, async () => {
        const r = await run('virtualenv', ['--no-seed', '--no-periodic-update', '-q', '-p', py.path, fresh()], { env: { ...process.env, VIRTUALENV_OVERRIDE_APP_DATA: path.join(tmp, 've-app-data') } });
        if (r.code !== 0) throw new Error(r.stderr);
      });
      rows.push({ task: 'create venv', tool: 'virtualenv --no-seed', medianMs: median(ve), minMs: Math.min(...ve), runs });
      rows.push({ task: 'create venv', tool: 'pipgrub (in-process, cached query)', medianMs: median(ours), minMs: Math.min(...ours), runs: createRuns, baseline: 'virtualenv --no-seed' });
    } else log('virtualenv not installed: skipped');

    // --- installing N wheels ---
    const wanted = await buildBenchWheels(path.join(tmp, 'wheels'), options.wheels);
    const label = `install ${options.wheels} wheels`;
    for (const compile of [false, true]) {
      const suffix = compile ? ' + bytecode' : '';
      const pipArgs = ['-m', 'pip', 'install', '--isolated', '--no-deps', '--no-index', ...(compile ? [] : ['--no-compile']), ...wanted.map((w) => w.path!)];
      const pipTool = `pip install --no-deps${compile ? '' : ' --no-compile'}`;
      // Interleaved (cold, warm, pip) per round so background load hits all three alike.
      const times = { pip: [] as number[], cold: [] as number[], warm: [] as number[] };
      for (let r = 0; r < runs; r++) {
        const cache = new WheelCache(path.join(tmp, `wcache-${compile}-${r}`));
        for (const kind of ['cold', 'warm'] as const) {
          const env = await createVenv(fresh(), { python: py.path, cacheDir: cacheRoot });
          const t0 = performance.now();
          await syncEnvironment(env, wanted, { cache, compile });
          times[kind].push(performance.now() - t0);
        }
        const pipEnvDir = fresh();
        await createVenv(pipEnvDir, { python: py.path, cacheDir: cacheRoot, seed: true });
        const t0 = performance.now();
        const res = await run(path.join(pipEnvDir, 'bin', 'python'), pipArgs, { env: pipEnv() });
        if (res.code !== 0) throw new Error(res.stderr);
        times.pip.push(performance.now() - t0);
      }
      rows.push({ task: label + suffix, tool: pipTool, medianMs: median(times.pip), minMs: Math.min(...times.pip), runs });
      rows.push({ task: label + suffix, tool: 'pipgrub (cold cache)', medianMs: median(times.cold), minMs: Math.min(...times.cold), runs, baseline: pipTool });
      rows.push({ task: label + suffix, tool: 'pipgrub (warm cache)', medianMs: median(times.warm), minMs: Math.min(...times.warm), runs, baseline: pipTool });
      log(`${label}${suffix}: pip ${median(times.pip).toFixed(0)} ms, cold ${median(times.cold).toFixed(0)} ms, warm ${median(times.warm).toFixed(0)} ms`);
    }
    return rows;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Rows as a markdown table with ratios (`baseline time / this time`, so > 1 means faster). */
export function markdownTable(rows: BenchRow[]): string {
  const lines = ['| task | tool | median ms | min ms | runs | speed-up (median / min) vs baseline |', '|---|---|---:|---:|---:|---|'];
  for (const r of rows) {
    const base = r.baseline ? rows.find((x) => x.task === r.task && x.tool === r.baseline) : undefined;
    const byMin = base?.minMs !== undefined && r.minMs !== undefined ? ` / ${(base.minMs / r.minMs).toFixed(1)}x` : '';
    const ratio = base ? `${(base.medianMs / r.medianMs).toFixed(1)}x${byMin} vs ${base.tool}` : '';
    lines.push(`| ${r.task} | ${r.tool} | ${r.medianMs.toFixed(1)} | ${r.minMs?.toFixed(1) ?? ''} | ${r.runs} | ${ratio} |`);
  }
  return lines.join('\n') + '\n';
}
