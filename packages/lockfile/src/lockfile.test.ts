// Pipfile.lock against Pipenv's own files: every corpus lock reads and writes back byte for byte,
// every Pipfile hashes to the stored `_meta.hash`, and entry formatting matches Pipenv's goldens.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lockEntry } from './build-lock';
import { resolvedFromEntry } from './lock-entry.test-helper';
import { isLockfileError } from './errors';
import { detectNewline, readLockfile, writeLockfile } from './lockfile';
import { parsePipfile } from './pipfile';
import { pipfileHash } from './pipfile-hash';
import { isLockUpToDate } from './up-to-date';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpora/pipenv');
const vectors = path.join(corpus, 'lock-hash-vectors');
const has = existsSync(vectors);
if (!has) console.warn(`[lockfile] skipping corpus tests: ${vectors} not found`);

interface ManifestRow { dir: string; lock_hash: string; matches: 'both' | 'raw' }
const manifest: ManifestRow[] = has ? JSON.parse(readFileSync(path.join(vectors, 'MANIFEST.json'), 'utf8')) : [];
const pairs = has ? readdirSync(vectors).filter((d) => !d.endsWith('.json')) : [];

describe.skipIf(!has)('lock-hash-vectors (pipenv history, 2022-11..2026-08)', () => {
  it('has the 10 pairs PROVENANCE.md promises', () => {
    expect(pairs.length).toBe(10);
  });
  it.each(pairs)('%s: read -> write is byte-identical', (dir) => {
    const text = readFileSync(path.join(vectors, dir, 'Pipfile.lock'), 'utf8');
    expect(writeLockfile(readLockfile(text))).toBe(text);
  });
  it.each(pairs)('%s: computed _meta.hash equals the stored one', (dir) => {
    const p = parsePipfile(readFileSync(path.join(vectors, dir, 'Pipfile'), 'utf8'), { path: `${dir}/Pipfile` });
    const lock = readLockfile(readFileSync(path.join(vectors, dir, 'Pipfile.lock'), 'utf8'));
    const row = manifest.find((m) => m.dir === dir);
    expect(pipfileHash(p, { names: 'raw' })).toBe(lock.meta.hash.sha256);
    if (row?.matches === 'both' || dir === 'examples-HEAD') {
      expect(pipfileHash(p)).toBe(lock.meta.hash.sha256);
      expect(isLockUpToDate(p, lock).upToDate).toBe(true);
    } else {
      // 54e65d2551 and c58c371f6b (2022) predate Pipenv's name normalization in the hash: their
      // Pipfiles spell names like `pytest_pypi`, so only the raw-name hash matches.
      expect(pipfileHash(p)).not.toBe(lock.meta.hash.sha256);
      const r = isLockUpToDate(p, lock);
      expect(r.upToDate).toBe(false);
      expect(r.reasons.map((x) => x.kind)).toContain('legacy-hash');
      expect(isLockUpToDate(p, lock, { acceptLegacyHash: true }).upToDate).toBe(true);
    }
  });
});

describe.skipIf(!has)('pipenv repo files', () => {
  for (const dir of ['repo-files', 'repo-files/examples']) {
    it(`${dir}: round trip and hash`, () => {
      const lockText = readFileSync(path.join(corpus, dir, 'Pipfile.lock'), 'utf8');
      const lock = readLockfile(lockText);
      expect(writeLockfile(lock)).toBe(lockText);
      const p = parsePipfile(readFileSync(path.join(corpus, dir, 'Pipfile'), 'utf8'));
      expect(pipfileHash(p)).toBe(lock.meta.hash.sha256);
    });
  }
  it('every other corpus Pipfile parses', () => {
    for (const f of ['repo-files/benchmarks/Pipfile', 'repo-files/tests-fixtures-fake-package/Pipfile', 'repo-files/examples/Pipfile.with_pylock']) {
      expect(() => parsePipfile(readFileSync(path.join(corpus, f), 'utf8'), { path: f })).not.toThrow();
    }
  });
});

describe.skipIf(!has)('lock-entry goldens (unit-fixtures/resolver_schema)', () => {
  const dir = path.join(corpus, 'unit-fixtures/resolver_schema');
  const files = has ? readdirSync(dir).flatMap((d) => readdirSync(path.join(dir, d)).map((f) => `${d}/${f}`)) : [];
  it('has 27 goldens', () => expect(files.length).toBe(27));
  it.each(files)('%s: lockEntry reproduces the golden', (f) => {
    const golden = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { name: string; entry: Record<string, unknown> };
    const { name, ...want } = golden.entry as Record<string, unknown> & { name: string };
    const entry = lockEntry(resolvedFromEntry(name, want));
    // `no_binary` is a Pipenv-internal install flag carried through, not something a resolution produces.
    const { no_binary: _nb, ...rest } = want;
    expect(entry).toEqual(rest);
    expect(golden.name).toBe(name);
  });
});

describe.skipIf(!has)('Pipenv leniency and line endings', () => {
  it('adds missing default/develop sections as Pipenv does', () => {
    const lock = readLockfile('{"_meta": {"hash": {"sha256": "' + 'a'.repeat(64) + '"}, "pipfile-spec": 6, "requires": {}, "sources": []}}');
    expect(Object.keys(lock.sections)).toEqual(['default', 'develop']);
  });
  it('keeps CRLF when asked, as Pipenv keeps the existing lock\'s newlines', () => {
    const text = readFileSync(path.join(vectors, 'examples-HEAD', 'Pipfile.lock'), 'utf8').replace(/\n/g, '\r\n');
    expect(writeLockfile(readLockfile(text), { newline: detectNewline(text) })).toBe(text);
  });
});

describe('malformed Pipfile.lock', () => {
  const good = JSON.stringify({ _meta: { hash: { sha256: 'a'.repeat(64) }, 'pipfile-spec': 6, requires: {}, sources: [] }, default: {}, develop: {} }, null, 4);
  it.each([
    ['{', 'JSON_SYNTAX', 1, undefined],
    ['{\n    "default": {},\n    "develop": {}\n}', 'LOCK_MISSING_KEY', 1, '_meta'],
    [good.replace('"pipfile-spec": 6', '"pipfile-spec": 5'), 'LOCK_UNSUPPORTED_SPEC', 6, '_meta.pipfile-spec'],
    [good.replace('"default": {}', '"default": {"six": {"version": "==1", "hashes": ["md6-abc"]}}'), 'LOCK_BAD_HASH', 10, 'default.six.hashes.0'],
    [good.replace('"default": {}', '"default": {"six": {"version": 1}}'), 'LOCK_WRONG_TYPE', 10, 'default.six.version'],
    [good.replace('"sources": []', '"sources": [{"url": 5}]'), 'LOCK_WRONG_TYPE', 8, '_meta.sources.0.url'],
    [good.replace('"requires": {}', '"requires": []'), 'LOCK_WRONG_TYPE', 7, '_meta.requires'],
  ])('%#: %s -> %s', (text, code, line, key) => {
    try {
      readLockfile(text, { path: 'Pipfile.lock' });
      expect.unreachable();
    } catch (e) {
      expect(isLockfileError(e)).toBe(true);
      if (!isLockfileError(e)) return;
      expect(e.code).toBe(code);
      expect(e.line).toBe(line);
      expect(e.key).toBe(key);
      expect(e.message).not.toContain('\n');
      expect(e.message.startsWith(`Pipfile.lock:${line}`)).toBe(true);
    }
  });
});
