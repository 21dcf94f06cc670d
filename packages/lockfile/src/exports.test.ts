// buildLock, requirements.txt and pylock.toml: a lock rebuilt from its entries is byte-identical to
// Pipenv's file, exports have the expected shape, and our pylock verdicts agree with `packaging.pylock`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildLock } from './build-lock';
import type { LockedFile, ResolvedPackage } from './build-lock';
import { readLockfile, writeLockfile } from './lockfile';
import { parsePipfile } from './pipfile';
import { exportPylock, PYLOCK_RULES, validatePylock } from './pylock';
import { exportRequirements, requirementLine } from './requirements';
import { resolvedFromEntry } from './lock-entry.test-helper';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpora = path.resolve(repoRoot, '../shared/corpora');
const has = existsSync(path.join(corpora, 'pipenv'));
const hasOracle = spawnSync('python3', ['-c', 'import packaging.pylock, tomllib'], { encoding: 'utf8' }).status === 0;
if (!hasOracle) console.warn('[lockfile] python3 with packaging>=25 (packaging.pylock) not found: skipping the oracle cross-check');

describe.skipIf(!has)('buildLock reproduces Pipenv locks byte for byte', () => {
  const vectors = path.join(corpora, 'pipenv/lock-hash-vectors');
  const dirs = has ? readdirSync(vectors).filter((d) => !d.endsWith('.json') && !['54e65d2551', 'c58c371f6b'].includes(d)) : [];
  it.each(dirs)('%s', (dir) => {
    const text = readFileSync(path.join(vectors, dir, 'Pipfile.lock'), 'utf8');
    const lock = readLockfile(text);
    const pipfile = parsePipfile(readFileSync(path.join(vectors, dir, 'Pipfile'), 'utf8'));
    const categories = Object.fromEntries(Object.entries(lock.sections).map(([s, entries]) => [s, Object.entries(entries).map(([n, e]) => resolvedFromEntry(n, e))]));
    const rebuilt = buildLock({ pipfile, categories, omitDefaultIndex: true });
    expect(writeLockfile(rebuilt)).toBe(text);
  });
  it('examples-HEAD: current Pipenv puts index on every top-level index package', () => {
    const dir = path.join(vectors, 'examples-HEAD');
    const text = readFileSync(path.join(dir, 'Pipfile.lock'), 'utf8');
    const lock = readLockfile(text);
    const pipfile = parsePipfile(readFileSync(path.join(dir, 'Pipfile'), 'utf8'));
    const categories = Object.fromEntries(Object.entries(lock.sections).map(([s, entries]) => [s, Object.entries(entries).map(([n, e]) => ({ ...resolvedFromEntry(n, e), index: undefined }))]));
    expect(writeLockfile(buildLock({ pipfile, categories }))).toBe(text);
  });
});

/** A small real resolution: requests 2.19.1 and its dependencies, files from pipenv's test index. */
function artifactsLock() {
  const meta = JSON.parse(readFileSync(path.join(corpora, 'pipenv/pipenv-test-artifacts-index-metadata.json'), 'utf8')) as {
    files: Array<{ filename: string; size: number; sha256: string; metadata?: { Name: string; Version: string } }>;
  };
  const pins: Record<string, string> = { requests: '2.19.1', certifi: '2018.4.16', chardet: '3.0.4', idna: '2.7', urllib3: '1.23', six: '1.11.0' };
  const files = (name: string, version: string): LockedFile[] =>
    meta.files
      .filter((f) => f.metadata && f.metadata.Name.toLowerCase() === name && f.metadata.Version === version)
      .map((f) => ({ filename: f.filename, url: `http://127.0.0.1:8080/packages/${f.filename}`, size: f.size, hashes: { sha256: f.sha256 } }));
  const pipfile = parsePipfile('[[source]]\nurl = "http://127.0.0.1:8080/simple"\nverify_ssl = false\nname = "local"\n\n[packages]\nrequests = "==2.19.1"\n\n[dev-packages]\nsix = "*"\n\n[requires]\npython_version = "3.11"\n');
  const pkg = (name: string): ResolvedPackage => ({ name, version: pins[name], files: files(name, pins[name] as string) });
  const lock = buildLock({ pipfile, categories: { packages: ['requests', 'certifi', 'chardet', 'idna', 'urllib3'].map(pkg), 'dev-packages': [pkg('six')] } });
  return { lock, files };
}

describe.skipIf(!has)('exports', () => {
  it('requirements.txt has index options, pins, markers and --hash lines', () => {
    const { lock } = artifactsLock();
    lock.sections.default!.certifi!.markers = "python_version >= '3.6'";
    const text = exportRequirements(lock, { categories: ['default', 'dev-packages'] });
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['-i http://127.0.0.1:8080/simple', '--trusted-host 127.0.0.1:8080']);
    expect(text).toContain("certifi==2018.4.16 ; python_version >= '3.6' \\\n    --hash=sha256:");
    expect(text).toContain('six==1.11.0 \\\n    --hash=sha256:');
    expect(text.match(/--hash=/g)?.length).toBe(12);
    expect(exportRequirements(lock, { hashes: false, indexes: false })).toBe('certifi==2018.4.16 ; python_version >= \'3.6\'\nchardet==3.0.4\nidna==2.7\nrequests==2.19.1\nurllib3==1.23\n');
  });
  it('requirements.txt: a folder-of-wheels source becomes --find-links, the first index source -i', () => {
    const sources = [
      { name: 'local', url: './wheels', verify_ssl: true },
      { name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true },
      { name: 'extra', url: 'https://example.com/simple', verify_ssl: true },
    ];
    const lock = readLockfile(JSON.stringify({ _meta: { hash: { sha256: 'a'.repeat(64) }, 'pipfile-spec': 6, requires: {}, sources }, default: { six: { version: '==1.16.0' } }, develop: {} }));
    expect(exportRequirements(lock, { hashes: false })).toBe('--find-links ./wheels\n-i https://pypi.org/simple\n--extra-index-url https://example.com/simple\nsix==1.16.0\n');
  });
  it('requirements.txt writes path, editable and VCS entries as pip expects', () => {
    const lock = readLockfile(JSON.stringify({ _meta: { hash: { sha256: 'a'.repeat(64) }, 'pipfile-spec': 6, requires: {}, sources: [] }, default: {
      local: { editable: true, path: '.' },
      vcs: { git: 'https://github.com/x/vcs.git', ref: 'abc123', subdirectory: 'sub' },
      whl: { file: 'https://example.com/whl-1.0-py3-none-any.whl' },
    }, develop: {} }));
    expect(exportRequirements(lock)).toBe('-e .\ngit+https://github.com/x/vcs.git@abc123#egg=vcs&subdirectory=sub\nwhl @ https://example.com/whl-1.0-py3-none-any.whl\n');
  });
  it('pylock.toml export validates and lists every rule checked', () => {
    const { lock, files } = artifactsLock();
    const text = exportPylock(lock, { files, categories: ['default', 'develop'] });
    const v = validatePylock(text, { path: 'pylock.toml' });
    expect(v.problems).toEqual([]);
    expect(v.rulesChecked).toEqual(PYLOCK_RULES.map((r) => r.id));
    expect(text).toContain('requires-python = "==3.11.*"');
    expect(text).toContain('dependency-groups = ["develop"]');
    expect(text).toContain('marker = "\'develop\' in dependency_groups"');
    expect(text).toMatch(/name = "requests"\nversion = "2.19.1"\nindex = "http:\/\/127.0.0.1:8080\/simple"\nsdist = \{ name = "requests-2.19.1.tar.gz"/);
  });
});

describe.skipIf(!has)('validatePylock on the 13 pip fixtures and pipenv\'s 2 pylock files', () => {
  const pipDir = path.join(corpora, 'pip/tests-data/lockfiles');
  const files = has ? [...readdirSync(pipDir).map((f) => path.join(pipDir, f)), path.join(corpora, 'pipenv/repo-files/pylock.toml'), path.join(corpora, 'pipenv/repo-files/examples/pylock.toml')] : [];
  const expected: Record<string, string[]> = {
    'pylock.invalid.toml': ['lock-version', 'package-source'],
    'repo-files/pylock.toml': ['package-name', 'file-names'], // jaraco.classes etc. are not normalized names
    'examples/pylock.toml': ['size-upload-time'], // upload-time written as strings, not TOML datetimes
  };
  it('has 15 files', () => expect(files.length).toBe(15));
  it.each(files.map((f) => [path.relative(corpora, f), f]))('%s', (_rel, f) => {
    const v = validatePylock(readFileSync(f, 'utf8'), { path: f });
    const key = Object.keys(expected).find((k) => f.endsWith(k));
    expect([...new Set(v.problems.map((p) => p.rule))].sort()).toEqual(key ? [...(expected[key] as string[])].sort() : []);
    for (const p of v.problems) expect(p.line).toBeGreaterThan(0);
  });

  it.skipIf(!hasOracle)('agrees with packaging.pylock on every fixture, our export, and 9 broken variants', () => {
    const { lock, files: fileInfo } = artifactsLock();
    const exported = exportPylock(lock, { files: fileInfo });
    const variants = [
      exported,
      exported.replace('lock-version = "1.0"', 'lock-version = "2.0"'),
      exported.replace('name = "requests"', 'name = "Requests"'),
      exported.replace(/hashes = \{ sha256 = "[0-9a-f]+" \}/, 'hashes = {}'),
      exported.replace('created-by = "pipgrub"\n', ''),
      exported.replace('sdist = { name = "requests-2.19.1.tar.gz"', 'sdist = { name = "requests-2.19.2.tar.gz"'),
      exported.replace('[[packages]]\nname = "certifi"', '[[packages]]\nname = "certifi"\ndirectory = { path = "." }'),
      exported.replace('requires-python = "==3.11.*"', 'requires-python = "=>3.11"'),
      exported.replace('version = "2.19.1"', 'version = "2.19.1"\nmarker = "python_version >>= \'3\'"'),
      exported.replace('lock-version = "1.0"', 'lock-version = "1.0"\nenvironments = ["sys_platform == \'linux\'", "os_name"]'),
    ];
    const dir = mkdtempSync(path.join(tmpdir(), 'pylock-'));
    const all = [...files.map((f) => readFileSync(f, 'utf8')), ...variants];
    all.forEach((t, i) => writeFileSync(path.join(dir, `${i}.toml`), t));
    const script = 'import sys, tomllib\nfrom packaging.pylock import Pylock\nfor f in sys.argv[1:]:\n    try:\n        Pylock.from_dict(tomllib.load(open(f, "rb"))); print("ok")\n    except Exception:\n        print("bad")\n';
    const r = spawnSync('python3', ['-c', script, ...all.map((_t, i) => path.join(dir, `${i}.toml`))], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const oracle = r.stdout.trim().split('\n').map((x) => x === 'ok');
    const ours = all.map((t) => validatePylock(t).valid);
    expect(ours).toEqual(oracle);
    expect(oracle.filter(Boolean).length).toBe(13); // 12 valid pip fixtures + our export
  });
});

describe('requirements lines of local entries', () => {
  it.each([
    [{ editable: true, path: '.' }, '-e .'],
    [{ path: 'libs/x' }, './libs/x'],
    [{ file: 'dist/x-1.0-py3-none-any.whl', hashes: ['sha256:aa'] }, './dist/x-1.0-py3-none-any.whl \\\n    --hash=sha256:aa'],
    [{ file: 'https://h/x-1.0.tar.gz' }, 'x @ https://h/x-1.0.tar.gz'],
    [{ git: 'https://h/x.git', ref: 'a'.repeat(40) }, `git+https://h/x.git@${'a'.repeat(40)}#egg=x`],
    [{ git: 'https://h/x.git', ref: 'b'.repeat(40), editable: true, subdirectory: 'sub' }, `-e git+https://h/x.git@${'b'.repeat(40)}#egg=x&subdirectory=sub`],
  ])('%j', (entry, line) => {
    expect(requirementLine('x', entry)).toBe(line);
  });
});
