// Tests for [scripts] entries: shell splitting and `call` tables.
import { describe, expect, it } from 'vitest';
import { scriptArgv, scriptCommandLine, shellSplit } from './script-line';

describe('shellSplit', () => {
  it.each([
    ['pytest -q tests', ['pytest', '-q', 'tests']],
    ['python -c "print(\'hi there\')"', ['python', '-c', "print('hi there')"]],
    ["echo 'a  b' c\\ d", ['echo', 'a  b', 'c d']],
    ['echo ""', ['echo', '']],
    ['  spaced   out  ', ['spaced', 'out']],
  ])('%j', (text, argv) => {
    expect(shellSplit(text)).toEqual(argv);
  });
  it('rejects an unterminated quote', () => {
    expect(() => shellSplit('echo "oops')).toThrow(/Unterminated/);
  });
});

describe('scriptArgv', () => {
  it('splits strings and turns call tables into python -c', () => {
    expect(scriptArgv('t', 'pytest -x')).toEqual(['pytest', '-x']);
    expect(scriptArgv('c', { call: 'pkg.cli:main' })).toEqual(['python', '-c', 'import pkg.cli as _m; _m.main()']);
    expect(scriptArgv('c', { call: "pkg:run('x', 2)" })).toEqual(['python', '-c', "import pkg as _m; _m.run('x', 2)"]);
  });
  it('rejects other shapes', () => {
    expect(() => scriptArgv('bad', 3)).toThrow(/must be a string/);
  });
  it('shows entries for `pipgrub scripts`', () => {
    expect(scriptCommandLine('t', 'pytest')).toBe('pytest');
    expect(scriptCommandLine('c', { call: 'a:b' })).toBe('call: a:b');
  });
});
