// Tag generation checked against packaging's order for representative targets, plus legacy
// manylinux aliases, musllinux, macOS and Windows, and wheel ranking.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { compatibleTags, platformTags, TagSet } from './tags';
import { markerEnvironment, wheelTargetFromMarkers, type WheelTarget } from './target';

const linux = (v: [number, number], arch = 'x86_64'): WheelTarget => ({
  implementation: 'cpython', pythonVersion: '3.12.4', platform: { os: 'linux', arch, libc: { kind: 'glibc', version: v } },
});

describe('platformTags', () => {
  it('manylinux with legacy aliases in place', () => {
    const t = platformTags(linux([2, 17]).platform);
    expect(t.slice(0, 2)).toEqual(['manylinux_2_17_x86_64', 'manylinux2014_x86_64']);
    expect(t).toContain('manylinux2010_x86_64');
    expect(t.indexOf('manylinux2010_x86_64')).toBe(t.indexOf('manylinux_2_12_x86_64') + 1);
    expect(t.slice(-2)).toEqual(['manylinux1_x86_64', 'linux_x86_64']);
    const arm = platformTags(linux([2, 28], 'aarch64').platform);
    expect(arm.at(-2)).toBe('manylinux2014_aarch64');
    expect(arm.some((x) => x.startsWith('manylinux1'))).toBe(false);
  });
  it('musllinux, macOS, Windows', () => {
    expect(platformTags({ os: 'linux', arch: 'aarch64', libc: { kind: 'musl', version: [1, 2] } })).toEqual([
      'musllinux_1_2_aarch64', 'musllinux_1_1_aarch64', 'musllinux_1_0_aarch64', 'linux_aarch64',
    ]);
    const mac = platformTags({ os: 'macos', arch: 'arm64', version: [14, 0] });
    expect(mac.slice(0, 3)).toEqual(['macosx_14_0_arm64', 'macosx_14_0_universal2', 'macosx_13_0_arm64']);
    expect(mac).toContain('macosx_10_9_universal2');
    expect(mac).not.toContain('macosx_10_9_x86_64');
    expect(platformTags({ os: 'windows', arch: 'amd64' })).toEqual(['win_amd64']);
  });
});

describe('compatibleTags', () => {
  it('orders cp312 > abi3 > none > py3 > any', () => {
    const tags = compatibleTags(linux([2, 35]));
    expect(tags[0]).toBe('cp312-cp312-manylinux_2_35_x86_64');
    const i = (t: string) => tags.indexOf(t);
    expect(i('cp312-abi3-manylinux_2_17_x86_64')).toBeGreaterThan(i('cp312-cp312-linux_x86_64'));
    expect(i('cp38-abi3-manylinux2014_x86_64')).toBeGreaterThan(0);
    expect(i('py3-none-any')).toBeGreaterThan(i('cp312-none-any'));
    expect(tags.at(-1)).toBe('py30-none-any');
  });
  it('PyPy ABI tags', () => {
    const tags = compatibleTags({ implementation: 'pypy', pythonVersion: '3.10', pypyVersion: '7.3', platform: { os: 'windows', arch: 'amd64' } });
    expect(tags[0]).toBe('pp310-pypy310_pp73-win_amd64');
    expect(tags).not.toContain('cp310-abi3-win_amd64');
    expect(tags).toContain('py3-none-any');
  });
  it('ranks wheels', () => {
    const set = new TagSet(linux([2, 31]));
    const a = set.priority(['cp312-cp312-manylinux_2_17_x86_64']);
    const b = set.priority(['cp312-abi3-manylinux_2_17_x86_64']);
    const c = set.priority(['py3-none-any']);
    expect(a! < b! && b! < c!).toBe(true);
    expect(set.priority(['cp312-cp312-manylinux_2_34_x86_64'])).toBeUndefined();
    expect(set.priority(['cp312-cp312-win_amd64'])).toBeUndefined();
  });
  it('marker environment', () => {
    expect(markerEnvironment(linux([2, 35]))).toMatchObject({ sys_platform: 'linux', python_version: '3.12', platform_machine: 'x86_64', python_full_version: '3.12.4' });
  });

  let packaging = false;
  try {
    execFileSync('python3', ['-c', 'import packaging.tags'], { stdio: 'ignore' });
    packaging = true;
  } catch {
    console.log('skipping packaging.tags comparison: python3 with packaging not found');
  }
  it.skipIf(!packaging)('matches packaging.tags for cp312 manylinux_2_35 x86_64 and macOS 14 arm64', () => {
    const script = `
import packaging.tags as t, json
def manylinux():
    for m in range(35, 4, -1):
        yield 'manylinux_2_%d_x86_64' % m
        if m == 17: yield 'manylinux2014_x86_64'
        if m == 12: yield 'manylinux2010_x86_64'
        if m == 5: yield 'manylinux1_x86_64'
    yield 'linux_x86_64'
p = list(manylinux())
tags = list(t.cpython_tags((3, 12), ['cp312'], p)) + list(t.compatible_tags((3, 12), 'cp312', p))
mac = list(t.mac_platforms((14, 0), 'arm64'))
print(json.dumps({'tags': [str(x) for x in tags], 'mac': mac}))`;
    const got = JSON.parse(execFileSync('python3', ['-c', script], { encoding: 'utf8' })) as { tags: string[]; mac: string[] };
    expect(compatibleTags(linux([2, 35]))).toEqual(got.tags);
    expect(platformTags({ os: 'macos', arch: 'arm64', version: [14, 0] })).toEqual(got.mac);
  });
});

describe('wheelTargetFromMarkers', () => {
  it.each([
    [{ sys_platform: 'linux', platform_machine: 'aarch64', python_full_version: '3.11.2', implementation_name: 'cpython' }, { libc: { kind: 'musl' as const, version: [1, 2] as [number, number] } },
      { implementation: 'cpython', pythonVersion: '3.11.2', platform: { os: 'linux', arch: 'aarch64', libc: { kind: 'musl', version: [1, 2] } } }],
    [{ sys_platform: 'darwin', platform_machine: 'arm64', platform_release: '23.1.0', python_full_version: '3.12.0' }, {},
      { implementation: 'cpython', pythonVersion: '3.12.0', platform: { os: 'macos', arch: 'arm64', version: [14, 0] } }],
    [{ sys_platform: 'win32', platform_machine: 'AMD64', python_full_version: '3.10.11', implementation_name: 'pypy' }, {},
      { implementation: 'pypy', pythonVersion: '3.10.11', pypyVersion: '7.3', platform: { os: 'windows', arch: 'amd64' } }],
  ])('%j', (markers, hints, want) => {
    expect(wheelTargetFromMarkers(markers, hints)).toEqual(want);
  });
  it('round-trips markerEnvironment', () => {
    const t = linux([2, 35]);
    expect(wheelTargetFromMarkers(markerEnvironment(t), { libc: { kind: 'glibc', version: [2, 35] } })).toEqual(t);
  });
});
