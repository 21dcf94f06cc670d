// Exports checked by pip itself: `pip install --require-hashes -r` of pipgrub's requirements.txt
// installs from the test index; a tampered hash makes pip refuse. Also: failed writes leave files alone.
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLock, exportPylock, exportRequirements, isLockfileError, parsePipfile, readLockfile, validatePylock, writeFileAtomic, writeLockfile,
} from '@pipgrub/lockfile';
import type { LockedFile, ResolvedPackage } from '@pipgrub/lockfile';
import { startIndex } from '@pipgrub/test-kit';
import type { StartedIndex } from '@pipgrub/test-kit';

const hasPip = spawnSync('python3', ['-m', 'pip', '--version'], { encoding: 'utf8', env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' } }).status === 0;
if (!hasPip) console.warn('[lockfile-pip] skipping pip tests: `python3 -m pip` is not available');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { env, encoding: 'utf8', timeout: 180_000, maxBuffer: 32 << 20 }, (err, stdout, stderr) => {
      resolve({ status: err ? 1 : 0, out: stdout + stderr });
    });
  });
}

describe.skipIf(!hasPip)('pip --require-hashes installs pipgrub\'s requirements.txt', { timeout: 180_000 }, () => {
  let idx: StartedIndex;
  let dir: string;
  const env = () => ({ ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' });
  const files = (name: string, version: string): LockedFile[] =>
    idx.index.files.filter((f) => f.normalized === name && f.version === version).map((f) => ({ filename: f.filename, url: idx.url + f.urlPath, size: f.size, hashes: { sha256: f.sha256 }, uploadTime: f.uploadTime }));

  beforeAll(async () => {
    idx = await startIndex({
      'web-app': { '2.0.0': { requiresDist: ['helper-lib>=1', 'extra-thing; sys_platform == "nonexistent"'], sdist: true } },
      'helper-lib': { '1.0.0': { sdist: true, wheels: ['py3-none-any', 'cp311-cp311-win_amd64'] } },
      'dev-tool': { '0.5.0': {} },
      'extra-thing': { '1.0.0': {} },
    });
    dir = mkdtempSync(path.join(tmpdir(), 'lockfile-pip-'));
  });
  afterAll(async () => {
    await idx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function lockText(): string {
    const pipfile = parsePipfile(`[[source]]\nurl = "${idx.simpleUrl}"\nverify_ssl = false\nname = "kit"\n\n[packages]\nweb-app = "*"\n\n[dev-packages]\ndev-tool = "*"\n`);
    const pkg = (name: string, version: string, markers?: string): ResolvedPackage => ({ name, version, files: files(name, version), markers });
    const lock = buildLock({
      pipfile,
      categories: {
        packages: [pkg('web-app', '2.0.0'), pkg('helper-lib', '1.0.0'), pkg('extra-thing', '1.0.0', 'sys_platform == "nonexistent"')],
        'dev-packages': [pkg('dev-tool', '0.5.0')],
      },
    });
    return writeLockfile(lock);
  }

  it('installs default + develop with every hash checked, skipping marker-excluded packages', async () => {
    const lock = readLockfile(lockText());
    expect(lock.sections.default?.['helper-lib']?.hashes).toHaveLength(3); // both wheels (incl. the Windows one) and the sdist
    const req = exportRequirements(lock, { categories: ['default', 'develop'] });
    writeFileSync(path.join(dir, 'requirements.txt'), req);
    const target = path.join(dir, 'target');
    const r = await run('python3', ['-m', 'pip', 'install', '--isolated', '--require-hashes', '--target', target, '-r', path.join(dir, 'requirements.txt')], env());
    expect(r.status, r.out.slice(-3000)).toBe(0);
    const installed = readdirSync(target).filter((f) => f.endsWith('.dist-info')).sort();
    expect(installed).toEqual(['dev_tool-0.5.0.dist-info', 'helper_lib-1.0.0.dist-info', 'web_app-2.0.0.dist-info']);
  });

  it('pip refuses the export when a locked hash is wrong', async () => {
    const lock = readLockfile(lockText());
    const entry = lock.sections.default?.['web-app'];
    if (!entry?.hashes) throw new Error('no hashes');
    entry.hashes = entry.hashes.map(() => `sha256:${'0'.repeat(64)}`);
    writeFileSync(path.join(dir, 'bad.txt'), exportRequirements(lock));
    const r = await run('python3', ['-m', 'pip', 'install', '--isolated', '--require-hashes', '--no-deps', '--target', path.join(dir, 't2'), '-r', path.join(dir, 'bad.txt')], env());
    expect(r.status).not.toBe(0);
    expect(r.out).toMatch(/HASHES|hash/i);
  });

  it('the pylock.toml export of the same lock validates', () => {
    const text = exportPylock(readLockfile(lockText()), { files, categories: ['default', 'develop'] });
    const v = validatePylock(text, { path: 'pylock.toml' });
    expect(v.problems).toEqual([]);
    expect(text.match(/\[\[packages\]\]/g)).toHaveLength(4);
    expect(text).toMatch(/upload-time = \d{4}-\d\d-\d\dT[^ ,"]+, size = /);
  });
});

describe('writes are atomic and bad input leaves files untouched', () => {
  it('a failed write keeps the old file and leaves no temp file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockfile-atomic-'));
    try {
      const file = path.join(dir, 'Pipfile.lock');
      writeFileSync(file, 'old');
      await writeFileAtomic(file, 'new');
      expect(readFileSync(file, 'utf8')).toBe('new');
      const ro = path.join(dir, 'ro');
      spawnSync('mkdir', [ro]);
      writeFileSync(path.join(ro, 'Pipfile.lock'), 'keep');
      chmodSync(ro, 0o500);
      const isRoot = process.getuid?.() === 0;
      if (!isRoot) {
        await expect(writeFileAtomic(path.join(ro, 'Pipfile.lock'), 'x')).rejects.toSatisfy((e: unknown) => isLockfileError(e) && e.code === 'WRITE_FAILED');
        expect(readFileSync(path.join(ro, 'Pipfile.lock'), 'utf8')).toBe('keep');
      }
      chmodSync(ro, 0o700);
      await expect(writeFileAtomic(path.join(dir, 'missing-dir', 'Pipfile.lock'), 'x')).rejects.toSatisfy((e: unknown) => isLockfileError(e) && e.code === 'WRITE_FAILED' && !e.message.includes('\n'));
      expect(readdirSync(dir).sort()).toEqual(['Pipfile.lock', 'ro']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parse errors happen before anything is written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lockfile-untouched-'));
    try {
      const pf = path.join(dir, 'Pipfile');
      const bad = '[packages]\nrequests = {version = "*", extras = "socks"}\n';
      writeFileSync(pf, bad);
      writeFileSync(path.join(dir, 'Pipfile.lock'), '{"_meta": {}}\n');
      // What a `lock` command does: parse both, then write. Parsing fails, so nothing is written.
      const attempt = async () => {
        const pipfile = parsePipfile(readFileSync(pf, 'utf8'), { path: pf });
        await writeFileAtomic(path.join(dir, 'Pipfile.lock'), writeLockfile(buildLock({ pipfile, categories: {} })));
      };
      await expect(attempt()).rejects.toSatisfy((e: unknown) => isLockfileError(e) && e.line === 2 && e.key === 'packages.requests.extras');
      expect(readFileSync(pf, 'utf8')).toBe(bad);
      expect(readFileSync(path.join(dir, 'Pipfile.lock'), 'utf8')).toBe('{"_meta": {}}\n');
      expect(() => readLockfile('{"_meta": {}}\n', { path: 'Pipfile.lock' })).toThrow(/^Pipfile\.lock:1: _meta\.hash: missing required key$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
