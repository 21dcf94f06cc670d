// Robustness: arbitrary and mutated inputs either parse or raise a one-line LockfileError — never
// another exception, never a hang (seeded, a few hundred cases each).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLockfileError } from './errors';
import { readLockfile } from './lockfile';
import { parsePipfile } from './pipfile';
import { pipfileHash } from './pipfile-hash';
import { PipfileDocument } from './pipfile-document';
import { validatePylock } from './pylock';

const PIPFILE = '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\nrequests = {version = ">=2", extras = ["socks"]}\nsix = "*"\n\n[dev-packages]\npytest = "*"\n\n[requires]\npython_version = "3.11"\n';
const LOCK = '{\n    "_meta": {\n        "hash": {\n            "sha256": "' + 'a'.repeat(64) + '"\n        },\n        "pipfile-spec": 6,\n        "requires": {},\n        "sources": []\n    },\n    "default": {\n        "six": {\n            "hashes": [\n                "sha256:aa"\n            ],\n            "version": "==1.16.0"\n        }\n    },\n    "develop": {}\n}\n';

/** Insert, delete or replace a few characters. */
const mutated = (base: string) =>
  fc.array(fc.tuple(fc.nat(base.length), fc.nat(3), fc.string({ maxLength: 3, unit: fc.constantFrom('"', "'", '[', ']', '{', '}', '=', ',', '\n', '#', 'a', '1', ' ', '\\', '.', 'é') })), { minLength: 1, maxLength: 3 })
    .map((edits) => edits.reduce((s, [at, del, ins]) => s.slice(0, at) + ins + s.slice(at + del), base));

function expectCleanFailure(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    if (!isLockfileError(e)) throw e;
    expect(e.message).not.toContain('\n');
  }
}

describe('fuzz (seeded)', () => {
  it('parsePipfile + pipfileHash + PipfileDocument on mutated Pipfiles', () => {
    fc.assert(fc.property(mutated(PIPFILE), (text) => {
      expectCleanFailure(() => pipfileHash(parsePipfile(text, { path: 'Pipfile' })));
      expectCleanFailure(() => PipfileDocument.parse(text).setPackage('packages', 'six', '==1.0').removePackage('dev-packages', 'pytest'));
    }), { numRuns: 400, seed: 42 });
  });
  it('parsePipfile on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => expectCleanFailure(() => parsePipfile(text))), { numRuns: 300, seed: 7 });
  });
  it('readLockfile on mutated locks and arbitrary text', () => {
    fc.assert(fc.property(fc.oneof(mutated(LOCK), fc.string({ maxLength: 60 })), (text) => expectCleanFailure(() => readLockfile(text))), { numRuns: 400, seed: 9 });
  });
  it('validatePylock never throws', () => {
    const pylock = 'lock-version = "1.0"\ncreated-by = "x"\n\n[[packages]]\nname = "six"\nversion = "1.16.0"\nwheels = [{ name = "six-1.16.0-py2.py3-none-any.whl", url = "https://x/six.whl", hashes = { sha256 = "aa" } }]\n';
    fc.assert(fc.property(mutated(pylock), (text) => {
      const v = validatePylock(text);
      expect(typeof v.valid).toBe('boolean');
    }), { numRuns: 300, seed: 11 });
  });
});
