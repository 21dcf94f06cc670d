// Failure report texts of the Python layer, asserted in full (Dart pub's habit): a Requires-Python
// conflict through a dependency, and range simplification against the versions that exist.
import { describe, expect, it } from 'vitest';
import { SpecifierSet, Version, VersionRange } from '../pep440/index';
import { targetEnvironment } from './environment';
import { InMemorySource } from './in-memory-source';
import { simplifyRange } from './report';
import { resolve } from './resolve';

describe('requires-python conflict report', () => {
  it('explains why no release of a dependency fits the target Python', async () => {
    const source = new InMemorySource({
      app: { '1.0.0': { requiresDist: ['lib>=2'] } },
      lib: {
        '1.0.0': { requiresPython: '>=3.8' },
        '2.0.0': { requiresPython: '>=3.13' },
        '2.1.0': { requiresPython: '>=3.13' },
      },
    });
    const r = await resolve({ source, requirements: ['app'], environment: targetEnvironment({ python: '3.12' }) });
    expect(r.kind).toBe('failed');
    if (r.kind !== 'failed') return;
    expect(r.report).toBe(
      [
        'Because lib ==2.0.0 requires Python >=3.13 (the target is 3.12.0) and lib ==2.1.0 requires Python >=3.13 (the target is 3.12.0), lib >=2.0.0 is forbidden.',
        'So, because app ==1.0.0 depends on lib >=2 and you require app, your requirements are unsatisfiable.',
        '',
        'hint: some releases do not support the target Python 3.12.0 (Requires-Python); resolve for another Python version or require releases that support it',
      ].join('\n'),
    );
    expect(r.tree).toBeDefined();
  });
});

describe('simplifyRange', () => {
  const versions = ['1.0', '2.0', '2.1', '2.2', '2.3', '3.0'].map((v) => Version.parse(v));
  const range = (s: string) => VersionRange.fromSpecifierSet(SpecifierSet.parse(s));
  it('keeps short specifiers as written', () => {
    expect(simplifyRange(range('>1.0,<2.5'), versions)).toBe('>1.0, <2.5');
  });
  it('rewrites long exclusion lists against existing versions', () => {
    expect(simplifyRange(range('>=2.0,!=2.1,!=2.2,!=2.3'), versions)).toBe('==2.0 | >=3.0');
    expect(simplifyRange(range('>=1.5,!=2.1.1,!=2.1.2,!=2.1.3'), versions)).toBe('>=2.0');
  });
});

describe('contradictory specifiers', () => {
  it('says so instead of printing an empty range', async () => {
    const source = new InMemorySource({ a: { '1.0.0': {}, '2.0.0': {} } });
    const r = await resolve({ source, requirements: ['a==1.0.0', 'a==2.0.0'], environment: targetEnvironment({ python: '3.12' }) });
    expect(r.kind === 'failed' && r.report).toBe(
      'Because you require a (with specifiers no version can satisfy together), your requirements are unsatisfiable.',
    );
  });
});
