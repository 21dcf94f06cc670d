// `.env` files as python-dotenv reads them (what Pipenv uses): KEY=VALUE lines, `export`, comments,
// single quotes literal, double quotes with escapes and multi-line values, `${VAR}` expansion.

import { readFileSync } from 'node:fs';
import type { Env } from '../args/env-options';

/** One parsed assignment with the line it started on. */
export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/;
const DOUBLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', $: '$' };

/**
 * Parse `.env` text. Malformed lines are skipped (python-dotenv warns and carries on); entries come
 * back in file order with `${VAR}` / `${VAR:-default}` expanded against earlier entries, then `env`.
 * @example parseDotenv('A=1\nB="${A}2"') // [{ key: 'A', value: '1', line: 1 }, { key: 'B', value: '12', line: 2 }]
 */
export function parseDotenv(text: string, env: Env = {}): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const seen: Env = {};
  const lookup = (name: string): string | undefined => seen[name] ?? env[name];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let rest = lines[i]!.trimStart();
    if (rest === '' || rest.startsWith('#')) continue;
    if (rest.startsWith('export ')) rest = rest.slice(7).trimStart();
    const keyMatch = KEY.exec(rest);
    if (!keyMatch) continue;
    const key = keyMatch[0];
    rest = rest.slice(key.length).trimStart();
    if (!rest.startsWith('=')) continue; // `KEY` alone: python-dotenv yields None, which is not set.
    rest = rest.slice(1).trimStart();
    let value: string;
    if (rest.startsWith("'") || rest.startsWith('"')) {
      const quote = rest[0]!;
      let body = '';
      let j = 1;
      let closed = false;
      // Quoted values may span lines.
      for (;;) {
        while (j < rest.length) {
          const ch = rest[j]!;
          if (quote === '"' && ch === '\\' && j + 1 < rest.length) {
            const next = rest[j + 1]!;
            body += DOUBLE_ESCAPES[next] ?? `\\${next}`;
            j += 2;
            continue;
          }
          if (quote === "'" && ch === '\\' && rest[j + 1] === "'") {
            body += "'";
            j += 2;
            continue;
          }
          if (ch === quote) {
            closed = true;
            break;
          }
          body += ch;
          j++;
        }
        if (closed || i + 1 >= lines.length) break;
        body += '\n';
        rest = lines[++i]!;
        j = 0;
      }
      if (!closed) continue;
      value = quote === '"' ? expand(body, lookup) : body;
    } else {
      const comment = rest.search(/\s#/);
      value = expand((comment === -1 ? rest : rest.slice(0, comment)).trim(), lookup);
    }
    seen[key] = value;
    entries.push({ key, value, line: lineNo });
  }
  return entries;
}

function expand(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    const v = lookup(name);
    return v !== undefined && v !== '' ? v : (fallback ?? '');
  });
}

/** Result of loading a `.env` file into an environment. */
export type DotenvLoad = { kind: 'loaded'; path: string; keys: string[] } | { kind: 'missing'; path: string };

/**
 * Read `path` and assign its entries into `env` (overriding existing values, as Pipenv does).
 * @example loadDotenv('/proj/.env', env) // { kind: 'loaded', path: '/proj/.env', keys: ['DEBUG'] }
 */
export function loadDotenv(path: string, env: Env): DotenvLoad {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { kind: 'missing', path };
  }
  const entries = parseDotenv(text, env);
  for (const e of entries) env[e.key] = e.value;
  return { kind: 'loaded', path, keys: entries.map((e) => e.key) };
}
