// Tests for locking a Pipfile against an in-memory source: sections, pins, preferences, failures.
import { InMemorySource, targetEnvironment } from '@pipgrub/core-resolver';
import { describe, expect, it } from 'vitest';
import { isLockfileError } from './errors';
import { lockPipfile, lockPreferences } from './lock-pipfile';
import { parsePipfile } from './pipfile';

const index = {
  flask: { '2.0.0': { requiresDist: ['werkzeug>=2'] }, '3.0.0': { requiresDist: ['werkzeug>=3'] } },
  werkzeug: { '2.0.0': {}, '3.0.0': {}, '3.1.0': {} },
  pytest: { '8.0.0': { requiresDist: ['pluggy'] } },
  pluggy: { '1.0.0': {}, '1.5.0': {} },
};
const environment = targetEnvironment({ python: '3.12' });
const pipfile = parsePipfile('[packages]\nflask = "*"\n\n[dev-packages]\npytest = "*"\n');

describe('lockPipfile', () => {
  it('locks default and develop with hashes from the source', async () => {
    const r = await lockPipfile({ pipfile, source: new InMemorySource(index), environment, categories: ['packages', 'dev-packages'] });
    expect(r.kind).toBe('locked');
    if (r.kind !== 'locked') return;
    expect(Object.keys(r.lock.sections.default!).sort()).toEqual(['flask', 'werkzeug']);
    expect(r.lock.sections.default!.werkzeug!.version).toBe('==3.1.0');
    expect(r.lock.sections.develop!.pytest!.version).toBe('==8.0.0');
    expect(r.packageCount).toBe(4);
  });

  it('keeps preferred versions from the previous lock', async () => {
    const first = await lockPipfile({ pipfile, source: new InMemorySource(index), environment, categories: ['packages'] });
    if (first.kind !== 'locked') throw new Error('lock failed');
    first.lock.sections.default!.werkzeug!.version = '==3.0.0';
    const prefs = lockPreferences(first.lock);
    const again = await lockPipfile({ pipfile, source: new InMemorySource(index), environment, categories: ['packages'], preferences: prefs });
    expect(again.kind === 'locked' && again.lock.sections.default!.werkzeug!.version).toBe('==3.0.0');
    const unlocked = await lockPipfile({ pipfile, source: new InMemorySource(index), environment, categories: ['packages'], preferences: lockPreferences(first.lock, new Set(['werkzeug'])) });
    expect(unlocked.kind === 'locked' && unlocked.lock.sections.default!.werkzeug!.version).toBe('==3.1.0');
  });

  it('returns the explanation of an impossible Pipfile', async () => {
    const bad = parsePipfile('[packages]\nflask = ">=3"\nwerkzeug = "<3"\n');
    const r = await lockPipfile({ pipfile: bad, source: new InMemorySource(index), environment, categories: ['packages'] });
    expect(r.kind).toBe('failed');
    if (r.kind === 'failed') expect(r.report).toMatch(/werkzeug/);
  });

  it('refuses a path entry with a typed error', async () => {
    const local = parsePipfile('[packages]\nmine = {path = "."}\n', { path: 'Pipfile' });
    await expect(lockPipfile({ pipfile: local, source: new InMemorySource(index), environment, categories: ['packages'] }))
      .rejects.toSatisfy((e: unknown) => isLockfileError(e) && e.code === 'UNSUPPORTED_VALUE' && e.key === 'packages.mine');
  });
});

describe('lockPipfile with local packages', () => {
  const localPipfile = parsePipfile(
    '[packages]\nmylib = {editable = true, path = "."}\nflask = "*"\ntool = {git = "https://example.com/tool.git", ref = "v1", markers = "os_name == \'posix\'"}\n',
  );
  const commit = 'c'.repeat(40);
  const locals = new Map([
    ['mylib', { version: '0.3.0', requiresDist: ['werkzeug<3'], entry: { path: '.', editable: true } }],
    ['tool', { version: '1.0', requiresDist: [], entry: { vcs: { kind: 'git' as const, url: 'https://example.com/tool.git', ref: commit }, markers: "os_name == 'posix'" } }],
  ]);
  // flask 3 needs werkzeug>=3, which mylib forbids: the local package's metadata takes part in resolution.
  const withDependent = { ...index, app: { '1.0.0': { requiresDist: ['mylib>=0.3'] } } };

  it('locks path and git entries as Pipenv writes them, their dependencies from the index', async () => {
    const r = await lockPipfile({ pipfile: localPipfile, source: new InMemorySource(index), environment, categories: ['packages'], localPackages: locals });
    if (r.kind !== 'locked') throw new Error(r.report);
    const d = r.lock.sections.default!;
    expect(d.mylib).toEqual({ editable: true, path: '.' });
    expect(d.tool).toEqual({ git: 'https://example.com/tool.git', ref: commit, markers: "os_name == 'posix'" });
    expect(d.flask!.version).toBe('==2.0.0');
    expect(d.werkzeug!.version).toBe('==2.0.0');
  });

  it('never asks the source about a local name, and satisfies dependencies on it', async () => {
    const asked: string[] = [];
    const inner = new InMemorySource({ ...withDependent, mylib: { '9.9.9': {} } });
    const source = { getProject: (n: never) => (asked.push(n), inner.getProject(n)), getMetadata: inner.getMetadata.bind(inner) };
    const p = parsePipfile('[packages]\nmylib = {path = "./lib"}\napp = "*"\n');
    const r = await lockPipfile({ pipfile: p, source, environment, categories: ['packages'], localPackages: new Map([['mylib', { version: '0.3.0', requiresDist: [], entry: { path: './lib' } }]]) });
    if (r.kind !== 'locked') throw new Error(r.report);
    expect(asked).not.toContain('mylib');
    expect(r.lock.sections.default!.mylib).toEqual({ path: './lib' });
    expect(r.lock.sections.default!.app!.version).toBe('==1.0.0');
  });

  it('refuses a local entry the caller did not prepare', async () => {
    const e = await lockPipfile({ pipfile: localPipfile, source: new InMemorySource(index), environment, categories: ['packages'] }).catch((x: unknown) => x);
    expect(isLockfileError(e)).toBe(true);
  });
});
