// Tests of the Python resolution layer through `resolve`: extras, markers, Requires-Python, pre-releases,
// yanks, file availability, constraints, overrides, strategies, lock preferences and prefetching.
import { describe, expect, it } from 'vitest';
import { targetEnvironment } from './environment';
import { InMemorySource, type InMemoryIndex } from './in-memory-source';
import type { NormalizedName } from '../pep508/name';
import { resolve, type ResolveOptions, type ResolveResult } from './resolve';
import type { PackageSource, ProjectInfo, ReleaseMetadata } from './source';

const py312 = targetEnvironment({ python: '3.12' });

async function run(index: InMemoryIndex, requirements: string[], options: ResolveOptions = {}, env = py312): Promise<ResolveResult> {
  return resolve({ source: new InMemorySource(index), requirements, environment: env, options });
}

async function pins(index: InMemoryIndex, requirements: string[], options: ResolveOptions = {}, env = py312): Promise<Record<string, string>> {
  const r = await run(index, requirements, options, env);
  if (r.kind !== 'solved') throw new Error(`expected a solution, got:\n${r.report}`);
  return Object.fromEntries(r.packages.map((p) => [p.name, p.version]));
}

describe('extras', () => {
  const index: InMemoryIndex = {
    a: { '1.0.0': { requiresDist: ['b', 'c ; extra == "fast"', 'd ; extra == "slow"'], providesExtra: ['fast', 'slow'] } },
    b: { '1.0.0': {} },
    c: { '1.0.0': {}, '2.0.0': {} },
    d: { '1.0.0': {} },
  };

  it('adds the requested extra and nothing else', async () => {
    expect(await pins(index, ['a[fast]'])).toEqual({ a: '1.0.0', b: '1.0.0', c: '2.0.0' });
    const r = await run(index, ['A[Fast]']);
    expect(r.kind === 'solved' && r.packages.find((p) => p.name === 'a')?.extras).toEqual(['fast']);
  });

  it('pins the extra to the same version as its project', async () => {
    const idx: InMemoryIndex = {
      a: { '1.0.0': { requiresDist: ['b==1 ; extra == "x"'] }, '2.0.0': { requiresDist: ['b==2 ; extra == "x"'] } },
      b: { '1.0.0': {}, '2.0.0': {} },
    };
    expect(await pins(idx, ['a[x]', 'b<2'])).toEqual({ a: '1.0.0', b: '1.0.0' });
  });

  it('tolerates an extra the release does not provide', async () => {
    expect(await pins(index, ['b[nope]'])).toEqual({ b: '1.0.0' });
  });

  it('fails when two extras conflict', async () => {
    const idx: InMemoryIndex = {
      a: { '1.0.0': { requiresDist: ['b==1 ; extra == "x"', 'b==2 ; extra == "y"'] } },
      b: { '1.0.0': {}, '2.0.0': {} },
    };
    expect((await run(idx, ['a[x,y]'])).kind).toBe('failed');
  });
});

describe('markers', () => {
  const index: InMemoryIndex = {
    a: { '1.0.0': { requiresDist: ['winonly ; sys_platform == "win32"', 'b ; python_version >= "3.10"'] } },
    b: { '1.0.0': {} },
    winonly: { '1.0.0': {} },
  };
  it('evaluates dependency markers against the target', async () => {
    expect(await pins(index, ['a'])).toEqual({ a: '1.0.0', b: '1.0.0' });
    expect(await pins(index, ['a'], {}, targetEnvironment({ python: '3.12', os: 'windows' }))).toEqual({
      a: '1.0.0',
      b: '1.0.0',
      winonly: '1.0.0',
    });
    expect(await pins(index, ['a'], {}, targetEnvironment({ python: '3.9' }))).toEqual({ a: '1.0.0' });
  });
  it('evaluates root requirement markers', async () => {
    expect(await pins(index, ['b ; sys_platform == "darwin"'])).toEqual({});
  });
});

describe('Requires-Python', () => {
  const index: InMemoryIndex = {
    a: {
      '1.0.0': { requiresPython: '>=3.8' },
      '2.0.0': { requiresPython: '>=3.10' },
      '3.0.0': { requiresPython: '>=3.13' },
    },
  };
  it('picks the highest release supporting the target Python', async () => {
    expect(await pins(index, ['a'])).toEqual({ a: '2.0.0' });
    expect(await pins(index, ['a'], {}, targetEnvironment({ python: '3.9' }))).toEqual({ a: '1.0.0' });
  });
  it('respects upper bounds unless asked to ignore them (uv)', async () => {
    const idx: InMemoryIndex = { a: { '1.0.0': { requiresPython: '<=3.8' } } };
    expect((await run(idx, ['a'])).kind).toBe('failed');
    expect(await pins(idx, ['a'], { requiresPythonUpperBound: 'ignore' })).toEqual({ a: '1.0.0' });
  });
});

describe('pre-releases', () => {
  it('uses a pre-release when it is the only release', async () => {
    expect(await pins({ a: { '1.0.0a1': {} } }, ['a'])).toEqual({ a: '1.0.0a1' });
  });
  it('prefers a final release even over a higher pre-release the specifier names', async () => {
    const index: InMemoryIndex = { a: { '0.1.0': {}, '0.3.0': {}, '1.0.0a1': {} } };
    expect(await pins(index, ['a>=0.1.0a1'])).toEqual({ a: '0.3.0' });
  });
  it('falls back to a pre-release when no final release in range works', async () => {
    const index: InMemoryIndex = { a: { '0.1.0': {}, '1.0.0a1': {} } };
    expect(await pins(index, ['a>0.1.0'])).toEqual({ a: '1.0.0a1' });
  });
  it('lets pre-releases compete with --pre', async () => {
    const index: InMemoryIndex = { a: { '0.1.0': {}, '1.0.0a1': {} } };
    expect(await pins(index, ['a'], { prereleases: 'allow' })).toEqual({ a: '1.0.0a1' });
    expect(await pins(index, ['a'])).toEqual({ a: '0.1.0' });
  });
  it('never picks one with disallow', async () => {
    expect((await run({ a: { '1.0.0a1': {} } }, ['a'], { prereleases: 'disallow' })).kind).toBe('failed');
  });
});

describe('yanked releases (PEP 592)', () => {
  const index: InMemoryIndex = { a: { '0.1.0': {}, '1.0.0': { yanked: 'broken' } }, b: { '1.0.0': { requiresDist: ['a==1.0.0'] } } };
  it('skips them', async () => {
    expect(await pins(index, ['a'])).toEqual({ a: '0.1.0' });
  });
  it('uses one pinned with == by the user', async () => {
    expect(await pins(index, ['a==1.0.0'])).toEqual({ a: '1.0.0' });
    expect(await pins(index, ['a===1.0.0'])).toEqual({ a: '1.0.0' });
  });
  it('does not use one pinned only by a dependency', async () => {
    const r = await run(index, ['b']);
    expect(r.kind).toBe('failed');
    if (r.kind === 'failed') expect(r.report).toContain('yanked');
  });
});

describe('file availability', () => {
  it('treats a release without a compatible file as unavailable', async () => {
    const source = new InMemorySource(
      { a: { '1.0.0': {}, '2.0.0': { wheels: ['cp312-cp312-win_amd64'] } } },
      { wheelCompatible: (tag) => !tag.includes('win') },
    );
    const r = await resolve({ source, requirements: ['a'], environment: py312 });
    expect(r.kind === 'solved' && r.packages[0]!.version).toBe('1.0.0');
    const failed = await resolve({ source, requirements: ['a==2.0.0'], environment: py312 });
    expect(failed.kind === 'failed' && failed.report).toContain('no wheel for this platform');
  });
  it('honours noBuild / noBinary', async () => {
    const index: InMemoryIndex = { a: { '1.0.0': { wheels: [], sdist: true } }, b: { '1.0.0': { sdist: false } } };
    expect(await pins(index, ['a', 'b'])).toEqual({ a: '1.0.0', b: '1.0.0' });
    expect((await run(index, ['a'], { noBuild: ['a'] })).kind).toBe('failed');
    expect((await run(index, ['b'], { noBinary: [':all:'] })).kind).toBe('failed');
  });
});

describe('constraints and overrides', () => {
  const index: InMemoryIndex = {
    a: { '1.0.0': { requiresDist: ['b>=2'] } },
    b: { '1.0.0': {}, '2.0.0': {}, '3.0.0': {} },
    c: { '1.0.0': {} },
  };
  it('constraints restrict versions without adding requirements', async () => {
    expect(await pins(index, ['a'], { constraints: ['b<3', 'c==1.0.0'] })).toEqual({ a: '1.0.0', b: '2.0.0' });
    expect((await run(index, ['a'], { constraints: ['b<2'] })).kind).toBe('failed');
  });
  it('overrides replace a dependency’s specifier', async () => {
    expect(await pins(index, ['a'], { overrides: ['b==1.0.0'] })).toEqual({ a: '1.0.0', b: '1.0.0' });
  });
});

describe('strategies and preferences', () => {
  const index: InMemoryIndex = {
    a: { '1.0.0': { requiresDist: ['b'] }, '2.0.0': { requiresDist: ['b'] } },
    b: { '1.0.0': {}, '2.0.0': {} },
  };
  it('highest, lowest, lowest-direct', async () => {
    expect(await pins(index, ['a'])).toEqual({ a: '2.0.0', b: '2.0.0' });
    expect(await pins(index, ['a'], { strategy: 'lowest' })).toEqual({ a: '1.0.0', b: '1.0.0' });
    expect(await pins(index, ['a'], { strategy: 'lowest-direct' })).toEqual({ a: '1.0.0', b: '2.0.0' });
  });
  it('keeps locked versions that still satisfy the requirements', async () => {
    expect(await pins(index, ['a'], { preferences: { b: '1.0.0' } })).toEqual({ a: '2.0.0', b: '1.0.0' });
    expect(await pins(index, ['a', 'b>=2'], { preferences: new Map([['b', '1.0.0']]) })).toEqual({ a: '2.0.0', b: '2.0.0' });
  });
});

describe('results and engines', () => {
  const index: InMemoryIndex = {
    app: { '1.0.0': { requiresDist: ['lib[speed]>=1'] } },
    lib: { '1.0.0': { requiresDist: ['fast ; extra == "speed"'] } },
    fast: { '1.0.0': {} },
  };
  it('reports extras, direct flags and requiredBy', async () => {
    const r = await run(index, ['app']);
    expect(r.kind).toBe('solved');
    if (r.kind !== 'solved') return;
    expect(r.packages).toEqual([
      { name: 'app', version: '1.0.0', extras: [], direct: true, requiredBy: [] },
      { name: 'fast', version: '1.0.0', extras: [], direct: false, requiredBy: ['lib'] },
      { name: 'lib', version: '1.0.0', extras: ['speed'], direct: false, requiredBy: ['app'] },
    ]);
    expect(r.stats.engine === 'pubgrub' && r.stats.decisions).toBeGreaterThan(0);
  });
  it('the SAT engine agrees', async () => {
    expect(await pins(index, ['app'], { engine: 'sat' })).toEqual({ app: '1.0.0', fast: '1.0.0', lib: '1.0.0' });
  });
  it('prefetches projects it learns about', async () => {
    const source = new InMemorySource(index);
    await resolve({ source, requirements: ['app'], environment: py312 });
    expect(source.prefetched).toContain('lib');
  });
  it('names a bad requirement', async () => {
    await expect(run(index, ['app >>> 1'])).rejects.toThrow(/invalid requirement 'app >>> 1' \(root requirement\)/);
  });
});

describe('asynchronous sources', () => {
  /** An in-memory index whose answers arrive after a macrotask, like a network index. */
  class SlowSource implements PackageSource {
    inFlight = 0;
    maxInFlight = 0;
    private readonly inner: InMemorySource;
    constructor(index: InMemoryIndex) {
      this.inner = new InMemorySource(index);
    }
    private delay<T>(value: T): Promise<T> {
      this.inFlight++;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      return new Promise((ok) =>
        setTimeout(() => {
          this.inFlight--;
          ok(value);
        }, 2),
      );
    }
    getProject(name: NormalizedName): Promise<ProjectInfo | undefined> {
      return this.delay(this.inner.getProject(name));
    }
    getMetadata(name: NormalizedName, version: string): Promise<ReleaseMetadata> {
      return this.delay(this.inner.getMetadata(name, version));
    }
  }

  it('resolves over promises and fetches siblings concurrently', async () => {
    const index: InMemoryIndex = {
      app: { '1.0.0': { requiresDist: ['a', 'b', 'c', 'd'] } },
      a: { '1.0.0': { requiresDist: ['x'] } },
      b: { '1.0.0': {} },
      c: { '1.0.0': {}, '2.0.0': { requiresPython: '>=3.13' } },
      d: { '1.0.0': {} },
      x: { '1.0.0': {} },
    };
    const source = new SlowSource(index);
    const r = await resolve({ source, requirements: ['app'], environment: py312 });
    expect(r.kind === 'solved' && r.packages.map((p) => `${p.name}==${p.version}`)).toEqual([
      'a==1.0.0',
      'app==1.0.0',
      'b==1.0.0',
      'c==1.0.0',
      'd==1.0.0',
      'x==1.0.0',
    ]);
    expect(source.maxInFlight).toBeGreaterThan(1);
    expect(r.stats.engine === 'pubgrub' && r.stats.providerWaitMs).toBeGreaterThan(0);
  });
});
