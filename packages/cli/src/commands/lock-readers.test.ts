// In-process tests of the commands that only read Pipfile.lock: verify, requirements, pylock, scripts.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLock, parsePipfile, writeLockfile } from '@pipgrub/lockfile';
import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import { MemorySink } from '../testing';

const PIPFILE = `[[source]]
url = "http://127.0.0.1:9/simple"
verify_ssl = false
name = "test"

[packages]
flask = "*"

[dev-packages]
pytest = ">=8"

[scripts]
test = "pytest -q"
hello = {call = "app:hello('x')"}
`;

const sha = (c: string) => c.repeat(64);

function lockedProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipgrub-readers-'));
  writeFileSync(join(dir, 'Pipfile'), PIPFILE);
  const pipfile = parsePipfile(PIPFILE);
  const lock = buildLock({
    pipfile,
    categories: {
      packages: [
        { name: 'flask', version: '3.0.0', files: [{ filename: 'flask-3.0.0-py3-none-any.whl', hashes: { sha256: sha('a') } }] },
        { name: 'colorama', version: '0.4.6', markers: "platform_system == 'Windows'", files: [{ hashes: { sha256: sha('b') } }] },
      ],
      'dev-packages': [{ name: 'pytest', version: '8.1.0', files: [{ hashes: { sha256: sha('c') } }] }],
    },
  });
  writeFileSync(join(dir, 'Pipfile.lock'), writeLockfile(lock));
  return dir;
}

async function cli(argv: string[], cwd: string) {
  const stdout = new MemorySink();
  const stderr = new MemorySink();
  const code = await runCli(argv, { stdout, stderr, env: {}, cwd });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('verify', () => {
  it('passes on a fresh lock and fails (exit 1) after the Pipfile changes', async () => {
    const dir = lockedProject();
    expect(await cli(['verify'], dir)).toMatchObject({ code: 0, stderr: 'Pipfile.lock is up to date.\n' });
    writeFileSync(join(dir, 'Pipfile'), PIPFILE.replace('flask = "*"', 'flask = "*"\nrequests = "*"'));
    const r = await cli(['verify'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: Pipfile.lock is out of date with the Pipfile.');
    expect(r.stderr).toContain('requests');
    const json = await cli(['verify', '--json'], dir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ upToDate: false, reasons: expect.arrayContaining([expect.objectContaining({ kind: 'package-added' })]) });
  });
  it('explains a missing lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipgrub-readers-'));
    writeFileSync(join(dir, 'Pipfile'), PIPFILE);
    expect(await cli(['verify'], dir)).toMatchObject({ code: 1, stderr: expect.stringContaining('Run `pipgrub lock`') });
  });
});

describe('requirements', () => {
  it('prints pinned lines with markers, hashes on request, dev on request', async () => {
    const dir = lockedProject();
    const plain = await cli(['requirements'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('-i http://127.0.0.1:9/simple');
    expect(plain.stdout).toContain('flask==3.0.0');
    expect(plain.stdout).toContain("colorama==0.4.6 ; platform_system == 'Windows'");
    expect(plain.stdout).not.toContain('--hash');
    expect(plain.stdout).not.toContain('pytest');
    const hashed = await cli(['requirements', '--hash', '--dev'], dir);
    expect(hashed.stdout).toContain(`--hash=sha256:${sha('a')}`);
    expect(hashed.stdout).toContain('pytest==8.1.0');
    const devOnly = await cli(['requirements', '--dev-only', '--exclude-markers'], dir);
    expect(devOnly.stdout).toContain('pytest==8.1.0');
    expect(devOnly.stdout).not.toContain('flask');
  });
});

describe('pylock', () => {
  it('validates a correct pylock.toml', async () => {
    const dir = lockedProject();
    writeFileSync(
      join(dir, 'pylock.toml'),
      `lock-version = "1.0"\ncreated-by = "x"\n\n[[packages]]\nname = "six"\nversion = "1.16.0"\nwheels = [{ name = "six-1.16.0-py2.py3-none-any.whl", url = "http://x/six-1.16.0-py2.py3-none-any.whl", hashes = { sha256 = "${sha('d')}" } }]\n`,
    );
    const val = await cli(['pylock', '--validate'], dir);
    expect(val.stderr).toContain('pylock.toml is valid');
    expect(val.code).toBe(0);
    expect(readFileSync(join(dir, 'pylock.toml'), 'utf8')).toContain('lock-version');
  });
  it('lists the problems of an invalid file', async () => {
    const dir = lockedProject();
    writeFileSync(join(dir, 'bad.toml'), 'lock-version = "9"\n');
    const r = await cli(['pylock', '--validate', 'bad.toml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bad.toml is not a valid pylock file');
  });
});

describe('scripts', () => {
  it('lists [scripts]', async () => {
    const r = await cli(['scripts'], lockedProject());
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('test     pytest -q');
    expect(r.stdout).toContain("call: app:hello('x')");
  });
});
