// Tests for choosing the wheel to install for each locked package.
import { InMemorySource, normalizeName } from '@pipgrub/core-resolver';
import { describe, expect, it } from 'vitest';
import { isVenvError } from '../errors';
import { chooseLockedWheel, lockedWheels } from './locked-wheels';

const file = (filename: string, hex: string) => ({
  filename, url: `http://x/${filename}`, kind: filename.endsWith('.whl') ? ('wheel' as const) : ('sdist' as const), hashes: { sha256: hex.repeat(64) },
});

describe('chooseLockedWheel', () => {
  const files = [file('six-1.16.0.tar.gz', '0'), file('six-1.16.0-py3-none-any.whl', 'f'), file('six-1.16.0-cp312-cp312-manylinux_2_17_x86_64.whl', 'a')];
  const tags = ['cp312-cp312-manylinux_2_17_x86_64', 'py3-none-any'];
  it('takes the best-ranked wheel among the locked hashes', () => {
    expect(chooseLockedWheel('six', '1.16.0', {}, files, tags)).toMatchObject({ kind: 'chosen', want: { url: files[2]!.url } });
    expect(chooseLockedWheel('six', '1.16.0', { hashes: [`sha256:${'f'.repeat(64)}`] }, files, tags)).toMatchObject({ kind: 'chosen', want: { url: files[1]!.url } });
  });
  it('says when only an sdist fits', () => {
    expect(chooseLockedWheel('six', '1.16.0', {}, files, ['cp27-cp27mu-linux_i686'])).toEqual({ kind: 'no-wheel', onlySdist: true });
  });
});

describe('lockedWheels', () => {
  it('verifies the chosen wheel against its own hash, not the sdist listed next to it (regression)', async () => {
    const files = [file('six-1.16.0.tar.gz', '0'), file('six-1.16.0-py3-none-any.whl', 'f')];
    const source = { getProject: () => ({ name: normalizeName('six'), releases: [{ version: '1.16.0', files }] }), getMetadata: () => ({ kind: 'unavailable' as const, reason: '' }) };
    const entries = new Map([['six', { version: '==1.16.0', hashes: [`sha256:${'0'.repeat(64)}`, `sha256:${'f'.repeat(64)}`] }]]);
    const wanted = await lockedWheels(source, entries, { tags: ['py3-none-any'] });
    expect(wanted).toEqual([{ name: 'six', version: '1.16.0', url: files[1]!.url, hashes: [`sha256:${'f'.repeat(64)}`] }]);
  });

  it('skips entries whose marker does not hold and explains a missing release', async () => {
    const source = new InMemorySource({ six: { '1.16.0': {} } });
    const entries = new Map([['six', { version: '==1.15.0' }], ['pywin', { version: '==1', markers: "sys_platform == 'win32'" }]]);
    const attempt = lockedWheels(source, entries, { tags: ['py3-none-any'], markerHolds: (m) => !m.includes('win32') });
    await expect(attempt).rejects.toSatisfy((e: unknown) => isVenvError(e) && e.code === 'LOCKED_VERSION_MISSING' && /six 1\.15\.0 from Pipfile\.lock is not on the index/.test(e.message));
  });
});
