// Tests for command-line package arguments and requirements.txt import.
import { describe, expect, it } from 'vitest';
import { parsePackageArg, requirementsFileLines } from './package-arg';

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
});
