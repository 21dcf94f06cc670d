// Pipfile entries as PEP 508 requirements (checked by core-resolver's parser) and merged lock sections.
import { Requirement } from '@pipgrub/core-resolver/pep508';
import { describe, expect, it } from 'vitest';
import { categoryRequirements, lockedEntries, pipfileRequirement } from './entries';
import { isLockfileError } from './errors';
import { readLockfile } from './lockfile';
import { parsePipfile } from './pipfile';

describe('pipfileRequirement', () => {
  const p = parsePipfile(`[packages]
any = "*"
bare = "1.0"
range = ">=1, <2"
req = {version = ">=2", extras = ["socks"], markers = "os_name != 'nt'"}
plat = {version = "*", sys_platform = "== 'linux'"}
local = {path = "./libs/local", editable = true}
wheel = {file = "https://example.com/wheel-1.0-py3-none-any.whl"}
vcs = {git = "https://github.com/x/vcs.git", ref = "v1", subdirectory = "sub"}
`);
  const pkgs = p.categories.get('packages') ?? [];
  it.each([
    ['any', 'any'],
    ['bare', 'bare==1.0'],
    ['range', 'range>=1,<2'],
    ['req', "req[socks]>=2 ; os_name != 'nt'"],
    ['plat', "plat ; sys_platform == 'linux'"],
    ['local', 'local @ file:///proj/libs/local'],
    ['wheel', 'wheel @ https://example.com/wheel-1.0-py3-none-any.whl'],
    ['vcs', 'vcs @ git+https://github.com/x/vcs.git@v1#subdirectory=sub'],
  ])('%s -> %s', (name, want) => {
    const req = pipfileRequirement(pkgs.find((x) => x.name === name)!, { projectDir: '/proj' });
    expect(req).toBe(want);
    expect(() => Requirement.parse(req)).not.toThrow();
  });
});

describe('categoryRequirements', () => {
  it('gives the category\'s entries in file order (entry forms: see pipfileRequirement)', () => {
    const p = parsePipfile('[packages]\nsix = "1.16.0"\nflask = ">=3,<4"\n[docs]\nsphinx = "*"\n');
    expect(categoryRequirements(p, 'packages')).toEqual(['six==1.16.0', 'flask>=3,<4']);
    expect(categoryRequirements(p, 'docs')).toEqual(['sphinx']);
    expect(categoryRequirements(p, 'dev-packages')).toEqual([]);
  });
  it.each([
    ['mine = {path = "."}', 'path'],
    ['w = {file = "https://example.com/w-1.0-py3-none-any.whl"}', 'file'],
    ['v = {git = "https://github.com/x/v.git"}', 'git (VCS)'],
  ])('refuses %s with a typed error and a hint when asked to', (entry, form) => {
    const p = parsePipfile(`[packages]\nsix = "*"\n${entry}\n`, { path: 'Pipfile' });
    try {
      categoryRequirements(p, 'packages', { directReferences: 'refuse' });
      expect.unreachable();
    } catch (e) {
      expect(isLockfileError(e) && e.code).toBe('UNSUPPORTED_VALUE');
      expect((e as Error).message).toBe(`Pipfile:3: packages.${entry.split(' ')[0]}: ${form} requirements are not supported here, only index packages`);
      expect(isLockfileError(e) && e.hint).toContain('index');
    }
  });
});

describe('lockedEntries', () => {
  const lock = readLockfile(JSON.stringify({
    _meta: { hash: { sha256: 'a'.repeat(64) }, 'pipfile-spec': 6, requires: {}, sources: [] },
    default: { six: { version: '==1.16.0' } },
    develop: { six: { version: '==1.15.0' }, pytest: { version: '==8.0.0' } },
  }));
  it('merges in order, later categories winning', () => {
    expect([...lockedEntries(lock, ['develop', 'packages'])].map(([n, e]) => `${n}${e.version}`)).toEqual(['six==1.16.0', 'pytest==8.0.0']);
  });
  it('names a missing category', () => {
    try {
      lockedEntries(lock, ['docs']);
      expect.unreachable();
    } catch (e) {
      expect(isLockfileError(e) && e.message).toBe('docs: the lock has no section "docs"');
    }
  });
});
