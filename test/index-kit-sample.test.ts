// The bundled sample index (flask / requests / pytest trees): every non-extra dependency is published
// in it, and the folder written by scripts/build-example-wheels.ts works as a file:// index for pip.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeProjectName, SAMPLE_INDEX } from '@pipgrub/test-kit';
import { buildExampleWheels } from '../scripts/build-example-wheels';

const tmp: string[] = [];
afterAll(() => {
  for (const d of tmp) rmSync(d, { recursive: true, force: true });
});

function pip(args: string[]): Promise<{ status: number | null; out: string }> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('PIP_')) env[k] = v;
  env['PIP_CONFIG_FILE'] = '/dev/null';
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-m', 'pip', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, out }));
  });
}

const hasPip = await pip(['--version']).then((r) => r.status === 0, () => false);
if (!hasPip) console.log('skipping pip install of the sample index: `python3 -m pip` is not available');

describe('sample index', () => {
  it('publishes every dependency a default install can need', () => {
    const names = new Set(Object.keys(SAMPLE_INDEX).map(normalizeProjectName));
    const missing: string[] = [];
    for (const [project, versions] of Object.entries(SAMPLE_INDEX)) {
      for (const [version, release] of Object.entries(versions)) {
        for (const req of release.requiresDist ?? []) {
          const [spec, marker = ''] = req.split(';');
          const dep = normalizeProjectName(/^[A-Za-z0-9._-]+/.exec(spec!.trim())![0]);
          // Extras and markers for old Pythons / Windows / macOS may name projects the sample leaves out.
          if (/extra ==|python_version < "3\.(8|10|11)"|win32|Windows/.test(marker)) continue;
          if (!names.has(dep)) missing.push(`${project} ${version} -> ${dep}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it.skipIf(!hasPip)('installs flask, requests and pytest with pip from the folder as a file:// index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipgrub-sample-'));
    const target = mkdtempSync(join(tmpdir(), 'pipgrub-sample-target-'));
    tmp.push(dir, target);
    const index = buildExampleWheels(dir);
    expect(existsSync(join(dir, 'simple', 'flask', 'index.html'))).toBe(true);
    expect(existsSync(join(dir, 'flask-3.0.3-py3-none-any.whl'))).toBe(true);
    expect(index.files.every((f) => existsSync(f.path))).toBe(true);
    const r = await pip(['install', '--isolated', '--no-cache-dir', '--disable-pip-version-check', '--no-input', '--target', target,
      '--index-url', `${pathToFileURL(join(dir, 'simple')).href}/`, 'flask', 'requests', 'pytest']);
    expect(r.status, r.out).toBe(0);
    const installed = readdirSync(target).filter((d) => d.endsWith('.dist-info')).sort();
    expect(installed).toEqual(expect.arrayContaining(['flask-3.0.3.dist-info', 'requests-2.32.3.dist-info', 'pytest-8.3.3.dist-info', 'werkzeug-3.0.3.dist-info', 'urllib3-2.2.2.dist-info']));
    expect(existsSync(join(target, 'bin', 'flask'))).toBe(true);
    expect(existsSync(join(target, 'bin', 'pytest'))).toBe(true);
  });
});
