// Pipfile parsing: every entry form Pipenv accepts, and one-line errors naming file:line and key for
// each kind of malformed input.
import { describe, expect, it } from 'vitest';
import { isLockfileError } from './errors';
import { effectiveSources, isValidSpecifierSet, parsePipfile } from './pipfile';
import { pipfileHash, pipfileHashContent } from './pipfile-hash';

const FULL = `# a comment
[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[[source]]
url = "http://127.0.0.1:8080/simple"
name = "local"

[packages]
any = "*"
pinned = "==1.0"
ranged = ">=1,<2"
"zope.interface" = {version = ">=5", extras = ["test"], markers = "python_version >= '3.8'", index = "local"}
plat = {version = "*", sys_platform = "== 'linux'", os_name = "!= 'nt'"}
local = {path = ".", editable = true}
wheel = {file = "https://example.com/wheel-1.0-py3-none-any.whl"}
vcs = {git = "https://github.com/x/vcs.git", ref = "main", subdirectory = "sub"}

[dev-packages]
pytest = "*"

[docs]
sphinx = "~=7.0"

[requires]
python_version = "3.11"

[scripts]
test = "pytest -q"

[pipenv]
allow_prereleases = true
`;

describe('parsePipfile', () => {
  const p = parsePipfile(FULL, { path: 'Pipfile' });
  const pkgs = p.categories.get('packages') ?? [];
  const by = (n: string) => pkgs.find((x) => x.name === n);

  it('reads sources with Pipenv defaults', () => {
    expect(p.sources).toEqual([
      { name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true, line: 2 },
      { name: 'local', url: 'http://127.0.0.1:8080/simple', verifySsl: false, line: 7 },
    ]);
  });
  it('reads categories in file order', () => {
    expect([...p.categories.keys()]).toEqual(['packages', 'dev-packages', 'docs']);
  });
  it('reads every entry form', () => {
    expect(by('any')).toMatchObject({ version: '*', line: 12 });
    expect(by('ranged')).toMatchObject({ version: '>=1,<2' });
    expect(by('zope.interface')).toMatchObject({ normalizedName: 'zope-interface', version: '>=5', extras: ['test'], markers: "python_version >= '3.8'", index: 'local', line: 15 });
    expect(by('plat')?.markers).toBe("(sys_platform == 'linux') and (os_name != 'nt')");
    expect(by('local')).toMatchObject({ path: '.', editable: true });
    expect(by('local')?.version).toBeUndefined();
    expect(by('wheel')?.file).toContain('.whl');
    expect(by('vcs')?.vcs).toEqual({ kind: 'git', url: 'https://github.com/x/vcs.git', ref: 'main', subdirectory: 'sub' });
    expect(p.requires).toEqual({ python_version: '3.11' });
    expect(p.settings.allow_prereleases).toBe(true);
  });
  it('inserts the default source for the hash when none is declared', () => {
    const q = parsePipfile('[packages]\nsix = "*"\n');
    expect(effectiveSources(q)).toEqual([{ name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true }]);
    expect(pipfileHashContent(q)._meta).toEqual({ sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }], requires: {} });
  });
  it('hashes custom categories and normalized names, not scripts or [pipenv]', () => {
    const c = pipfileHashContent(p);
    expect(Object.keys(c).sort()).toEqual(['_meta', 'default', 'develop', 'docs']);
    expect(Object.keys(c.default as object)).toContain('zope-interface');
    const withScript = parsePipfile(FULL.replace('pytest -q', 'pytest -x'));
    expect(pipfileHash(withScript)).toBe(pipfileHash(p));
    const renamed = parsePipfile(FULL.replace('"zope.interface"', 'Zope_Interface'));
    expect(pipfileHash(renamed)).toBe(pipfileHash(p));
    expect(pipfileHash(renamed, { names: 'raw' })).not.toBe(pipfileHash(p, { names: 'raw' }));
  });
});

describe('malformed Pipfiles give one line naming file:line and key', () => {
  it.each([
    ['bad TOML', '[packages]\nsix = \n', 'TOML_SYNTAX', 2, undefined],
    ['unknown package key', '[packages]\nsix = "*"\nreq = {version = "*", colour = "red"}\n', 'PIPFILE_UNKNOWN_KEY', 3, 'packages.req.colour'],
    ['extras not an array', '[packages]\n\nreq = {extras = "socks"}\n', 'PIPFILE_WRONG_TYPE', 3, 'packages.req.extras'],
    ['editable not a bool', '[dev-packages]\nreq = {path = ".", editable = "yes"}\n', 'PIPFILE_WRONG_TYPE', 2, 'dev-packages.req.editable'],
    ['bad specifier', '[packages]\nreq = "=>1.0"\n', 'PIPFILE_INVALID', 2, 'packages.req'],
    ['number as spec', '[packages]\nreq = 1\n', 'PIPFILE_WRONG_TYPE', 2, 'packages.req'],
    ['bad name', '[packages]\n"-req" = "*"\n', 'PIPFILE_INVALID', 2, 'packages.-req'],
    ['source without url', '[[source]]\nname = "x"\n', 'PIPFILE_WRONG_TYPE', 1, 'source[0].url'],
    ['unknown source key', '[[source]]\nurl = "https://x/simple"\n[[source]]\nurl = "https://y/simple"\nmirror = true\n', 'PIPFILE_UNKNOWN_KEY', 3, 'source[1].mirror'],
    ['verify_ssl not a bool', '[[source]]\nurl = "https://x/simple"\nverify_ssl = "true"\n', 'PIPFILE_WRONG_TYPE', 1, 'source[0].verify_ssl'],
    ['requires unknown key', '[requires]\npython = "3.11"\n', 'PIPFILE_UNKNOWN_KEY', 2, 'requires.python'],
    ['python_version not a string', '[requires]\npython_version = 3.11\n', 'PIPFILE_WRONG_TYPE', 2, 'requires.python_version'],
    ['top-level scalar', 'name = "x"\n[packages]\n', 'PIPFILE_UNKNOWN_KEY', 1, 'name'],
    ['two origins', '[packages]\nx = {path = ".", git = "https://g/x.git"}\n', 'PIPFILE_INVALID', 2, 'packages.x'],
    ['bad markers', '[packages]\nreq = {version = "*", markers = "python_version >>= \'3\'"}\n', 'PIPFILE_INVALID', 2, 'packages.req.markers'],
    ['bad marker key value', '[packages]\n\nreq = {version = "*", sys_platform = "linux"}\n', 'PIPFILE_INVALID', 3, 'packages.req.sys_platform'],
    ['script not a command', '[scripts]\ntest = "pytest"\nbad = 3\n', 'PIPFILE_WRONG_TYPE', 3, 'scripts.bad'],
    ['allow_prereleases not a bool', '[pipenv]\nallow_prereleases = "yes"\n', 'PIPFILE_WRONG_TYPE', 2, 'pipenv.allow_prereleases'],
    ['index names no source', '[[source]]\nurl = "https://pypi.org/simple"\nname = "pypi"\n\n[packages]\nreq = {version = "*", index = "private"}\n', 'PIPFILE_INVALID', 6, 'packages.req.index'],
    ['sub-table form', '[packages.req]\nversion = 3\n', 'PIPFILE_WRONG_TYPE', 2, 'packages.req.version'],
  ])('%s', (_label, text, code, line, key) => {
    try {
      parsePipfile(text, { path: 'proj/Pipfile' });
      expect.unreachable();
    } catch (e) {
      if (!isLockfileError(e)) throw e;
      expect(e.code).toBe(code);
      expect(e.line).toBe(line);
      expect(e.key).toBe(key);
      expect(e.file).toBe('proj/Pipfile');
      expect(e.message).not.toContain('\n');
      expect(e.message.startsWith(`proj/Pipfile:${line}: ${key ? key + ': ' : ''}`)).toBe(true);
    }
  });
  it('refuses to hash a date value (Python json.dumps cannot either)', () => {
    const p = parsePipfile('[docs]\nx = {version = "*"}\n[pipfile]\nwhen = 1979-05-27\n', { path: 'Pipfile' });
    expect(() => pipfileHash(p)).not.toThrow(); // [pipfile] is not hashed
    const q = parsePipfile('[requires]\n[packages]\n[docs.x]\nversion = "*"\n', { path: 'Pipfile' });
    expect(pipfileHash(q)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('version specifiers (PEP 440 via core-resolver)', () => {
  it.each([
    ['*', true], ['', true], ['==1.0', true], ['>=1,<2', true], ['~=2.1', true], ['==1.0.*, !=1.0.3', true],
    ['1.0', true], ['3.*', true], // bare versions: Pipenv reads them as ==version (pipenv's own Pipfile has waitress = "3.*")
    ['=>1.0', false], ['>=1,', false], ['latest', false], ['==1.0 or 2.0', false],
  ])('%j -> %s', (spec, ok) => {
    expect(isValidSpecifierSet(spec)).toBe(ok);
  });
});
