// Tests for a project's sources as index-client options: indexes, local wheel folders, the PyPI
// mirror and per-package index pins.
import { describe, expect, it } from 'vitest';
import { isLocalSourceUrl } from '@pipgrub/core-resolver/python';
import { indexOptionsFromSources, sourcesFromPipfile } from './sources';

describe('isLocalSourceUrl', () => {
  it.each([
    ['./wheels', true],
    ['wheels', true],
    ['/abs/wheels', true],
    ['https://pypi.org/simple', false],
    ['file:///abs/wheels', false],
    ['C:\\wheels', true],
    ['http://user@host/simple', false],
  ])('%s -> %s', (url, want) => expect(isLocalSourceUrl(url)).toBe(want));
});

describe('indexOptionsFromSources', () => {
  const sources = sourcesFromPipfile([
    { name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true },
    { name: 'corp', url: 'http://corp.example/simple', verify_ssl: false },
    { name: 'local', url: './wheels' },
  ]);
  it('splits indexes from folders of wheels, relative to the project', () => {
    expect(indexOptionsFromSources(sources, { projectDir: '/proj' })).toEqual({
      indexes: [
        { name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true },
        { name: 'corp', url: 'http://corp.example/simple', verifySsl: false },
      ],
      findLinks: ['/proj/wheels'],
      pins: {},
    });
  });
  it('replaces only PyPI with the mirror', () => {
    const urls = indexOptionsFromSources(sources, { projectDir: '/proj', mirror: 'https://mirror.example/simple' }).indexes.map((i) => i.url);
    expect(urls).toEqual(['https://mirror.example/simple', 'http://corp.example/simple']);
  });
  it('pins packages to indexes, ignoring choices that name no index', () => {
    const { pins } = indexOptionsFromSources(sources, { projectDir: '/proj', packageIndexes: { internal: 'corp', mine: 'local', other: 'nope' } });
    expect(pins).toEqual({ internal: 'corp' });
  });
});
