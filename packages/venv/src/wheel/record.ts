// PEP 376 RECORD files: CSV rows of path, `sha256=<urlsafe-b64>` digest and size, read and written
// exactly as Python's csv module does (minimal quoting, CRLF line ends as pip writes them).
import { createHash } from 'node:crypto';

/** One RECORD row; hash and size are empty strings for RECORD itself and for .pyc files. */
export interface RecordRow {
  path: string;
  hash: string;
  size: string;
}

/**
 * Parse RECORD text (quoted fields, CRLF or LF).
 * @example parseRecord('a.py,sha256=abc,3\r\n')[0].path // 'a.py'
 */
export function parseRecord(text: string): RecordRow[] {
  const rows: RecordRow[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (;;) {
      if (i >= n) {
        fields.push(field);
        break;
      }
      const ch = text[i]!;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            quoted = false;
            i++;
          }
        } else {
          field += ch;
          i++;
        }
      } else if (ch === '"' && field === '') {
        quoted = true;
        i++;
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        i++;
      } else if (ch === '\r' || ch === '\n') {
        fields.push(field);
        i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
        break;
      } else {
        field += ch;
        i++;
      }
    }
    if (fields.length === 1 && fields[0] === '') continue;
    rows.push({ path: fields[0] ?? '', hash: fields[1] ?? '', size: fields[2] ?? '' });
  }
  return rows;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Format rows as pip does: sorted by (path, hash, size), CRLF-terminated.
 * @example formatRecord([{ path: 'a.py', hash: 'sha256=x', size: '1' }]) // 'a.py,sha256=x,1\r\n'
 */
export function formatRecord(rows: RecordRow[]): string {
  const sorted = [...rows].sort((a, b) => cmp(a.path, b.path) || cmp(a.hash, b.hash) || cmp(a.size, b.size));
  return sorted.map((r) => `${csvField(r.path)},${csvField(r.hash)},${csvField(r.size)}\r\n`).join('');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `sha256=<urlsafe base64 without padding>` of some bytes.
 * @example recordHash('') // 'sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'
 */
export function recordHash(data: Uint8Array | string): string {
  return `sha256=${createHash('sha256').update(data).digest('base64url')}`;
}
