// Tests for choosing the wheel to install for each locked package.
import { InMemorySource, normalizeName } from '@pipgrub/core-resolver';
import { describe, expect, it } from 'vitest';
import { installPlan, lockedPackages } from './install-plan';

describe('installPlan', () => {
  it('verifies the chosen wheel against its own hash, not the sdist listed next to it (regression)', async () => {
    const files = [
      { filename: 'six-1.16.0.tar.gz', url: 'http://x/six-1.16.0.tar.gz', kind: 'sdist' as const, hashes: { sha256: '0'.repeat(64) } },
      { filename: 'six-1.16.0-py3-none-any.whl', url: 'http://x/six-1.16.0-py3-none-any.whl', kind: 'wheel' as const, hashes: { sha256: 'f'.repeat(64) } },
    ];
    const source = { getProject: () => ({ name: normalizeName('six'), releases: [{ version: '1.16.0', files }] }), getMetadata: () => ({ kind: 'unavailable' as const, reason: '' }) };
    const lock = {
      meta: { hash: { sha256: '' }, 'pipfile-spec': 6, requires: {}, sources: [] },
      sections: { default: { six: { version: '==1.16.0', hashes: [`sha256:${'0'.repeat(64)}`, `sha256:${'f'.repeat(64)}`] } } },
    };
    const wanted = await installPlan(source, lockedPackages(lock, ['default'], () => true));
    expect(wanted).toEqual([{ name: 'six', version: '1.16.0', url: files[1]!.url, hashes: [`sha256:${'f'.repeat(64)}`] }]);
  });

  it('skips entries whose marker does not hold and explains a missing release', async () => {
    const source = new InMemorySource({ six: { '1.16.0': {} } });
    const lock = {
      meta: { hash: { sha256: '' }, 'pipfile-spec': 6, requires: {}, sources: [] },
      sections: { default: { six: { version: '==1.15.0' }, pywin: { version: '==1', markers: "sys_platform == 'win32'" } } },
    };
    const entries = lockedPackages(lock, ['default'], (m) => !m.includes('win32'));
    expect([...entries.keys()]).toEqual(['six']);
    await expect(installPlan(source, entries)).rejects.toThrow(/six 1\.15\.0 from Pipfile\.lock is not on the index/);
  });
});
