// CI slice of the differential test against Python's `packaging` (seed-fixed, a few thousand cases).
// The 100,000-case run is `pnpm bench pep440-differential`.
import { describe, expect, it } from 'vitest';
import { runDifferential } from './testing/differential';
import { hasPackaging } from './testing/oracle';

const py = hasPackaging();
if (!py.ok) console.warn(`skipping packaging differential tests: ${py.reason}`);

describe('differential vs Python packaging', () => {
  it.skipIf(!py.ok)('agrees on versions, ordering, specifiers, ranges, markers and requirements (seed 20261124)', () => {
    const report = runDifferential(20261124, {
      versions: 1500, comparisons: 1000, specifierSets: 600, candidatesPerSet: 5, markers: 600, requirements: 400,
    });
    expect(report.disagreements.slice(0, 5)).toEqual([]);
    expect(report.agreed).toBe(report.cases);
    expect(report.cases).toBeGreaterThan(8000);
    expect(report.rangeCases).toBeGreaterThan(1000);
  }, 60_000);
});
