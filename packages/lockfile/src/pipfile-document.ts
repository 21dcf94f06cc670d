// Format-preserving Pipfile edits: add, change and remove packages by rewriting only the bytes of
// the affected entry, so comments, ordering, quoting and blank lines elsewhere stay untouched.

import { normalizeName } from '@pipgrub/core-resolver/pep508';
import { LockfileError } from './errors';
import { parsePipfile } from './pipfile';
import type { ParseOptions, Pipfile } from './pipfile';
import { scanToml } from './toml-scanner';
import type { TomlEntry, TomlHeader } from './toml-scanner';

/** What a package entry is set to: a specifier string (`"*"`, `">=1,<2"`) or a table of keys. */
export type PackageSpecInput =
  | string
  | { [key: string]: string | boolean | readonly string[] | undefined };

/**
 * TOML basic string for `s`.
 * @example tomlString('a"b') // '"a\\"b"'
 */
export function tomlString(s: string): string {
  return JSON.stringify(s).replace(/\u007f/g, '\\u007f');
}

/**
 * A TOML key, bare when it can be.
 * @example tomlKey('zope.interface') // '"zope.interface"'
 */
export function tomlKey(k: string): string {
  return /^[A-Za-z0-9_-]+$/.test(k) ? k : tomlString(k);
}

/**
 * Inline TOML for a package spec, in the style Pipenv writes.
 * @example renderSpec({ version: '*', extras: ['a'] }) // '{version = "*", extras = ["a"]}'
 */
export function renderSpec(spec: PackageSpecInput): string {
  if (typeof spec === 'string') return tomlString(spec);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(spec)) {
    if (v === undefined) continue;
    const value = typeof v === 'boolean' ? String(v) : typeof v === 'string' ? tomlString(v) : `[${v.map(tomlString).join(', ')}]`;
    parts.push(`${tomlKey(k)} = ${value}`);
  }
  return `{${parts.join(', ')}}`;
}

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * A Pipfile as text plus the edits Pipenv's `install`/`uninstall` make, each touching only its entry.
 * @example
 * const doc = PipfileDocument.parse(fs.readFileSync('Pipfile', 'utf8'), { path: 'Pipfile' });
 * doc.addPackage('packages', 'requests', '>=2.32');
 * doc.removePackage('dev-packages', 'pytest');
 * fs.writeFileSync('Pipfile', doc.toString());
 */
export class PipfileDocument {
  private text: string;
  private parsed: Pipfile;
  private readonly options: ParseOptions;

  private constructor(text: string, options: ParseOptions) {
    this.text = text;
    this.options = options;
    this.parsed = parsePipfile(text, options);
  }

  /** Parse (and validate) a Pipfile for editing. */
  static parse(text: string, options: ParseOptions = {}): PipfileDocument {
    return new PipfileDocument(text, options);
  }

  /**
   * A new Pipfile laid out as `pipenv install` creates one: a `[[source]]` (PyPI by default),
   * empty `[packages]` and `[dev-packages]`, and `[requires]` when a Python version is given.
   * @example PipfileDocument.create({ pythonVersion: '3.11' }).toString().endsWith('python_version = "3.11"\n') // true
   */
  static create(options: { sources?: Array<{ name: string; url: string; verifySsl: boolean }>; pythonVersion?: string; pythonFullVersion?: string; path?: string } = {}): PipfileDocument {
    const sources = options.sources?.length ? options.sources : [{ name: 'pypi', url: 'https://pypi.org/simple', verifySsl: true }];
    let text = sources.map((s) => `[[source]]\nurl = ${tomlString(s.url)}\nverify_ssl = ${s.verifySsl}\nname = ${tomlString(s.name)}\n\n`).join('');
    text += '[packages]\n\n[dev-packages]\n';
    const requires: string[] = [];
    if (options.pythonVersion) requires.push(`python_version = ${tomlString(options.pythonVersion)}`);
    if (options.pythonFullVersion) requires.push(`python_full_version = ${tomlString(options.pythonFullVersion)}`);
    if (requires.length) text += `\n[requires]\n${requires.join('\n')}\n`;
    return new PipfileDocument(text, { path: options.path });
  }

  /**
   * Set `[requires] python_version` or `python_full_version` (creating the table when missing).
   * @example doc.setRequires('python_version', '3.12')
   */
  setRequires(key: 'python_version' | 'python_full_version', value: string): this {
    const found = this.find('requires', key, true);
    const v = tomlString(value);
    if (found?.kind === 'entry') {
      const e = found.entry;
      return this.commit(this.text.slice(0, e.valueStart) + v + this.text.slice(e.valueEnd), 'requires', key);
    }
    return this.commit(this.insert(this.text, 'requires', `${key} = ${v}`, key), 'requires', key);
  }

  /** Remove a `[requires]` key; returns whether it was there. */
  removeRequires(key: 'python_version' | 'python_full_version'): boolean {
    const found = this.find('requires', key, true);
    if (found?.kind !== 'entry') return false;
    this.commit(this.cut(this.text, found.entry.start, found.entry.lineEnd), 'requires', key);
    return true;
  }

  /** The current content, parsed. */
  get pipfile(): Pipfile {
    return this.parsed;
  }

  /** The current text. */
  toString(): string {
    return this.text;
  }

  /** Whether `category` has a package named `name` (any spelling). */
  hasPackage(category: string, name: string): boolean {
    return this.parsed.categories.get(category)?.some((p) => p.normalizedName === normalizeName(name)) ?? false;
  }

  /**
   * Add a new package after the category's last entry (at its sorted place when `[pipenv]
   * sort_pipfile = true`). Pipenv itself writes the name as `lockName(name)`. Fails with
   * PIPFILE_EDIT if the package is already there (use {@link setPackage} to replace).
   */
  addPackage(category: string, name: string, spec: PackageSpecInput): this {
    if (this.hasPackage(category, name)) {
      throw new LockfileError('PIPFILE_EDIT', `package ${name} is already in [${category}]`, { file: this.options.path, key: `${category}.${name}`, hint: 'use setPackage to change it' });
    }
    return this.setPackage(category, name, spec);
  }

  /** Add the package or replace its spec, keeping the key's spelling and any trailing comment. */
  setPackage(category: string, name: string, spec: PackageSpecInput): this {
    const value = renderSpec(spec);
    const found = this.find(category, name);
    if (found?.kind === 'entry') {
      const e = found.entry;
      return this.commit(this.text.slice(0, e.valueStart) + value + this.text.slice(e.valueEnd), category, name);
    }
    let text = this.text;
    const key = found?.kind === 'table' ? found.key : name;
    if (found?.kind === 'table') text = this.cut(text, found.start, found.end);
    return this.commit(this.insert(text, category, `${tomlKey(key)} = ${value}`, key), category, name);
  }

  /** Remove a package; returns whether it was there. */
  removePackage(category: string, name: string): boolean {
    const found = this.find(category, name);
    if (!found) return false;
    const [start, end] = found.kind === 'entry' ? [found.entry.start, found.entry.lineEnd] : [found.start, found.end];
    this.commit(this.cut(this.text, start, end), category, name);
    return true;
  }

  private commit(text: string, category: string, name: string): this {
    try {
      this.parsed = parsePipfile(text, this.options);
    } catch (e) {
      throw new LockfileError('PIPFILE_EDIT', `editing ${category}.${name} would produce an invalid Pipfile`, { file: this.options.path, key: `${category}.${name}`, cause: e, hint: (e as Error).message });
    }
    this.text = text;
    return this;
  }

  private eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** Remove [start, end) plus the line break that ends it, and the indentation before `start`. */
  private cut(text: string, start: number, end: number): string {
    let s = start;
    while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
    let e = end;
    if (text[e] === '\r') e++;
    if (text[e] === '\n') e++;
    else if (e >= text.length && text[s - 1] === '\n') {
      // last line without a final newline: drop the line break before it instead
      s--;
      if (text[s - 1] === '\r') s--;
    }
    return text.slice(0, s) + text.slice(e);
  }

  private insert(text: string, category: string, line: string, key: string): string {
    const eol = this.eol();
    const { headers, entries } = scanToml(text);
    const header = headers.find((h) => !h.isArray && samePath(h.path, [category]));
    if (entries.some((e) => e.table.length === 0 && e.key.length === 1 && e.key[0] === category)) {
      throw new LockfileError('PIPFILE_EDIT', `[${category}] is written as an inline table; edit it by hand`, { file: this.options.path, key: category });
    }
    if (!header) {
      const sep = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
      return `${text}${sep}[${tomlKey(category)}]${eol}${line}${eol}`;
    }
    const inTable = entries.filter((e) => samePath(e.table, [category]) && e.arrayIndex === -1);
    if (this.parsed.settings.sort_pipfile === true) {
      // `[pipenv] sort_pipfile = true`: Pipenv keeps categories sorted; insert at the sorted position.
      const next = inTable.find((e) => (e.key[0] ?? '').toLowerCase() > key.toLowerCase());
      if (next) {
        const lineStart = text.lastIndexOf('\n', next.start - 1) + 1;
        const indent = /^[ \t]*/.exec(text.slice(lineStart, next.start))?.[0] ?? '';
        return text.slice(0, lineStart) + indent + line + eol + text.slice(lineStart);
      }
    }
    const last = inTable[inTable.length - 1];
    const at = last ? last.lineEnd : header.lineEnd;
    // Keep the indentation of the table's last entry.
    const indent = last ? /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', last.start - 1) + 1, last.start))?.[0] ?? '' : '';
    if (at >= text.length) return `${text}${eol}${indent}${line}`; // keep a missing final newline missing
    let after = at;
    if (text[after] === '\r') after++;
    if (text[after] === '\n') after++;
    return text.slice(0, after) + indent + line + eol + text.slice(after);
  }

  private find(
    category: string,
    name: string,
    exact = false,
  ): { kind: 'entry'; entry: TomlEntry } | { kind: 'table'; key: string; start: number; end: number } | undefined {
    const want = normalizeName(name);
    const same = (k: string | undefined) => (exact ? k === name : k !== undefined && normalizeName(k) === want);
    const { headers, entries } = scanToml(this.text);
    const entry = entries.find((e) => {
      const full = [...e.table, ...e.key];
      return full.length === 2 && full[0] === category && same(full[1]) && e.arrayIndex === -1;
    });
    if (entry) return { kind: 'entry', entry };
    const i = headers.findIndex((h: TomlHeader) => h.path.length === 2 && h.path[0] === category && same(h.path[1]));
    const h = headers[i];
    if (!h) return undefined;
    const next = headers.slice(i + 1).find((x) => !(x.path.length > 2 && x.path[0] === category && x.path[1] === h.path[1]));
    let end = next ? next.start : this.text.length;
    while (end > h.start && /\s/.test(this.text[end - 1] as string)) end--;
    return { kind: 'table', key: h.path[1] as string, start: h.start, end };
  }
}
