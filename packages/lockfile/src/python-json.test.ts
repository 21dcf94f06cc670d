// Python json.dumps imitation: fixed cases from CPython 3.11 plus a seeded differential run against
// the local python3 (skipped with a reason when python3 is missing).
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PyFloat, compareCodePoints, pyJsonCompact, pyJsonIndented, pyJsonString } from './python-json';
import type { PyJson } from './python-json';

const hasPython = spawnSync('python3', ['-c', 'import json'], { encoding: 'utf8' }).status === 0;

describe('pyJsonString', () => {
  it.each([
    ['plain', '"plain"'],
    ['é', '"\\u00e9"'],
    ['日本', '"\\u65e5\\u672c"'],
    ['😀 astral', '"\\ud83d\\ude00 astral"'],
    ['\x00\x01\x1f\x7f', '"\\u0000\\u0001\\u001f\\u007f"'],
    ['tab\there\nnl\r"q"\\', '"tab\\there\\nnl\\r\\"q\\"\\\\"'],
    ['\u2028\u2029', '"\\u2028\\u2029"'],
    ['/slash', '"/slash"'],
  ])('%j', (input, expected) => {
    expect(pyJsonString(input)).toBe(expected);
  });
});

describe('pyJsonCompact / pyJsonIndented', () => {
  it('matches CPython for floats and code-point key order', () => {
    const v: PyJson = {
      b: 1,
      a: [1.0, 0.1, 1e16, 1e-5, 0.0001, 123456789.123, -0, 2.5e-7, 1e22].map((x) => new PyFloat(x)),
      '\ue000': 1,
      '😀': 2,
      z: {},
    };
    expect(pyJsonCompact(v)).toBe('{"a":[1.0,0.1,1e+16,1e-05,0.0001,123456789.123,-0.0,2.5e-07,1e+22],"b":1,"z":{},"\\ue000":1,"\\ud83d\\ude00":2}');
  });
  it('indents like json.dumps(indent=4)', () => {
    expect(pyJsonIndented({ a: [], b: {}, c: [{ x: true, y: null }] })).toBe(
      '{\n    "a": [],\n    "b": {},\n    "c": [\n        {\n            "x": true,\n            "y": null\n        }\n    ]\n}',
    );
  });
  it('orders astral keys after U+E000..U+FFFF, as Python does', () => {
    expect(['😀', '\uffff', 'a'].sort(compareCodePoints)).toEqual(['a', '\uffff', '😀']);
  });

  it.skipIf(!hasPython)('equals python3 json.dumps on 300 seeded random documents', () => {
    const key = fc.string({ unit: 'grapheme', maxLength: 6 });
    const leaf = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => new PyFloat(d)));
    const doc = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node as fc.Arbitrary<PyJson>;
    const docs = fc.sample(doc, { numRuns: 300, seed: 751 });
    // Hand documents to Python as JSON with floats tagged, so Python rebuilds the same types.
    const tag = (v: PyJson): unknown => v instanceof PyFloat ? { __f: Object.is(v.value, -0) ? '-0' : String(v.value) } : Array.isArray(v) ? v.map(tag) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tag(x)])) : v;
    const script = `
import json, sys
def un(v):
    if isinstance(v, dict):
        if set(v) == {'__f'}: return float(v['__f'])
        return {k: un(x) for k, x in v.items()}
    if isinstance(v, list): return [un(x) for x in v]
    return v
for line in sys.stdin:
    d = un(json.loads(line))
    print(json.dumps(json.dumps(d, sort_keys=True, separators=(",", ":"))))
    print(json.dumps(json.dumps(d, sort_keys=True, indent=4, separators=(",", ": "))))
`;
    const input = docs.map((d) => JSON.stringify(tag(d))).join('\n') + '\n';
    const r = spawnSync('python3', ['-c', script], { input, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as string);
    docs.forEach((d, i) => {
      expect(pyJsonCompact(d)).toBe(lines[2 * i]);
      expect(pyJsonIndented(d)).toBe(lines[2 * i + 1]);
    });
  });
});
