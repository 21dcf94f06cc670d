// Self-check of the venv benchmark's pieces (the timings themselves are never asserted).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBenchWheels, markdownTable } from './venv-bench';

describe('venv-bench', () => {
  it('builds hashed bench wheels', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-vb-'));
    try {
      const wanted = await buildBenchWheels(dir, 3);
      expect(wanted.map((w) => w.name)).toEqual(['benchpkg0', 'benchpkg1', 'benchpkg2']);
      for (const w of wanted) {
        expect((await stat(w.path!)).size).toBeGreaterThan(0);
        expect(w.hashes![0]).toMatch(/^sha256:[0-9a-f]{64}$/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('prints ratios against the baseline row', () => {
    const table = markdownTable([
      { task: 't', tool: 'pip', medianMs: 1000, minMs: 900, runs: 3 },
      { task: 't', tool: 'ours', medianMs: 100, minMs: 90, runs: 3, baseline: 'pip' },
    ]);
    expect(table).toContain('| t | ours | 100.0 | 90.0 | 3 | 10.0x / 10.0x vs pip |');
  });
});
