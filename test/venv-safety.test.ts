// Refusals: a tampered wheel (hash differs from the lock), zip-slip / absolute / escaping-symlink
// members, a RECORD mismatch and a truncated zip each fail with a typed error, env byte-for-byte unchanged.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWheel, writeZip, type ArchiveEntry } from '@pipgrub/test-kit';
import { WheelCache, createVenv, installWheel, isVenvError, type VenvErrorCode, type VirtualEnv } from '@pipgrub/venv';
import { pickPythons, snapshotTree } from '../packages/venv/src/testing/support';

let tmp: string;
let env: VirtualEnv | undefined;
let cache: WheelCache;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'pipgrub-safety-'));
  const py = (await pickPythons(1, path.join(tmp, 'cache')))[0];
  cache = new WheelCache(path.join(tmp, 'cache'));
  if (py) env = await createVenv(path.join(tmp, 'venv'), { python: py, cacheDir: path.join(tmp, 'cache') });
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const enc = new TextEncoder();
const digest = (d: Uint8Array) => 'sha256=' + createHash('sha256').update(d).digest('base64url');

/** A hand-made wheel: `files` plus METADATA/WHEEL and a RECORD (correct unless `record` overrides rows). */
function craftWheel(files: ArchiveEntry[], record?: (rows: string[]) => string[]): Uint8Array {
  const di = 'evil-1.0.dist-info';
  const entries: ArchiveEntry[] = [
    ...files,
    { path: `${di}/METADATA`, data: enc.encode('Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n') },
    { path: `${di}/WHEEL`, data: enc.encode('Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n') },
  ];
  let rows = entries.map((e) => `${e.path},${digest(e.data)},${e.data.length}`);
  if (record) rows = record(rows);
  entries.push({ path: `${di}/RECORD`, data: enc.encode(rows.join('\n') + `\n${di}/RECORD,,\n`) });
  return writeZip(entries);
}

async function expectRefused(name: string, bytes: Uint8Array, code: VenvErrorCode, hashes?: string[]): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, bytes);
  const before = await snapshotTree(env!.root);
  let message = '';
  await expect(
    installWheel(env!, file, { cache, ...(hashes ? { hashes } : {}) }).catch((e: unknown) => {
      message = e instanceof Error ? e.message : String(e);
      throw e;
    }),
  ).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === code);
  expect(await snapshotTree(env!.root)).toEqual(before);
  // nothing left half-unpacked in the cache either
  const unpacked = await readdir(path.join(cache.root, 'unpacked')).catch(() => [] as string[]);
  expect(unpacked.filter((n) => !n.endsWith('.json')).length).toBe(unpacked.filter((n) => n.endsWith('.json')).length);
  expect((await readdir(path.join(cache.root, 'tmp')).catch(() => [] as string[])).length).toBe(0);
  return message;
}

describe('refusals leave the environment unchanged', () => {
  it('tampered wheel: sha256 differs from the locked hash', async () => {
    if (!env) return console.log('no Python >= 3.8; skipped');
    const good = buildWheel('tamper', '1.0', {});
    const bad = Uint8Array.from(good.bytes);
    bad[40] = bad[40]! ^ 0xff;
    const msg = await expectRefused(good.filename, bad, 'HASH_MISMATCH', [`sha256:${good.sha256}`]);
    expect(msg).toContain(good.sha256);
  });

  it('zip-slip member (../)', async () => {
    if (!env) return;
    const msg = await expectRefused('evil-1.0-py3-none-any.whl', craftWheel([{ path: '../../../../evil.py', data: enc.encode('x = 1\n') }]), 'UNSAFE_WHEEL_PATH');
    expect(msg).toContain('../../../../evil.py');
  });

  it('absolute member path', async () => {
    if (!env) return;
    await expectRefused('evil-1.0-py3-none-any.whl', craftWheel([{ path: '/tmp/evil.py', data: enc.encode('x = 1\n') }]), 'UNSAFE_WHEEL_PATH');
  });

  it('symlink member escaping the target', async () => {
    if (!env) return;
    await expectRefused('evil-1.0-py3-none-any.whl', craftWheel([{ path: 'evil/link', data: enc.encode('../../../../../etc/passwd'), mode: 0o120777 }]), 'UNSAFE_WHEEL_PATH');
  });

  it('.data member escaping its scheme directory', async () => {
    if (!env) return;
    await expectRefused('evil-1.0-py3-none-any.whl', craftWheel([{ path: 'evil-1.0.data/unknown/x', data: enc.encode('x') }]), 'BAD_WHEEL');
  });

  it('RECORD mismatch: file content differs from its RECORD hash', async () => {
    if (!env) return;
    const bytes = craftWheel([{ path: 'evil/__init__.py', data: enc.encode('x = 1\n') }], (rows) => rows.map((r) => (r.startsWith('evil/__init__.py') ? `evil/__init__.py,${digest(enc.encode('x = 2\n'))},6` : r)));
    await expectRefused('evil-1.0-py3-none-any.whl', bytes, 'RECORD_MISMATCH');
  });

  it('RECORD mismatch: file not listed in RECORD', async () => {
    if (!env) return;
    const bytes = craftWheel([{ path: 'evil/__init__.py', data: enc.encode('x = 1\n') }], (rows) => rows.filter((r) => !r.startsWith('evil/')));
    await expectRefused('evil-1.0-py3-none-any.whl', bytes, 'RECORD_MISMATCH');
  });

  it('truncated zip', async () => {
    if (!env) return;
    const good = buildWheel('trunc', '1.0', {});
    const msg = await expectRefused(good.filename, good.bytes.subarray(0, Math.floor(good.bytes.length / 2)), 'CORRUPT_WHEEL');
    expect(msg).toMatch(/truncated|corrupt/i);
  });

  it('a failure while moving files into place rolls back what was moved', async () => {
    if (!env) return;
    const w = buildWheel('blocked', '1.0', {});
    const file = path.join(tmp, w.filename);
    await writeFile(file, w.bytes);
    // a plain file where the package directory must go: the dist-info moves first, then mkdir fails
    await writeFile(path.join(env.scheme.purelib, 'blocked'), 'in the way\n');
    const before = await snapshotTree(env.root);
    await expect(installWheel(env, file, { cache })).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === 'INSTALL_FAILED');
    expect(await snapshotTree(env.root)).toEqual(before);
    await rm(path.join(env.scheme.purelib, 'blocked'));
  });

  it('a good wheel still installs afterwards', async () => {
    if (!env) return;
    const good = buildWheel('fine', '1.0', {});
    const file = path.join(tmp, good.filename);
    await writeFile(file, good.bytes);
    const r = await installWheel(env, file, { cache, hashes: [`sha256:${good.sha256}`] });
    expect(r.name).toBe('fine');
    expect((await readdir(env.root)).filter((n) => n.startsWith('.pipgrub-'))).toEqual([]);
  });
});
