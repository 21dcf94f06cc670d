import { describe, it, expect } from 'vitest';
import { Version, VersionRange, SpecifierSet, compareVersions, versionRangeKind } from '../pep440/index';
import { solve } from './solver';
import { OfflineDependencyProvider } from './offline-provider';
import { DefaultReportFormatter, DefaultStringReporter } from './report';
import { treeToJSON } from './tree-json';
import { solveSat } from '../sat/index';

const V = (s: string): Version => Version.parse(s);
const R = (spec: string): VersionRange => (spec === '' ? VersionRange.full() : SpecifierSet.parse(spec).toRange());

/** A small index over real PEP 440 versions and ranges (the first real VersionSet instance). */
function index(): OfflineDependencyProvider<string, Version, VersionRange> {
  return new OfflineDependencyProvider<string, Version, VersionRange>(compareVersions)
    .add('root', V('0'), [
      ['requests', R('>=2.0')],
      ['urllib3', R('<2')],
    ])
    .add('requests', V('2.31.0'), [['urllib3', R('>=1.21.1,<3')]])
    .add('requests', V('2.32.3'), [['urllib3', R('>=2.0')]])
    .add('urllib3', V('1.26.18'), [])
    .add('urllib3', V('2.2.1'), []);
}

describe('solve with PEP 440 VersionRange', () => {
  it('backtracks to an older requests when urllib3 is capped', async () => {
    const r = await solve(index(), 'root', V('0'), versionRangeKind);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(String(r.solution.get('requests'))).toBe('2.31.0');
    expect(String(r.solution.get('urllib3'))).toBe('1.26.18');
    const sat = await solveSat(index(), 'root', V('0'));
    expect(sat.kind === 'solved' && String(sat.solution.get('requests'))).toBe('2.31.0');
  });

  it('explains a failure with PEP 440 specifiers', async () => {
    const p = index().add('root', V('1'), [
      ['requests', R('>=2.32')],
      ['urllib3', R('<2')],
    ]);
    const r = await solve(p, 'root', V('1'), versionRangeKind);
    expect(r.kind).toBe('failed');
    if (r.kind !== 'failed') return;
    const text = new DefaultStringReporter(new DefaultReportFormatter<string, Version, VersionRange>('root')).report(r.tree);
    expect(text).toBe(
      [
        'Because root depends on requests >=2.32 which depends on urllib3 >=2.0, root requires urllib3 >=2.0.',
        'So, because root depends on urllib3 <2, version solving failed.',
      ].join('\n'),
    );
    expect(treeToJSON(r.tree).nodes.length).toBeGreaterThan(2);
  });
});
