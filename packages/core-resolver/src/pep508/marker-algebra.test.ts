// Marker algebra: normal-form examples, and properties that normalization preserves meaning and that
// isAlwaysFalse / isDisjoint are sound (environments keep python_version = major.minor of full).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecifierSet } from '../pep440/specifier-set';
import { candidateText, specifierSetText } from '../pep440/testing/generators';
import { markerText } from '../pep440/testing/generators';
import { Version } from '../pep440/version';
import { pythonVersionAsFull } from './marker-algebra';
import { Marker, type MarkerEnvironment } from './marker';

const envArb: fc.Arbitrary<MarkerEnvironment> = fc.record({
  implementation_name: fc.constantFrom('cpython', 'pypy'),
  implementation_version: fc.constantFrom('3.8.10', '3.12.1', '7.3.15', '3.13.0rc1'),
  os_name: fc.constantFrom('posix', 'nt'),
  platform_machine: fc.constantFrom('x86_64', 'AMD64', 'arm64'),
  platform_release: fc.constantFrom('6.1.0', '10', '23.0.0', '6'),
  platform_system: fc.constantFrom('Linux', 'Windows', 'Darwin'),
  platform_version: fc.constantFrom('', '#1 SMP'),
  // python_version is always major.minor of python_full_version (the algebra relies on it).
  python_full_version: fc.constantFrom('2.7.18', '3.8.1', '3.10.0rc1', '3.12.1', '3.9.0', '3.0.0', '3.8.0b1'),
  platform_python_implementation: fc.constantFrom('CPython', 'PyPy'),
  python_version: fc.constant(''),
  sys_platform: fc.constantFrom('linux', 'win32', 'darwin'),
  extra: fc.constantFrom('', 'security', 'foo-bar', 'Foo_Bar', 'tests'),
}).map((env) => ({ ...env, python_version: env.python_full_version.split('.').slice(0, 2).join('.') }));

function evalOrError(m: Marker, env: MarkerEnvironment): boolean | 'error' {
  try {
    return m.evaluate(env);
  } catch {
    return 'error';
  }
}

const params = { seed: 99, numRuns: 500 };

describe('marker algebra', () => {
  it.each([
    ['os_name == "nt" or (os_name == "nt" and python_version >= "3.8")', 'os_name == "nt"'],
    ['python_version >= "3.8" and (python_version < "3.6" or os_name == "nt")', 'python_version >= "3.8" and os_name == "nt"'],
    ['os_name != "nt" and os_name != "posix" or os_name == "nt"', 'os_name != "posix"'],
    ['sys_platform == "win32" or sys_platform == "linux"', 'sys_platform == "linux" or sys_platform == "win32"'],
    ['python_version >= "3.8" and python_version >= "3.9"', 'python_version >= "3.9"'],
  ])('normalizes %s', (input, expected) => {
    const n = Marker.parse(input).normalize();
    expect(n.kind).toBe('marker');
    if (n.kind === 'marker') expect(n.marker.toString()).toBe(expected);
  });

  it('merges long disjunctions on one variable (regression: only 16 merges happened)', () => {
    const text = Array.from({ length: 30 }, (_, i) => `platform_machine == "m${String(i).padStart(2, '0')}"`).join(' or ');
    const n = Marker.parse(text).normalize();
    expect(n.kind === 'marker' && n.marker.toString()).toBe(Array.from({ length: 30 }, (_, i) => `platform_machine == "m${String(i).padStart(2, '0')}"`).join(' or '));
    expect(Marker.parse(`${text} or platform_machine != "m00"`).normalize().kind).toBe('always');
  });

  it('gives up instead of blowing up on huge products', () => {
    const clause = (k: number): string => `(os_name == "a${k}" or os_name == "b${k}" or python_version == "3.${k}")`;
    const text = Array.from({ length: 12 }, (_, k) => clause(k)).join(' and ');
    const t = performance.now();
    const n = Marker.parse(text).normalize();
    expect(['unsimplified', 'never', 'marker']).toContain(n.kind);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('detects always-false and disjoint markers', () => {
    expect(Marker.parse('os_name == "nt" and os_name == "posix"').isAlwaysFalse()).toBe(true);
    expect(Marker.parse('python_version < "3.8" and python_version >= "3.8"').isAlwaysFalse()).toBe(true);
    expect(Marker.parse('os_name < "a"').normalize().kind).toBe('never'); // packaging: string `<` is always false
    expect(Marker.parse('python_version >= "3.8"').isAlwaysFalse()).toBe(false);
    expect(Marker.isDisjoint(Marker.parse('sys_platform == "win32"'), Marker.parse('sys_platform == "linux"'))).toBe(true);
    expect(Marker.isDisjoint(Marker.parse('python_version < "3.9"'), Marker.parse('python_version >= "3.8"'))).toBe(false);
    expect(Marker.parse('os_name == "nt" or os_name != "nt"').normalize().kind).toBe('always');
    // python_version is major.minor of python_full_version
    expect(Marker.isDisjoint(Marker.parse('python_version < "3.8"'), Marker.parse('python_full_version >= "3.8.0"'))).toBe(true);
    expect(Marker.isDisjoint(Marker.parse('python_version <= "3.8"'), Marker.parse('python_full_version >= "3.8.5"'))).toBe(false);
    expect(Marker.isDisjoint(Marker.parse('python_version == "3.8"'), Marker.parse('python_full_version < "3.8.0rc1"'))).toBe(false);
    expect(Marker.isDisjoint(Marker.parse('python_version > "3.8"'), Marker.parse('python_full_version < "3.9.0a1"'))).toBe(false);
    expect(Marker.isDisjoint(Marker.parse('python_version > "3.8"'), Marker.parse('python_full_version < "3.9.dev0"'))).toBe(true);
  });

  it('normalize() is equivalent to the original in every environment', () => {
    fc.assert(
      fc.property(markerText(), fc.array(envArb, { minLength: 1, maxLength: 6 }), (text, envs) => {
        const m = Marker.parse(text);
        const n = m.normalize();
        for (const env of envs) {
          const want = evalOrError(m, env);
          if (want === 'error') continue;
          const got = n.kind === 'always' ? true : n.kind === 'never' ? false : evalOrError(n.marker, env);
          expect(got, `${text} => ${n.kind === 'marker' ? n.marker.toString() : n.kind} in ${JSON.stringify(env)}`).toBe(want);
        }
      }),
      params,
    );
  });

  it('is idempotent and canonical', () => {
    fc.assert(
      fc.property(markerText(), (text) => {
        const n = Marker.parse(text).normalize();
        if (n.kind !== 'marker') return;
        const again = n.marker.normalize();
        expect(again.kind === 'marker' ? again.marker.toString() : again.kind).toBe(n.marker.toString());
      }),
      params,
    );
  });

  it('maps python_version ranges to python_full_version ranges exactly', () => {
    const exactSet = specifierSetText().filter((t) => {
      try {
        return SpecifierSet.parse(t, { lenient: true }).specifiers.every((x) => x.isExactRange && !x.version.includes('!'));
      } catch {
        return false;
      }
    });
    fc.assert(
      fc.property(exactSet, fc.array(candidateText(), { minLength: 1, maxLength: 8 }), (t, fulls) => {
        const range = SpecifierSet.parse(t, { lenient: true }).toRange();
        const asFull = pythonVersionAsFull(range);
        if (asFull === undefined) return;
        for (const f of fulls) {
          const full = Version.parse(f);
          if (full.epoch !== 0) continue;
          const minor = Version.fromParts({ release: [full.release[0] ?? 0, full.release[1] ?? 0] });
          expect(asFull.contains(full), `${t} / ${f}`).toBe(range.contains(minor));
        }
      }),
      params,
    );
  });

  it('isAlwaysFalse and isDisjoint are sound', () => {
    fc.assert(
      fc.property(markerText(), markerText(), fc.array(envArb, { minLength: 1, maxLength: 6 }), (ta, tb, envs) => {
        const a = Marker.parse(ta);
        const b = Marker.parse(tb);
        const falseA = a.isAlwaysFalse();
        const disjoint = Marker.isDisjoint(a, b);
        for (const env of envs) {
          const x = evalOrError(a, env);
          const y = evalOrError(b, env);
          if (falseA && x !== 'error') expect(x).toBe(false);
          if (disjoint && x !== 'error' && y !== 'error') expect(x && y).toBe(false);
        }
      }),
      params,
    );
  });
});
