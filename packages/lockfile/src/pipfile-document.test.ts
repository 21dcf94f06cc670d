// Format-preserving edits: property tests on generated Pipfiles (edit, re-parse, compare with the
// intended data; every untouched line byte-identical) plus the concrete cases Pipenv users hit.
import { normalizeName } from '@pipgrub/core-resolver/pep508';
import fc from 'fast-check';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { isLockfileError } from './errors';
import { PipfileDocument } from './pipfile-document';
import type { PackageSpecInput } from './pipfile-document';

type Spec = string | { version?: string; extras?: string[]; markers?: string; editable?: boolean; path?: string };

const nameArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,5}([._-][A-Za-z0-9]{1,4})?$/);
const versionArb = fc.constantFrom('*', '==1.0', '>=1,<2', '~=2.1', '!=3.0');
const specArb: fc.Arbitrary<Spec> = fc.oneof(
  versionArb,
  fc.record({ version: versionArb, extras: fc.array(fc.constantFrom('socks', 'test', 'dev'), { maxLength: 2 }) }, { requiredKeys: ['version'] }),
  fc.record({ version: versionArb, markers: fc.constantFrom("python_version >= '3.8'", "sys_platform == \"linux\"") }),
  fc.record({ path: fc.constantFrom('.', './libs/x'), editable: fc.boolean() }),
);
const styleArb = fc.record({
  comment: fc.boolean(),
  trailing: fc.boolean(),
  blank: fc.boolean(),
  literal: fc.boolean(),
  spaces: fc.constantFrom(' = ', '=', '  =  '),
  quotedKey: fc.boolean(),
});

function q(s: string, literal: boolean): string {
  return literal && !s.includes("'") ? `'${s}'` : JSON.stringify(s);
}
function renderValue(s: Spec, literal: boolean): string {
  if (typeof s === 'string') return q(s, literal);
  const parts = Object.entries(s).map(([k, v]) => `${k} = ${Array.isArray(v) ? `[${v.map((x) => q(x, literal)).join(', ')}]` : typeof v === 'boolean' ? String(v) : q(v as string, literal)}`);
  return `{${parts.join(', ')}}`;
}

const categoryArb = fc.uniqueArray(fc.tuple(nameArb, specArb, styleArb), { selector: ([n]) => normalizeName(n), maxLength: 6 });
const pipfileArb = fc.record({
  packages: categoryArb,
  dev: categoryArb,
  docs: fc.option(categoryArb, { nil: undefined }),
  header: fc.constantFrom('', '# Project Pipfile\n\n', '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n'),
  eof: fc.constantFrom('', '\n', '\n\n'),
});

type Style = { comment: boolean; trailing: boolean; blank: boolean; literal: boolean; spaces: string; quotedKey: boolean };
type Model = { packages: Array<[string, Spec, Style]>; dev: Array<[string, Spec, Style]>; docs?: Array<[string, Spec, Style]>; header: string; eof: string };

function render(m: Model): string {
  let out = m.header;
  const tables: Array<[string, typeof m.packages]> = [['packages', m.packages], ['dev-packages', m.dev]];
  if (m.docs) tables.push(['docs', m.docs]);
  tables.forEach(([t, entries], i) => {
    if (i > 0) out += '\n';
    out += `[${t}]\n`;
    for (const [name, spec, st] of entries) {
      if (st.comment) out += `# about ${name}\n`;
      const key = st.quotedKey || /[.]/.test(name) ? JSON.stringify(name) : name;
      out += `${key}${st.spaces}${renderValue(spec, st.literal)}${st.trailing ? '  # keep me' : ''}\n`;
      if (st.blank) out += '\n';
    }
  });
  return out.replace(/\n$/, m.eof === '' ? '' : m.eof.slice(0, 1)) + m.eof.slice(1);
}

/** Category -> normalized name -> TOML data, as a reader sees it. */
function dataOf(text: string): Record<string, Record<string, unknown>> {
  const raw = parseToml(text) as Record<string, unknown>;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'source') continue;
    out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([n, s]) => [normalizeName(n), s]));
  }
  return out;
}

/** Lines changed between a and b, as [removed, added] counts after stripping a common prefix and suffix. */
function changedLines(a: string, b: string): [number, number] {
  const x = a.split('\n');
  const y = b.split('\n');
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  let s = 0;
  while (s < x.length - p && s < y.length - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
  return [x.length - p - s, y.length - p - s];
}

const editArb = fc.record({
  kind: fc.constantFrom('add', 'set', 'remove'),
  category: fc.constantFrom('packages', 'dev-packages', 'docs', 'tests'),
  pick: fc.nat(),
  name: nameArb,
  spec: specArb,
});

describe('PipfileDocument property tests (seeded)', () => {
  it('edit then re-parse equals the intended data; untouched lines are byte-identical', () => {
    fc.assert(
      fc.property(pipfileArb, editArb, (m, edit) => {
        const text = render(m);
        const doc = PipfileDocument.parse(text, { path: 'Pipfile' });
        const before = dataOf(text);
        const expected = structuredClone(before);
        const existing = Object.keys(before[edit.category] ?? {});
        const target = existing.length ? existing[edit.pick % existing.length] as string : undefined;
        if (edit.kind === 'remove') {
          if (!target) return;
          expect(doc.removePackage(edit.category, target)).toBe(true);
          delete (expected[edit.category] as Record<string, unknown>)[target];
          expect(changedLines(text, doc.toString())).toEqual([1, 0]);
        } else if (edit.kind === 'set') {
          if (!target) return;
          doc.setPackage(edit.category, target, edit.spec as PackageSpecInput);
          (expected[edit.category] as Record<string, unknown>)[target] = edit.spec;
          const [rm, add] = changedLines(text, doc.toString());
          expect(rm).toBeLessThanOrEqual(1);
          expect(add).toBe(rm);
        } else {
          const n = normalizeName(edit.name);
          if (existing.includes(n)) {
            expect(() => doc.addPackage(edit.category, edit.name, edit.spec as PackageSpecInput)).toThrow(/already/);
            return;
          }
          doc.addPackage(edit.category, edit.name, edit.spec as PackageSpecInput);
          (expected[edit.category] ??= {})[n] = edit.spec;
          const [rm, add] = changedLines(text, doc.toString());
          expect(rm).toBe(0);
          expect(add).toBeGreaterThanOrEqual(1);
          if (before[edit.category]) expect(add).toBe(1);
        }
        const after = dataOf(doc.toString());
        expect(after).toEqual(JSON.parse(JSON.stringify(expected)));
        // The model follows the text.
        expect(doc.pipfile.categories.get(edit.category)?.map((p) => p.normalizedName).sort() ?? []).toEqual(Object.keys(expected[edit.category] ?? {}).sort());
      }),
      { numRuns: 400, seed: 20260 },
    );
  });
});

describe('PipfileDocument', () => {
  const base = '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\n# web\nrequests = "*"  # pinned later\n\n[dev-packages]\npytest = ">=7"\n';
  it('changes only the value, keeping key spelling and trailing comment', () => {
    const doc = PipfileDocument.parse(base);
    doc.setPackage('packages', 'Requests', { version: '>=2.32', extras: ['socks'] });
    expect(doc.toString()).toBe(base.replace('requests = "*"', 'requests = {version = ">=2.32", extras = ["socks"]}'));
  });
  it('adds after the last entry of the table, before the blank line', () => {
    const doc = PipfileDocument.parse(base).addPackage('packages', 'zope.interface', '*');
    expect(doc.toString()).toBe(base.replace('# pinned later\n', '# pinned later\n"zope.interface" = "*"\n'));
  });
  it('creates a missing category at the end', () => {
    const doc = PipfileDocument.parse(base).addPackage('docs', 'sphinx', '~=7.0');
    expect(doc.toString()).toBe(`${base}\n[docs]\nsphinx = "~=7.0"\n`);
  });
  it('removes a package defined as a sub-table', () => {
    const text = '[packages]\nsix = "*"\n\n[packages.requests]\nversion = "*"\nextras = ["socks"]\n\n[dev-packages]\n';
    const doc = PipfileDocument.parse(text);
    expect(doc.removePackage('packages', 'requests')).toBe(true);
    expect(doc.toString()).toBe('[packages]\nsix = "*"\n\n\n[dev-packages]\n');
    expect(doc.removePackage('packages', 'requests')).toBe(false);
  });
  it('inserts at the sorted position when [pipenv] sort_pipfile = true', () => {
    const text = '[packages]\nattrs = "*"\nsix = "*"\n\n[pipenv]\nsort_pipfile = true\n';
    expect(PipfileDocument.parse(text).addPackage('packages', 'requests', '*').toString()).toBe(text.replace('six =', 'requests = "*"\nsix ='));
    expect(PipfileDocument.parse(text).addPackage('packages', 'zope', '*').toString()).toBe(text.replace('six = "*"\n', 'six = "*"\nzope = "*"\n'));
  });
  it('creates a Pipfile laid out as pipenv creates one', () => {
    const doc = PipfileDocument.create({ pythonVersion: '3.11' });
    expect(doc.toString()).toBe('[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\n\n[dev-packages]\n\n[requires]\npython_version = "3.11"\n');
    doc.addPackage('packages', 'six', '*');
    expect(doc.toString()).toContain('[packages]\nsix = "*"\n\n[dev-packages]');
  });
  it('sets and removes [requires] keys', () => {
    const doc = PipfileDocument.parse(base);
    doc.setRequires('python_version', '3.12');
    expect(doc.toString()).toBe(`${base}\n[requires]\npython_version = "3.12"\n`);
    doc.setRequires('python_version', '3.13').setRequires('python_full_version', '3.13.1');
    expect(doc.pipfile.requires).toEqual({ python_version: '3.13', python_full_version: '3.13.1' });
    expect(doc.removeRequires('python_version')).toBe(true);
    expect(doc.toString()).toBe(`${base}\n[requires]\npython_full_version = "3.13.1"\n`);
  });
  it('keeps CRLF line endings', () => {
    const doc = PipfileDocument.parse('[packages]\r\nsix = "*"\r\n').addPackage('packages', 'attrs', '*');
    expect(doc.toString()).toBe('[packages]\r\nsix = "*"\r\nattrs = "*"\r\n');
  });
  it('rejects an edit that would make the Pipfile invalid, leaving the text as it was', () => {
    const doc = PipfileDocument.parse(base);
    try {
      doc.setPackage('packages', 'requests', { version: '*', colour: 'red' });
      expect.unreachable();
    } catch (e) {
      expect(isLockfileError(e) && e.code).toBe('PIPFILE_EDIT');
    }
    expect(doc.toString()).toBe(base);
  });
});

describe('scanner on tricky TOML', () => {
  const tricky = `# "quotes" and [brackets] in a comment
[scripts]
long = """
[packages]
not = "a table"
"""
lit = '''x = "y"'''
arr = [
  "a", # comment with ]
  "b",
]

[ packages ]
"zope.interface" = '*' # trailing "comment"
six = { version = "==1.0", extras = [ "a]b" ] }
when.marker = "x"

[packages.attrs]
version = "*"
`;
  it('finds the real entries only', () => {
    // `when.marker` is a dotted key: a package table {marker = "x"} — invalid, so strip it for parsing.
    const text = tricky.replace('when.marker = "x"\n', '');
    const doc = PipfileDocument.parse(text);
    expect(doc.pipfile.categories.get('packages')?.map((p) => [p.name, p.line])).toEqual([['zope.interface', 14], ['six', 15], ['attrs', 17]]);
    doc.setPackage('packages', 'six', '==2.0');
    expect(doc.toString()).toBe(text.replace('{ version = "==1.0", extras = [ "a]b" ] }', '"==2.0"'));
    doc.removePackage('packages', 'Zope_Interface');
    expect(doc.toString()).not.toContain('zope');
    expect(doc.toString()).toContain('[packages]\nnot = "a table"');
    doc.addPackage('packages', 'requests', '*');
    expect(doc.toString()).toContain('six = "==2.0"\nrequests = "*"\n\n[packages.attrs]');
  });
});
