import { describe, expect, it } from 'vitest';
import type { PeerRow } from './compare';
import type { FloorRow } from './floor';
import { peerMarkdown, type PeerRunInfo } from './results';

const info: PeerRunInfo = { date: '2026-11-24 23:00 UTC', rounds: 5, quick: false, versions: {}, skipped: {}, projects: [], projectPins: {}, indexNote: 'kit', wallSeconds: 60 };
const warm = (project: string, times: Record<string, number | undefined>): PeerRow => ({
  project,
  measure: 'lock warm',
  cells: Object.entries(times).map(([tool, median]) => ({ tool: tool as PeerRow['cells'][number]['tool'], runs: median === undefined ? [] : [median], ...(median === undefined ? { error: 'lock failed' } : { median }) })),
});
const floor: FloorRow[] = [
  { label: 'Node.js itself', command: 'node -e 0', runs: [0.021, 0.022], median: 0.0215 },
  { label: 'pdm start-up', command: 'pdm --version', runs: [], error: 'exit 1' },
];

describe('peerMarkdown: start-up floor and warm-lock targets', () => {
  it('allows pipgrub the smallest of pipenv/30, poetry/10 and pdm/10, and says whether it met it', () => {
    const md = peerMarkdown([warm('web-app', { pipgrub: 0.07, pipenv: 1.41, poetry: 0.51, pdm: 0.58, pip: 0.2 }), warm('big', { pipgrub: 0.1, pipenv: 4.0, poetry: 1.04, pdm: undefined })], floor, info);
    expect(md).toContain('| Node.js itself | `node -e 0` | 22 ms |');
    expect(md).toContain('| pdm start-up | `pdm --version` | not measured: exit 1 |');
    // 1.41 s / 30 = 47 ms < 0.51 s / 10: pipenv sets the bound; pip has no target.
    expect(md).toContain('| web-app | 70 ms | 47 ms | pipenv / 30 | no |');
    // A peer without a number sets no bound; 1.04 s / 10 = 104 ms.
    expect(md).toContain('| big | 100 ms | 104 ms | poetry / 10 | yes |');
  });

  it('leaves the section out when no start-up was measured', () => {
    expect(peerMarkdown([warm('web-app', { pipgrub: 0.07, pipenv: 1.41 })], [], info)).not.toContain('Start-up floor');
  });
});
