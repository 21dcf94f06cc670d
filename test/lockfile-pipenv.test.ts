// @pipgrub/lockfile against the real `pipenv` (apt, 2022.12.19): same `_meta.hash`, `pipenv lock`
// output read and rewritten without loss, pipgrub's lock byte-identical to Pipenv's and accepted by
// `pipenv verify` and `pipenv sync`. Skipped, with the reason printed, when pipenv is absent.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLock, exportRequirements, isLockUpToDate, parsePipfile, pipfileHash, PipfileDocument, readLockfile, renderSpec, tomlKey, tomlString, writeFileAtomic, writeLockfile,
} from '@pipgrub/lockfile';
import type { LockedFile, PackageSpecInput, ResolvedPackage } from '@pipgrub/lockfile';
import { startIndex } from '@pipgrub/test-kit';
import type { StartedIndex } from '@pipgrub/test-kit';

const pipenvPath = spawnSync('sh', ['-c', 'command -v pipenv'], { encoding: 'utf8' }).stdout.trim();
/** The interpreter pipenv runs on (its shebang), which can import pipenv's vendored plette. */
const pipenvPython = pipenvPath ? (/^#!\s*(\S+)/.exec(readFileSync(pipenvPath, 'utf8').split('\n')[0] ?? '')?.[1] ?? 'python3') : '';
const hasPipenv = Boolean(pipenvPath) && spawnSync(pipenvPython, ['-c', 'from pipenv.vendor.plette import Pipfile'], { encoding: 'utf8' }).status === 0;
if (!hasPipenv) console.warn('[lockfile-pipenv] skipping: the `pipenv` command (apt package pipenv) is not installed');

/** Run a command without blocking the event loop (the test index is served from this process). */
function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { cwd: opts.cwd, env: opts.env, encoding: 'utf8', timeout: 240_000, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ status: code, stdout, stderr });
    });
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

/** Pipfiles whose names are already normalized, so the 2022 raw-name hash equals today's. */
const HASH_PIPFILES: Record<string, string> = {
  'no source': '[packages]\nrequests = "*"\n',
  'empty': '',
  'two sources + requires': '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[[source]]\nurl = "http://127.0.0.1:9/simple"\nverify_ssl = false\nname = "local"\n\n[packages]\nrequests = {version = ">=2", extras = ["socks", "security"], index = "local"}\n\n[requires]\npython_full_version = "3.11.7"\n',
  'custom categories + scripts + pipenv': '[packages]\nsix = "==1.16.0"\n\n[dev-packages]\npytest = ">=7"\n\n[docs]\nsphinx = "~=7.0"\n\n[tests]\nhypothesis = "*"\n\n[scripts]\ntest = "pytest"\n\n[pipenv]\nallow_prereleases = true\n',
  'every entry form': '[packages]\nlocal = {path = ".", editable = true}\nwheel = {file = "https://example.com/wheel-1.0-py3-none-any.whl"}\nvcs = {git = "https://github.com/x/vcs.git", ref = "main", subdirectory = "sub"}\nplat = {version = "*", sys_platform = "== \'linux\'", markers = "python_version >= \'3.8\'"}\n',
  'non-ASCII and astral characters': '[packages]\nemoji = {version = "*", markers = "platform_version == \'😀 é ü 日本\'"}\n\n[requires]\npython_version = "3.11"\n',
  'escapes in strings': '[packages]\nquoted = {version = "*", markers = "platform_version == \\"a\\\\\\\\b\\"\\t"}\n',
  'literal strings and dotted keys': "[packages]\nzope-interface = '>=5'\n\n[packages.attrs]\nversion = '*'\nextras = ['tests']\n",
};

describe.skipIf(!hasPipenv)('pipenv computes the same _meta.hash', { timeout: 180_000 }, () => {
  it(`for ${Object.keys(HASH_PIPFILES).length} Pipfiles`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockfile-hash-'));
    try {
      const names = Object.keys(HASH_PIPFILES);
      names.forEach((n, i) => writeFileSync(path.join(dir, `${i}.Pipfile`), HASH_PIPFILES[n] as string));
      const script = 'import sys\nfrom pipenv.vendor.plette import Pipfile\nfor f in sys.argv[1:]:\n    with open(f, encoding="utf-8") as fh:\n        print(Pipfile.load(fh).get_hash().value)\n';
      const r = await run(pipenvPython, ['-c', script, ...names.map((_n, i) => path.join(dir, `${i}.Pipfile`))]);
      expect(r.status, r.stderr).toBe(0);
      const theirs = r.stdout.trim().split('\n');
      const ours = names.map((n) => pipfileHash(parsePipfile(HASH_PIPFILES[n] as string)));
      expect(ours).toEqual(theirs);
      console.log(`[lockfile-pipenv] _meta.hash matched pipenv (plette) on ${theirs.length}/${names.length} Pipfiles`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Seeded random Pipfiles with non-ASCII everywhere a Pipfile allows free text that is hashed. */
function randomPipfiles(n: number, seed: number): string[] {
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 8 }),
    fc.string({ unit: fc.constantFrom('\t', '\n', '\x01', '\x7f', '"', '\\', '/', 'é', '😀', '\ue000', 'a'), maxLength: 6 }),
  );
  const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?$/);
  // No backslash: a marker string is a Python literal, so `'a\'` is invalid (packaging rejects it too).
  const markerText = text.filter((t) => ![...t].some((c) => c === "'" || c === '\\' || c < ' ' || c === '\x7f'));
  const spec = fc.oneof(
    fc.constantFrom('*', '==1.0', '>=1,<2', '~=2.1'),
    fc.record({
      version: fc.constantFrom('*', '>=1'),
      extras: fc.array(text, { maxLength: 2 }),
      markers: markerText.map((t) => `platform_version == '${t}'`),
      editable: fc.boolean(),
    }, { requiredKeys: ['version'] }),
  );
  const category = fc.uniqueArray(fc.tuple(name, spec), { selector: ([k]) => k, maxLength: 4 });
  const pipfile = fc.record({
    sources: fc.array(fc.record({ url: text, name: text, verify_ssl: fc.boolean() }), { maxLength: 2 }),
    requires: fc.option(fc.record({ python_version: text }), { nil: undefined }),
    packages: category,
    dev: category,
    custom: fc.uniqueArray(fc.tuple(text.filter((t) => t.trim().length > 0 && ![...t].some((c) => c < ' ' || c === '\x7f') /* tomlkit 2022 rejects such table names */ && !['source', 'packages', 'dev-packages', 'requires', 'scripts', 'pipfile', 'pipenv', 'default', 'develop'].includes(t)), category), { selector: ([k]) => k, maxLength: 2 }),
  });
  return fc.sample(pipfile, { numRuns: n, seed }).map((m) => {
    let out = '';
    for (const s of m.sources) out += `[[source]]\nurl = ${tomlString(s.url)}\nname = ${tomlString(s.name)}\nverify_ssl = ${s.verify_ssl}\n\n`;
    if (m.requires) out += `[requires]\npython_version = ${tomlString(m.requires.python_version)}\n\n`;
    const table = (t: string, entries: Array<[string, PackageSpecInput]>) => `[${tomlKey(t)}]\n${entries.map(([k, v]) => `${k} = ${renderSpec(v)}\n`).join('')}\n`;
    out += table('packages', m.packages) + table('dev-packages', m.dev);
    for (const [t, entries] of m.custom) out += table(t, entries);
    return out;
  });
}

describe.skipIf(!hasPipenv)('pipenv computes the same _meta.hash on 200 seeded random Pipfiles', { timeout: 180_000 }, () => {
  it('with non-ASCII, astral and control characters in sources, requires, categories and markers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockfile-hash-rand-'));
    try {
      const texts = randomPipfiles(200, 2026);
      texts.forEach((t, i) => writeFileSync(path.join(dir, `${i}.Pipfile`), t));
      const script = 'import sys\nfrom pipenv.vendor.plette import Pipfile\nfor f in sys.argv[1:]:\n    with open(f, encoding="utf-8") as fh:\n        print(Pipfile.load(fh).get_hash().value)\n';
      const r = await run(pipenvPython, ['-c', script, ...texts.map((_t, i) => path.join(dir, `${i}.Pipfile`))]);
      expect(r.status, r.stderr.slice(-2000)).toBe(0);
      const theirs = r.stdout.trim().split('\n');
      const ours = texts.map((t) => pipfileHash(parsePipfile(t)));
      const matched = ours.filter((h, i) => h === theirs[i]).length;
      console.log(`[lockfile-pipenv] _meta.hash matched pipenv (plette) on ${matched}/${texts.length} random Pipfiles`);
      expect(ours).toEqual(theirs);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasPipenv)('pipenv lock / verify / sync on the test index', { timeout: 180_000 }, () => {
  let idx: StartedIndex;
  let home: string;
  const env = () => ({
    ...process.env, PIP_CONFIG_FILE: '/dev/null', PIPENV_VENV_IN_PROJECT: '1', HOME: home, WORKON_HOME: path.join(home, 'venvs'),
    PIPENV_NOSPIN: '1', PIPENV_YES: '1', PIPENV_IGNORE_VIRTUALENVS: '1', PIPENV_PYTHON: 'python3', PIP_DISABLE_PIP_VERSION_CHECK: '1',
    NO_COLOR: '1', PIPENV_VERBOSITY: '-1', VIRTUAL_ENV: '', PIP_NO_INPUT: '1',
  });
  const project = (extra = '') => `[[source]]\nurl = "${idx.simpleUrl}"\nverify_ssl = false\nname = "kit"\n\n[packages]\ndemo-app = "*"\n${extra}\n[dev-packages]\n\n[requires]\npython_version = "3.11"\n`;
  const files = (name: string, version: string): LockedFile[] =>
    idx.index.files.filter((f) => f.normalized === name && f.version === version).map((f) => ({ filename: f.filename, url: idx.url + f.urlPath, size: f.size, hashes: { sha256: f.sha256 } }));
  const resolution = (): ResolvedPackage[] => [
    { name: 'demo-app', version: '1.0.0', files: files('demo-app', '1.0.0') },
    { name: 'tiny-lib', version: '1.1.0', files: files('tiny-lib', '1.1.0') },
  ];

  beforeAll(async () => {
    // pipenv 2022 vendors pip 22.3, which cannot read PEP 691 JSON metadata keys: serve HTML only.
    idx = await startIndex({
      'demo-app': { '1.0.0': { requiresDist: ['tiny-lib>=1'] } },
      'tiny-lib': { '1.0.0': { sdist: true }, '1.1.0': { sdist: true } },
    }, { indexOptions: { json: false } });
    home = mkdtempSync(path.join(tmpdir(), 'lockfile-pipenv-'));
  });
  afterAll(async () => {
    await idx?.close();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('reads a pipenv-written lock without loss, and builds the same bytes from the same resolution', async () => {
    const dir = path.join(home, 'p1');
    await run('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, 'Pipfile'), project());
    const r = await run('pipenv', ['lock'], { cwd: dir, env: env() });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const text = readFileSync(path.join(dir, 'Pipfile.lock'), 'utf8');
    const lock = readLockfile(text, { path: 'Pipfile.lock' });
    expect(writeLockfile(lock)).toBe(text);
    const pipfile = parsePipfile(readFileSync(path.join(dir, 'Pipfile'), 'utf8'));
    expect(lock.meta.hash.sha256).toBe(pipfileHash(pipfile));
    expect(isLockUpToDate(pipfile, lock).upToDate).toBe(true);
    expect(Object.keys(lock.sections.default ?? {}).sort()).toEqual(['demo-app', 'tiny-lib']);
    const ours = writeLockfile(buildLock({ pipfile, categories: { packages: resolution() } }));
    expect(ours).toBe(text);

    // `pipenv requirements --hash` and our export pin the same versions with the same hashes.
    const req = await run('pipenv', ['requirements', '--hash'], { cwd: dir, env: env() });
    expect(req.status, req.stderr.slice(-2000)).toBe(0);
    const pins = (t: string) => t.split('\n').filter((l) => /^[a-z]/i.test(l)).map((l) => l.replace(/\s*\\$/, '')).join(' ').split(/\s+/).filter((x) => x.includes('==') || x.startsWith('--hash=')).sort();
    const mine = exportRequirements(lock).replace(/ \\\n\s+/g, ' ');
    expect(pins(mine)).toEqual(pins(req.stdout));
    expect(pins(mine).length).toBe(5); // 2 pins + 3 hashes
    expect(mine.split('\n')[0]).toBe(req.stdout.split('\n')[0]); // same `-i <index>` line
  });

  it('reads a pipenv lock with dev-packages, a custom category and markers without loss', async () => {
    // Same project as the previous test: its virtualenv already exists, which saves a venv creation.
    const dir = path.join(home, 'p1');
    await run('mkdir', ['-p', dir]);
    const text0 = `[[source]]\nurl = "${idx.simpleUrl}"\nverify_ssl = false\nname = "kit"\n\n[packages]\ndemo-app = {version = "*", markers = "os_name != 'nt'"}\n\n[dev-packages]\ntiny-lib = "*"\n\n[docs]\ntiny-lib = ">=1"\n\n[requires]\npython_version = "3.11"\n`;
    writeFileSync(path.join(dir, 'Pipfile'), text0);
    const r = await run('pipenv', ['lock'], { cwd: dir, env: env() });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const text = readFileSync(path.join(dir, 'Pipfile.lock'), 'utf8');
    const lock = readLockfile(text, { path: 'Pipfile.lock' });
    expect(writeLockfile(lock)).toBe(text);
    expect(Object.keys(lock.sections)).toEqual(['default', 'develop', 'docs']);
    expect(lock.sections.default?.['demo-app']?.markers).toBe("os_name != 'nt'");
    const pipfile = parsePipfile(text0);
    expect(lock.meta.hash.sha256).toBe(pipfileHash(pipfile));
    expect(isLockUpToDate(pipfile, lock).upToDate).toBe(true);
  });

  it('pipgrub\'s lock passes `pipenv verify`, and both agree when the Pipfile changes', async () => {
    const dir = path.join(home, 'p2');
    await run('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, 'Pipfile'), project());
    const pipfile = parsePipfile(readFileSync(path.join(dir, 'Pipfile'), 'utf8'));
    await writeFileAtomic(path.join(dir, 'Pipfile.lock'), writeLockfile(buildLock({ pipfile, categories: { packages: resolution() } })));
    const ok = await run('pipenv', ['verify'], { cwd: dir, env: env() });
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);

    const doc = PipfileDocument.parse(readFileSync(path.join(dir, 'Pipfile'), 'utf8')).addPackage('packages', 'tiny-lib', '>=1');
    writeFileSync(path.join(dir, 'Pipfile'), doc.toString());
    const stale = await run('pipenv', ['verify'], { cwd: dir, env: env() });
    expect(stale.status).not.toBe(0);
    const verdict = isLockUpToDate(doc.pipfile, readLockfile(readFileSync(path.join(dir, 'Pipfile.lock'), 'utf8')));
    expect(verdict.upToDate).toBe(false);
    expect(verdict.reasons.map((x) => x.kind)).toEqual(['hash-mismatch']);
  });

  it('`pipenv sync` installs from a pipgrub lock', async () => {
    const dir = path.join(home, 'p3');
    await run('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, 'Pipfile'), project());
    const pipfile = parsePipfile(readFileSync(path.join(dir, 'Pipfile'), 'utf8'));
    await writeFileAtomic(path.join(dir, 'Pipfile.lock'), writeLockfile(buildLock({ pipfile, categories: { packages: resolution() } })));
    const r = await run('pipenv', ['sync'], { cwd: dir, env: env() });
    expect(r.status, (r.stdout + r.stderr).slice(-3000)).toBe(0);
    const lib = path.join(dir, '.venv/lib');
    const site = path.join(lib, readdirSync(lib)[0] as string, 'site-packages');
    const installed = existsSync(site) ? readdirSync(site).filter((f) => f.endsWith('.dist-info')).sort() : [];
    expect(installed).toEqual(expect.arrayContaining(['demo_app-1.0.0.dist-info', 'tiny_lib-1.1.0.dist-info']));
  });
});
