// PEP 503 project/find-links page parser: a tolerant hand-written scanner for `<a>`, `<base>` and
// `<meta>` tags (linear time, no regex over the whole page), with PEP 592/658/714 attributes.
import { unescapeHtml } from './entities';
import { filenameFromUrl, parseMetadataAttr, resolveLink, splitHashFragment, type IndexFile, type ProjectPage } from './page';

interface Tag {
  name: string;
  attrs: Map<string, string>;
  /** Index just past the closing `>`. */
  end: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}

/** Parse the tag starting at `s[start] === '<'`; `undefined` if it is not a start tag. */
function parseTag(s: string, start: number): Tag | undefined {
  let i = start + 1;
  const nameStart = i;
  while (i < s.length && /[A-Za-z0-9]/.test(s[i]!)) i++;
  if (i === nameStart) return undefined;
  const name = s.slice(nameStart, i).toLowerCase();
  const attrs = new Map<string, string>();
  while (i < s.length) {
    while (i < s.length && (isSpace(s.charCodeAt(i)) || s[i] === '/')) i++;
    if (i >= s.length) return { name, attrs, end: s.length };
    if (s[i] === '>') return { name, attrs, end: i + 1 };
    const an = i;
    while (i < s.length && !isSpace(s.charCodeAt(i)) && s[i] !== '=' && s[i] !== '>' && s[i] !== '/') i++;
    const attrName = s.slice(an, i).toLowerCase();
    if (i === an) {
      i++; // stray character, skip it
      continue;
    }
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    let value = '';
    if (s[i] === '=') {
      i++;
      while (i < s.length && isSpace(s.charCodeAt(i))) i++;
      const q = s[i];
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, i + 1);
        const stop = close < 0 ? s.length : close;
        value = s.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const vs = i;
        while (i < s.length && !isSpace(s.charCodeAt(i)) && s[i] !== '>') i++;
        value = s.slice(vs, i);
      }
    }
    if (!attrs.has(attrName)) attrs.set(attrName, unescapeHtml(value));
  }
  return { name, attrs, end: s.length };
}

/**
 * Parse a PEP 503 HTML page (project page or find-links page). Links resolve against `pageUrl` (or a
 * `<base href>`). Links that are not files (no filename) are kept; the caller filters by filename.
 * @example parseHtmlPage('<a href="../../f/a-1.0.tar.gz#sha256=ab" data-requires-python="&gt;=3.8">a-1.0.tar.gz</a>', 'https://i/simple/a/')
 */
export function parseHtmlPage(html: string, pageUrl: string): ProjectPage {
  const files: IndexFile[] = [];
  let base = pageUrl;
  let apiVersion: string | undefined;
  let i = 0;
  const src = html;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) break;
    if (src.startsWith('<!--', lt)) {
      const close = src.indexOf('-->', lt + 4);
      i = close < 0 ? src.length : close + 3;
      continue;
    }
    const tag = parseTag(src, lt);
    if (!tag) {
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (tag.name === 'base') {
      const href = tag.attrs.get('href');
      const resolved = href ? resolveLink(href, pageUrl) : undefined;
      if (resolved) base = resolved;
    } else if (tag.name === 'meta') {
      if (tag.attrs.get('name')?.toLowerCase() === 'pypi:repository-version') apiVersion = tag.attrs.get('content');
    } else if (tag.name === 'a') {
      const href = tag.attrs.get('href');
      if (!href) continue;
      const abs = resolveLink(href.trim(), base);
      if (!abs) continue;
      const { url, hashes } = splitHashFragment(abs);
      const file: IndexFile = { filename: filenameFromUrl(url), url, hashes };
      const rp = tag.attrs.get('data-requires-python');
      if (rp !== undefined && rp.trim() !== '') file.requiresPython = rp.trim();
      const yanked = tag.attrs.get('data-yanked');
      if (yanked !== undefined) file.yanked = yanked === '' ? true : yanked;
      const meta = parseMetadataAttr(tag.attrs.get('data-core-metadata') ?? tag.attrs.get('data-dist-info-metadata'));
      if (meta !== undefined) file.coreMetadata = meta;
      files.push(file);
    }
  }
  return { format: 'html', files, ...(apiVersion !== undefined ? { apiVersion } : {}) };
}
