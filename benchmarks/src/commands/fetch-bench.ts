// `pnpm bench fetch-bench [--projects 100] [--versions 10] [--latency 0,20] [--repeat 3] [--json]`: cold and warm
// metadata fetch for a whole-graph resolution over a loopback kit index, with injected latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIndex } from '@pipgrub/test-kit';
import { IndexClient } from '@pipgrub/pypi-source';
import { resolve, targetEnvironment } from '@pipgrub/core-resolver/python';
import { benchGraph, projectName, walkMetadata, walkMetadataSequential } from '../pypi/graph';

export const description = 'cold/warm metadata fetch for a 100-project resolution over a loopback index, 0 and 20 ms latency';

interface Row {
  latencyMs: number;
  mode: string;
  cache: 'cold' | 'warm';
  projects: number;
  requests: number;
  perPackage: number;
  conditional: number;
  bytes: number;
  ms: number;
}

function arg(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

export async function run(args: string[]): Promise<number> {
  const projects = Number(arg(args, 'projects', '100'));
  const versions = Number(arg(args, 'versions', '10'));
  const latencies = arg(args, 'latency', '0,20').split(',').map(Number);
  const concurrency = Number(arg(args, 'concurrency', '16'));
  const json = args.includes('--json');
  const repeat = Math.max(1, Number(arg(args, 'repeat', '3')));
  const idx = await startIndex(benchGraph(projects, versions));
  const rows: Row[] = [];
  try {
    // Warm-up (JIT, sockets), not measured.
    const warmDir = mkdtempSync(join(tmpdir(), 'pipgrub-fetch-bench-'));
    const warmup = new IndexClient({ indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir: warmDir, netrc: false });
    await walkMetadata(warmup, projectName(0));
    await warmup.close();
    rmSync(warmDir, { recursive: true, force: true });
    for (const latencyMs of latencies) {
      idx.setOptions({ latencyMs });
      for (const mode of ['resolve', 'concurrent', 'sequential'] as const) {
        const runs: Row[][] = [];
        for (let rep = 0; rep < repeat; rep++) {
        const cacheDir = mkdtempSync(join(tmpdir(), 'pipgrub-fetch-bench-'));
        const pair: Row[] = [];
        runs.push(pair);
        try {
          for (const cache of ['cold', 'warm'] as const) {
            const client = new IndexClient({
              indexes: [{ name: 'kit', url: idx.simpleUrl }], cacheDir, netrc: false,
              concurrency: mode === 'sequential' ? 1 : concurrency,
            });
            idx.resetLog();
            const t0 = performance.now();
            let seen: number;
            if (mode === 'resolve') {
              const result = await resolve({ source: client, requirements: [projectName(0)], environment: targetEnvironment({ python: '3.12' }) });
              if (result.kind !== 'solved') throw new Error(`fetch-bench: resolution failed:\n${result.report}`);
              seen = result.packages.length;
            } else {
              seen = mode === 'concurrent' ? await walkMetadata(client, projectName(0)) : await walkMetadataSequential(client, projectName(0));
            }
            const ms = performance.now() - t0;
            const log = idx.requests;
            pair.push({
              latencyMs, mode: mode === 'resolve' ? `resolver(${concurrency})` : mode === 'concurrent' ? `walk(${concurrency})` : 'walk-sequential(1)', cache, projects: seen,
              requests: log.length, perPackage: log.length / seen,
              conditional: log.filter((r) => r.headers['if-none-match'] !== undefined).length,
              bytes: log.reduce((s, r) => s + r.bytes, 0), ms,
            });
            await client.close();
          }
        } finally {
          rmSync(cacheDir, { recursive: true, force: true });
        }
        }
        // Median time of the repeats (the machine may be shared); counts are identical across runs.
        for (const i of [0, 1]) {
          const sorted = runs.map((r) => r[i]!).sort((a, b) => a.ms - b.ms);
          rows.push(sorted[Math.floor(sorted.length / 2)]!);
        }
      }
    }
  } finally {
    await idx.close();
  }
  if (json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return 0;
  }
  const head = ['latency', 'mode', 'cache', 'projects', 'requests', 'req/pkg', '304s', 'bytes', 'time ms', 'ms/pkg'];
  const lines = rows.map((r) => [
    `${r.latencyMs} ms`, r.mode, r.cache, String(r.projects), String(r.requests), r.perPackage.toFixed(2),
    String(r.conditional), String(r.bytes), r.ms.toFixed(0), (r.ms / r.projects).toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)) + 2);
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('').trimEnd();
  process.stdout.write(`metadata fetch: ${projects} projects x ${versions} versions (fanout 4 tree), loopback kit index, median of ${repeat} runs\n\n`);
  process.stdout.write(fmt(head) + '\n' + lines.map(fmt).join('\n') + '\n');
  for (const latencyMs of latencies) {
    const conc = rows.find((r) => r.latencyMs === latencyMs && r.mode.startsWith('resolver') && r.cache === 'cold');
    if (conc && latencyMs > 0) {
      const serial = conc.requests * latencyMs;
      process.stdout.write(`\n${latencyMs} ms latency, cold, resolver: ${conc.ms.toFixed(0)} ms total vs ${serial} ms if every request waited in turn (${(serial / conc.ms).toFixed(1)}x)\n`);
    }
  }
  return 0;
}
