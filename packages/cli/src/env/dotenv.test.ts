// Tests for .env parsing (python-dotenv semantics) and loading with override.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDotenv, parseDotenv } from './dotenv';

const values = (text: string, env = {}) => Object.fromEntries(parseDotenv(text, env).map((e) => [e.key, e.value]));

describe('parseDotenv', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['export A=1', { A: '1' }],
    ['A = spaced  ', { A: 'spaced' }],
    ['A=x # comment', { A: 'x' }],
    ['A=x#not-comment', { A: 'x#not-comment' }],
    ["A='lit ${B} \\n'", { A: 'lit ${B} \\n' }],
    ['A="esc\\tq\\"d\\n"', { A: 'esc\tq"d\n' }],
    ['# comment\n\nA=1\n', { A: '1' }],
    ['A=', { A: '' }],
    ['JUST_A_KEY', {}],
    ['A=1\r\nB=2\r\n', { A: '1', B: '2' }],
  ])('%j', (text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('reads multi-line double-quoted values', () => {
    expect(values('KEY="line1\nline2"\nNEXT=1')).toEqual({ KEY: 'line1\nline2', NEXT: '1' });
  });

  it('expands ${VAR} from earlier entries, then the environment, with defaults', () => {
    expect(values('A=1\nB=${A}-${HOME}\nC="${MISSING:-dflt}"', { HOME: '/h' })).toEqual({ A: '1', B: '1-/h', C: 'dflt' });
  });

  it('records line numbers', () => {
    expect(parseDotenv('\n\nA=1').map((e) => e.line)).toEqual([3]);
  });
});

describe('loadDotenv', () => {
  it('overrides existing variables and reports the keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pipgrub-dotenv-'));
    writeFileSync(join(dir, '.env'), 'FOO=from-file\nBAR=2\n');
    const env: Record<string, string | undefined> = { FOO: 'from-env' };
    expect(loadDotenv(join(dir, '.env'), env)).toEqual({ kind: 'loaded', path: join(dir, '.env'), keys: ['FOO', 'BAR'] });
    expect(env).toEqual({ FOO: 'from-file', BAR: '2' });
  });
  it('reports a missing file', () => {
    expect(loadDotenv('/nonexistent/.env', {}).kind).toBe('missing');
  });
});
