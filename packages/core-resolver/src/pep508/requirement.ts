// PEP 508 dependency specifiers (`name[extras] (specifiers) ; marker` or `name @ url ; marker`),
// parsed with packaging's grammar and printed as packaging prints them.
import { SpecifierSet } from '../pep440/specifier-set';
import { Cursor } from './cursor';
import { InvalidRequirement } from './errors';
import { Marker } from './marker';
import { SyntaxProblem, normalizeTopLevelExtras, parseMarkerList } from './marker-parser';
import { normalizeName, type NormalizedName } from './name';

function parseExtras(c: Cursor): string[] {
  if (!c.peek('[')) return [];
  const open = c.pos;
  c.pos++;
  c.ws();
  const extras: string[] = [];
  const first = c.identifier();
  if (first !== undefined) {
    extras.push(first);
    for (;;) {
      c.ws();
      const save = c.pos;
      if (c.identifier() !== undefined) {
        c.pos = save;
        throw new SyntaxProblem('Expected comma between extra names', [c.pos, c.pos]);
      }
      if (!c.peek(',')) break;
      c.pos++;
      c.ws();
      const e = c.identifier();
      if (e === undefined) throw new SyntaxProblem('Expected extra name after comma', [c.pos, c.pos]);
      extras.push(e);
    }
  }
  c.ws();
  if (!c.peek(']')) throw new SyntaxProblem('Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', [open, c.pos]);
  c.pos++;
  return extras;
}

function parseVersionMany(c: Cursor): string {
  let out = '';
  for (;;) {
    const start = c.pos;
    const spec = c.specifier();
    if (spec === undefined) break;
    out += spec;
    if (c.peek('.*')) throw new SyntaxProblem('.* suffix can only be used with `==` or `!=` operators', [start, c.pos + 1]);
    if (c.peek('+') && /^\+[a-z0-9]/.test(c.source.slice(c.pos, c.pos + 2))) {
      throw new SyntaxProblem('Local version label can only be used with `==` or `!=` operators', [start, c.pos]);
    }
    c.ws();
    if (!c.peek(',')) break;
    c.pos++;
    out += ',';
    c.ws();
  }
  return out;
}

function parseSpecifier(c: Cursor): string {
  if (!c.peek('(')) {
    c.ws();
    const s = parseVersionMany(c);
    c.ws();
    return s;
  }
  const open = c.pos;
  c.pos++;
  c.ws();
  const s = parseVersionMany(c);
  c.ws();
  if (!c.peek(')')) throw new SyntaxProblem('Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', [open, c.pos]);
  c.pos++;
  return s;
}

function parseRequirementMarker(c: Cursor, spanStart: number, expected: string): Marker {
  if (!c.peek(';')) throw new SyntaxProblem(`Expected ${expected} or end`, [spanStart, c.pos]);
  c.pos++;
  const m = parseMarkerList(c);
  c.ws();
  return Marker.fromTree(normalizeTopLevelExtras(m));
}

/**
 * A parsed PEP 508 requirement.
 *
 * @example
 * ```ts
 * const r = Requirement.parse('Requests[socks,security] >=2.8.1, ==2.8.* ; python_version < "2.7"');
 * r.normalizedName; // 'requests'
 * r.extras; // ['socks', 'security']
 * r.specifier.toString(); // '==2.8.*,>=2.8.1'
 * r.marker?.toString(); // 'python_version < "2.7"'
 * r.toString(); // 'Requests[security,socks]==2.8.*,>=2.8.1; python_version < "2.7"'
 * ```
 */
export class Requirement {
  /** The name as written. */
  readonly name: string;
  /** PEP 503 form of the name. */
  readonly normalizedName: NormalizedName;
  /** Extras as written, de-duplicated, in order. */
  readonly extras: readonly string[];
  readonly specifier: SpecifierSet;
  /** `name @ url` requirements; the specifier is then empty. */
  readonly url: string | undefined;
  readonly marker: Marker | undefined;

  private constructor(name: string, extras: string[], specifier: SpecifierSet, url: string | undefined, marker: Marker | undefined) {
    this.name = name;
    this.normalizedName = normalizeName(name);
    this.extras = [...new Set(extras)];
    this.specifier = specifier;
    this.url = url;
    this.marker = marker;
  }

  /** Parse a requirement string. Throws {@link InvalidRequirement} naming the text and position. */
  static parse(text: string): Requirement {
    try {
      return Requirement.parseInner(text);
    } catch (e) {
      if (e instanceof SyntaxProblem) throw new InvalidRequirement(e.message, text, e.span);
      throw e;
    }
  }

  private static parseInner(text: string): Requirement {
    const c = new Cursor(text);
    c.ws();
    const name = c.identifier();
    if (name === undefined) throw new SyntaxProblem('Expected package name at the start of dependency specifier', [c.pos, c.pos]);
    c.ws();
    const extras = parseExtras(c);
    c.ws();
    let url: string | undefined;
    let spec = '';
    let marker: Marker | undefined;
    if (c.peek('@')) {
      c.pos++;
      c.ws();
      const urlStart = c.pos;
      let j = c.pos;
      while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++;
      if (j === c.pos) throw new SyntaxProblem('Expected URL after @', [c.pos, c.pos]);
      url = text.slice(c.pos, j);
      c.pos = j;
      if (!c.atEnd) {
        if (!c.ws()) throw new SyntaxProblem('Expected whitespace after URL', [c.pos, c.pos]);
        if (!c.atEnd) marker = parseRequirementMarker(c, urlStart, 'semicolon (after URL and whitespace)');
      }
    } else {
      const specStart = c.pos;
      spec = parseSpecifier(c);
      c.ws();
      if (!c.atEnd) {
        marker = parseRequirementMarker(
          c,
          specStart,
          spec ? 'comma (within version specifier), semicolon (after version specifier)' : 'semicolon (after name with no version specifier)',
        );
      }
    }
    if (!c.atEnd) throw new SyntaxProblem('Expected end of dependency specifier', [c.pos, c.pos]);
    let specifier: SpecifierSet;
    try {
      specifier = SpecifierSet.parse(spec, { lenient: true });
    } catch (e) {
      throw new SyntaxProblem((e as Error).message, [0, text.length]);
    }
    return new Requirement(name, extras, specifier, url, marker);
  }

  /** packaging's `str(Requirement)`: extras sorted, specifiers sorted, `; marker`. */
  toString(): string {
    let out = this.name;
    if (this.extras.length) out += `[${[...this.extras].sort().join(',')}]`;
    const spec = this.specifier.toString();
    if (spec) out += spec;
    if (this.url) {
      out += ` @ ${this.url}`;
      if (this.marker) out += ' ';
    }
    if (this.marker) out += `; ${this.marker.toString()}`;
    return out;
  }

  toJSON(): string {
    return this.toString();
  }
}
