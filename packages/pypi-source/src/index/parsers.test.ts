// Parser tests on real index pages (pipenv's PyPI captures, poetry's fixtures): HTML and JSON agree
// on files, hashes, Requires-Python, yanked and PEP 658 metadata; odd pages parse without throwing.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { parseHtmlPage } from './html';
import { parseJsonPage } from './json';
import { unescapeHtml } from './entities';
import { parseDistFilename } from '../filename';
import type { IndexFile } from './page';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const corpora = resolve(repoRoot, '../shared/corpora');
const pipenv = join(corpora, 'pipenv/unit-fixtures');
const poetry = join(corpora, 'poetry-pypi-fixtures');
const has = existsSync(pipenv) && existsSync(poetry);
if (!has) console.log(`skipping corpus parser tests: ${corpora} not found`);

const read = (p: string) => readFileSync(p, 'utf8');
const key = (f: IndexFile) =>
  JSON.stringify([f.filename, f.url, f.hashes['sha256'] ?? null, f.requiresPython ?? null, f.yanked ?? null, f.coreMetadata ? 'meta' : null]);

describe.skipIf(!has)('PEP 503 / PEP 691 on real PyPI pages', () => {
  it.each(['six', 'django', 'cryptography'])('%s: HTML and JSON describe the same files', (name) => {
    const url = `https://pypi.org/simple/${name}/`;
    const t0 = performance.now();
    const html = parseHtmlPage(read(join(pipenv, `pep503/${name}.html`)), url);
    const t1 = performance.now();
    const json = parseJsonPage(read(join(pipenv, `pep691/${name}.json`)), url);
    expect(html.files.length).toBeGreaterThan(10);
    expect(html.files.map(key)).toEqual(json.files.map(key));
    expect(html.apiVersion).toMatch(/^1\./);
    if (name === 'cryptography') console.log(`cryptography.html (${html.files.length} links) parsed in ${(t1 - t0).toFixed(1)} ms`);
    // every file name parses as a distribution of this project (or is a legacy egg/exe)
    const parsed = html.files.map((f) => parseDistFilename(f.filename, name)).filter(Boolean);
    expect(parsed.every((p) => p!.name === name)).toBe(true);
  });

  it('yanked-pkg: PEP 592 flags, reasons and unescaped data-requires-python', () => {
    const page = parseHtmlPage(read(join(pipenv, 'pep503/yanked-pkg.html')), 'https://x/simple/yanked-pkg/');
    expect(page.files.map((f) => [f.filename, f.yanked ?? false, f.requiresPython])).toEqual([
      ['yanked-pkg-1.0.0.tar.gz', false, '>=3.8'],
      ['yanked-pkg-1.1.0-py3-none-any.whl', true, '>=3.8'],
      ['yanked-pkg-1.1.0.tar.gz', true, '>=3.8'],
      ['yanked-pkg-1.2.0-py3-none-any.whl', 'security-advisory-CVE-2024-99999', '>=3.9'],
    ]);
    const json = parseJsonPage(read(join(pipenv, 'pep691/yanked-pkg.json')), 'https://x/simple/yanked-pkg/');
    expect(json.files.filter((f) => f.yanked).length).toBeGreaterThan(0);
    const missing = parseJsonPage(read(join(pipenv, 'pep691/missing-hash.json')), 'https://x/simple/missing-hash/');
    expect(missing.files.some((f) => Object.keys(f.hashes).length === 0)).toBe(true);
  });

  it('poetry legacy pages: relative links, valueless data-yanked, md5 fragments, invalid versions', () => {
    const rel = parseHtmlPage(read(join(poetry, 'legacy/relative.html')), 'https://foo.bar/simple/poetry/');
    expect(rel.files[0]!.url).toBe('https://foo.bar/simple/poetry/poetry-0.1.0-py3-none-any.whl');
    expect(rel.files[0]!.requiresPython).toBe('>=3.6.0');
    const fut = parseHtmlPage(read(join(poetry, 'legacy/futures-partial-yank.html')), 'https://foo.bar/simple/futures/');
    expect(fut.files.map((f) => f.yanked ?? false)).toEqual([true, false]);
    expect(fut.files[0]!.requiresPython).toBe('>=2.6, <3');
    const demo = parseHtmlPage(read(join(poetry, 'legacy/demo.html')), 'https://foo.bar/simple/demo/');
    expect(demo.files[0]!.hashes).toEqual({ md5: 'd1912c917363a64e127318655f7d1fe7' });
    const inv = parseHtmlPage(read(join(poetry, 'legacy/invalid-version.html')), 'https://foo.bar/simple/poetry/');
    expect(inv.files.map((f) => parseDistFilename(f.filename, 'poetry')?.version)).toEqual([undefined, '0.1.0']); // not PEP 440: skipped, as pip does
  });

  it('poetry PEP 691 pages: core-metadata hashes and relative URLs', () => {
    const isort = parseJsonPage(read(join(poetry, 'pypi.org/json/isort.json')), 'https://pypi.org/simple/isort/');
    expect(isort.files.some((f) => f.coreMetadata && f.coreMetadata['sha256'])).toBe(true);
    const rel = parseJsonPage(read(join(poetry, 'legacy/json/relative.json')), 'https://foo.bar/simple/poetry/');
    expect(rel.files[0]!.url).toBe('https://foo.bar/simple/poetry/poetry-0.1.0-py3-none-any.whl');
  });

  it('every poetry fixture page parses', () => {
    let n = 0;
    for (const f of readdirSync(join(poetry, 'legacy'))) if (f.endsWith('.html')) n += parseHtmlPage(read(join(poetry, 'legacy', f)), 'https://x/simple/p/').files.length;
    for (const f of readdirSync(join(poetry, 'pypi.org/json'))) if (f.endsWith('.json')) n += parseJsonPage(read(join(poetry, 'pypi.org/json', f)), 'https://x/simple/p/').files.length;
    for (const f of readdirSync(join(poetry, 'single-page'))) n += parseHtmlPage(read(join(poetry, 'single-page', f)), 'https://x/').files.length;
    expect(n).toBeGreaterThan(100);
  });
});

describe('HTML scanner robustness', () => {
  it('handles unquoted, single-quoted and odd attributes, comments and <base>', () => {
    const page = parseHtmlPage(
      `<!-- <a href="no.whl"> --><base href="https://cdn.example/pkgs/"><A HREF=a-1.0.tar.gz data-yanked>x</A><a href='b/a-2.0.tar.gz#sha256=AB' data-requires-python='&lt;4'>`,
      'https://idx/simple/a/',
    );
    expect(page.files.map((f) => [f.url, f.yanked ?? false, f.hashes, f.requiresPython])).toEqual([
      ['https://cdn.example/pkgs/a-1.0.tar.gz', true, {}, undefined],
      ['https://cdn.example/pkgs/b/a-2.0.tar.gz', false, { sha256: 'ab' }, '<4'],
    ]);
  });

  it('unescapes entities', () => {
    expect(unescapeHtml('&gt;=3.6, !=3.0.*&#44;&#x3c;4 &bogus; &amp')).toBe('>=3.6, !=3.0.*,<4 &bogus; &amp');
  });

  it('never throws and stays linear on hostile input (seed-fixed)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseHtmlPage(s, 'https://x/simple/p/');
      }),
      { seed: 7, numRuns: 500 },
    );
    const hostile = '<a href="' + 'x'.repeat(200_000) + ' ' + '<a '.repeat(100_000);
    const t = performance.now();
    parseHtmlPage(hostile, 'https://x/');
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
