// Tests of the sync policy for local lock entries: what stays installed without a build (a git commit
// or archive hash that matches) and what is rebuilt (another commit, a non-editable path).

import { describe, expect, it } from 'vitest';
import type { InstalledDistribution } from '../installed/distributions';
import type { LocalProjects } from './local-project';
import { localWheels, splitLocalEntries } from './local-wheels';

const commit = 'a'.repeat(40);

function installed(name: string, version: string, directUrl: object): InstalledDistribution {
  return { name, key: name, version, distInfo: `/nonexistent/${name}-${version}.dist-info`, location: '/nonexistent', installer: 'pipgrub', directUrl: directUrl as InstalledDistribution['directUrl'] };
}

/** A LocalProjects stand-in that records what it was asked to build. */
function fakeProjects(): { projects: LocalProjects; built: string[] } {
  const built: string[] = [];
  const projects = {
    wheel: async (entry: string) => {
      built.push(entry);
      return { wheel: `/tmp/${entry}-2.0-py3-none-any.whl`, metadata: { name: entry, version: '2.0', requiresDist: [], providesExtra: [] }, commit: 'b'.repeat(40) };
    },
    prepare: async () => {
      throw new Error('not expected');
    },
  } as unknown as LocalProjects;
  return { projects, built };
}

describe('localWheels', () => {
  it('keeps a git install at the locked commit and an archive with the locked hash, without building', async () => {
    const { projects, built } = fakeProjects();
    const entries = new Map([
      ['tool', { git: 'https://h/tool.git', ref: commit }],
      ['arch', { file: '/w/dist/arch-1.0.tar.gz', hashes: ['sha256:' + 'c'.repeat(64)] }],
    ]);
    const wanted = await localWheels(projects, entries, {
      projectDir: '/w',
      installed: [
        installed('tool', '1.0', { url: 'https://h/tool.git', vcs_info: { vcs: 'git', commit_id: commit } }),
        installed('arch', '1.0', { url: 'file:///w/dist/arch-1.0.tar.gz', archive_info: { hashes: { sha256: 'c'.repeat(64) } } }),
      ],
    });
    expect(built).toEqual([]);
    expect(wanted.map((w) => [w.name, w.version, w.path, w.reinstall])).toEqual([['tool', '1.0', undefined, undefined], ['arch', '1.0', undefined, undefined]]);
  });

  it('rebuilds a git install at another commit and a non-editable path every time', async () => {
    const { projects, built } = fakeProjects();
    const entries = new Map([
      ['tool', { git: 'https://h/tool.git', ref: 'b'.repeat(40) }],
      ['lib', { path: './lib' }],
    ]);
    const wanted = await localWheels(projects, entries, {
      projectDir: '/w',
      installed: [installed('tool', '1.0', { url: 'https://h/tool.git', vcs_info: { vcs: 'git', commit_id: commit } }), installed('lib', '2.0', { url: 'file:///w/lib', dir_info: {} })],
    });
    expect(built).toEqual(['tool', 'lib']);
    expect(wanted.every((w) => w.reinstall && w.path?.endsWith('.whl'))).toBe(true);
  });

  it('refuses a git entry without a resolved commit, and skips entries whose marker fails', async () => {
    const { projects } = fakeProjects();
    await expect(localWheels(projects, new Map([['tool', { git: 'https://h/tool.git', ref: 'main' }]]), { projectDir: '/w', installed: [] })).rejects.toThrow(/without a resolved commit/);
    const skipped = await localWheels(projects, new Map([['lib', { path: './lib', markers: "os_name == 'nt'" }]]), { projectDir: '/w', installed: [], markerHolds: () => false });
    expect(skipped).toEqual([]);
  });

  it('splits lock entries into index packages and local projects', () => {
    const { index, local } = splitLocalEntries(new Map([['six', { version: '==1.16.0' }], ['me', { editable: true, path: '.' }], ['t', { git: 'u', ref: commit }]]));
    expect([...index.keys()]).toEqual(['six']);
    expect([...local.keys()]).toEqual(['me', 't']);
  });
});
