// PEP 508 requirements and marker evaluation as data tables (values from packaging 26.2), typed errors,
// and regressions.
import { describe, expect, it } from 'vitest';
import { isPep508Error } from './errors';
import { Marker, type MarkerEnvironment } from './marker';
import { Requirement } from './requirement';

const LINUX: MarkerEnvironment = {
  implementation_name: 'cpython', implementation_version: '3.12.1', os_name: 'posix', platform_machine: 'x86_64', platform_release: '6.1.0',
  platform_system: 'Linux', platform_version: '#1 SMP', python_full_version: '3.12.1', platform_python_implementation: 'CPython',
  python_version: '3.12', sys_platform: 'linux',
};

describe('Requirement.parse', () => {
  it.each([
    ['Requests[socks,security] >=2.8.1, ==2.8.* ; python_version < "2.7"', 'Requests[security,socks]==2.8.*,>=2.8.1; python_version < "2.7"'],
    ['attrs (>=17.4.0,<20.0.0)', 'attrs<20.0.0,>=17.4.0'],
    ['name @ https://example.com/a-1.0.tar.gz ; os_name == "nt"', 'name @ https://example.com/a-1.0.tar.gz ; os_name == "nt"'],
    ['a>=1.0,', 'a>=1.0'],
    ["pathlib2; extra == 'Test_X' and ( python_version == '2.7')", 'pathlib2; extra == "test-x" and python_version == "2.7"'],
    ['zope.interface', 'zope.interface'],
  ])('%s -> %s', (input, printed) => {
    expect(Requirement.parse(input).toString()).toBe(printed);
  });

  it('exposes the parts', () => {
    const r = Requirement.parse('Foo.Bar[Extra_1, extra_1] (>=1.0) ; sys_platform == "win32"');
    expect([r.name, r.normalizedName, r.extras, r.specifier.toString(), r.url, r.marker?.toString()]).toEqual([
      'Foo.Bar', 'foo-bar', ['Extra_1', 'extra_1'], '>=1.0', undefined, 'sys_platform == "win32"',
    ]);
  });

  it.each(['a[b c]', 'a>=1.0.*', 'a>=1.0+x', '[a]', 'a @', 'a>=1.0 junk', 'a>=1.0,,<2', 'a ; os_name', 'a ; (os_name == "nt"'])('rejects %j with a typed error', (input) => {
    let err: unknown;
    try {
      Requirement.parse(input);
    } catch (e) {
      err = e;
    }
    expect(isPep508Error(err)).toBe(true);
    expect((err as Error).message).toContain(input);
  });
});

describe('Marker', () => {
  it.each([
    ['python_version >= "3.8"', true],
    ['python_version < "3.12"', false],
    ['python_full_version >= "3.12.1"', true],
    ['"3.8" < python_version', true],
    ['os_name < "z"', false], // string `<` is always false in packaging
    ['os_name <= "posix"', true], // string `<=` is equality
    ['"lin" in sys_platform', true],
    ['platform_release >= "6"', true],
    ['python_version == "3.*"', true],
    ['python_version == "foo"', false], // not a version: string comparison
    ['os.name == "posix" and python_implementation == "CPython"', true],
    ['os_name == "nt" or sys_platform == "linux" and python_version >= "3"', true],
  ] as const)('%s -> %s', (text, expected) => {
    expect(Marker.parse(text).evaluate(LINUX)).toBe(expected);
  });

  it('normalizes top-level extra values only, as packaging does (regression)', () => {
    const m = Marker.parse('(extra == "Foo_Bar") or extra == "X.Y"');
    expect(m.toString()).toBe('extra == "Foo_Bar" or extra == "x-y"');
    expect(m.evaluate({ ...LINUX, extra: 'foo_bar' })).toBe(false);
    expect(m.evaluate({ ...LINUX, extra: 'X_Y' })).toBe(true);
  });

  it('evaluates every comparison, so an undefined one throws even after a false (regression)', () => {
    expect(() => Marker.parse('os_name == "nt" and os_name ~= "posix"').evaluate(LINUX)).toThrow(/undefined/i);
  });

  it('accepts a set of extras for lock-file markers', () => {
    expect(Marker.parse('"socks" in extras').evaluate({ ...LINUX, extras: ['Socks'] })).toBe(true);
  });
});
