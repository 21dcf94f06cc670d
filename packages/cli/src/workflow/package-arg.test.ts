// Tests for command-line package arguments and requirements.txt import.
import { describe, expect, it } from 'vitest';
import { editableTarget, parseLocalArg, parsePackageArg, requirementsFileLines } from './package-arg';

describe('parsePackageArg', () => {
  it.each([
    ['requests', { name: 'requests', spec: '*' }],
    ['requests==2.31.0', { name: 'requests', spec: '==2.31.0' }],
    // Specifiers and markers are normalized as packaging prints them (so does Pipenv).
    ['Flask >= 3, < 4', { name: 'Flask', spec: '<4,>=3' }],
    ['requests[socks,security]~=2.31', { name: 'requests', spec: { version: '~=2.31', extras: ['socks', 'security'] } }],
    ["colorama; sys_platform == 'win32'", { name: 'colorama', spec: { version: '*', markers: 'sys_platform == "win32"' } }],
  ])('%s', (arg, expected) => {
    expect(parsePackageArg(arg)).toEqual(expected);
  });
  it('rejects garbage with a hint', () => {
    expect(() => parsePackageArg('==1.0')).toThrow(/not a package requirement/);
  });
});

describe('requirementsFileLines', () => {
  it('keeps requirements, drops comments, options and hashes', () => {
    const text = '-i https://x/simple\n# comment\nflask==3.0.3 \\\n    --hash=sha256:aa\nrequests>=2  # inline\n\n';
    expect(requirementsFileLines(text)).toEqual(['flask==3.0.3', 'requests>=2']);
  });
  it('keeps editable lines as -e TARGET', () => {
    const lines = requirementsFileLines('-e ./libs/a\n--editable=git+https://h/r.git#egg=r\nsix\n');
    expect(lines).toEqual(['-e ./libs/a', '-e git+https://h/r.git#egg=r', 'six']);
    expect(lines.map(editableTarget)).toEqual(['./libs/a', 'git+https://h/r.git#egg=r', undefined]);
  });
});

describe('parseLocalArg', () => {
  it.each([
    ['.', true, { arg: '.', spec: { editable: true, path: '.' } }],
    ['./libs/x', false, { arg: './libs/x', spec: { path: './libs/x' } }],
    ['./dist/x-1.0-py3-none-any.whl', false, { arg: './dist/x-1.0-py3-none-any.whl', spec: { file: './dist/x-1.0-py3-none-any.whl' } }],
    ['git+https://h/r.git@v1#egg=r', false, { name: 'r', arg: 'git+https://h/r.git@v1#egg=r', spec: { git: 'https://h/r.git', ref: 'v1' } }],
    ['git+ssh://git@h/r.git#egg=r&subdirectory=sub', true, { name: 'r', arg: 'git+ssh://git@h/r.git#egg=r&subdirectory=sub', spec: { editable: true, git: 'ssh://git@h/r.git', subdirectory: 'sub' } }],
    ['git+file:///tmp/repo@0123abc', false, { arg: 'git+file:///tmp/repo@0123abc', spec: { git: 'file:///tmp/repo', ref: '0123abc' } }],
    ['https://h/x-1.0.tar.gz', false, { arg: 'https://h/x-1.0.tar.gz', spec: { file: 'https://h/x-1.0.tar.gz' } }],
    ['requests>=2', false, undefined],
  ])('%s (editable %s)', (arg, editable, expected) => {
    expect(parseLocalArg(arg, editable, '/nonexistent')).toEqual(expected);
  });
  it('a PEP 508 direct reference becomes the local table under its name', () => {
    expect(parsePackageArg('tool @ git+https://h/tool.git@v2')).toEqual({ name: 'tool', spec: { git: 'https://h/tool.git', ref: 'v2' } });
  });
});
