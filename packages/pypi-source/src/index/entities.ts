// HTML character references for attribute values and link texts: numeric references and the named
// ones that occur on real index pages. Linear time, no regex backtracking.

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', '#39': "'",
};

/**
 * Decode HTML character references (`&gt;=3.8` -> `>=3.8`); unknown references stay as written.
 * @example unescapeHtml('&gt;=2.6, &lt;3') // '>=2.6, <3'
 */
export function unescapeHtml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const amp = s.indexOf('&', i);
    if (amp < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, amp);
    const semi = s.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) {
      out += '&';
      i = amp + 1;
      continue;
    }
    const ref = s.slice(amp + 1, semi);
    let rep: string | undefined;
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (Number.isFinite(code) && code > 0 && code <= 0x10ffff) rep = String.fromCodePoint(code);
    } else {
      rep = NAMED[ref.toLowerCase()];
    }
    if (rep === undefined) {
      out += '&';
      i = amp + 1;
    } else {
      out += rep;
      i = semi + 1;
    }
  }
  return out;
}
