// Tests for the argument parser: Pipenv-style flags, values, bundles, passthrough, typos.
import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse';

function ok(argv: string[]) {
  const r = parseArgs(argv);
  if (r.kind !== 'ok') throw new Error(r.message);
  return r.value;
}

describe('parseArgs', () => {
  it('parses a command with flags and positionals', () => {
    const v = ok(['install', '--dev', 'requests', 'flask>=3']);
    expect(v.command?.name).toBe('install');
    expect(v.options).toEqual({ dev: true });
    expect(v.args).toEqual(['requests', 'flask>=3']);
  });

  it.each([
    [['lock', '--python', '3.12'], { python: '3.12' }],
    [['lock', '--python=3.12'], { python: '3.12' }],
    [['install', '-r', 'req.txt'], { requirements: 'req.txt' }],
    [['install', '-rreq.txt'], { requirements: 'req.txt' }],
    [['install', '-dv'], { dev: true, verbose: true }],
    [['install', '-e', '.', '-e', '../lib'], { editable: ['.', '../lib'] }],
    [['install', '--categories', 'docs', '--categories=tests'], { categories: ['docs', 'tests'] }],
    [['install', '--no-site-packages'], { 'site-packages': false }],
    [['--venv'], { venv: true }],
    [['-q', 'lock'], { quiet: true }],
  ])('%j -> %j', (argv, options) => {
    expect(ok(argv).options).toEqual(options);
  });

  it('passes everything after the command of `run` through untouched', () => {
    const v = ok(['run', '-v', 'python', '-c', 'print(1)', '--dev']);
    expect(v.options).toEqual({ verbose: true });
    expect(v.args).toEqual(['python', '-c', 'print(1)', '--dev']);
  });

  it('treats arguments after -- as positionals', () => {
    expect(ok(['install', '--', '--weird-name']).args).toEqual(['--weird-name']);
  });

  it('suggests the closest command', () => {
    const r = parseArgs(['instal', 'requests']);
    expect(r).toMatchObject({ kind: 'usage-error', message: "No such command 'instal'. Did you mean install?" });
  });

  it('suggests the closest flag of the command', () => {
    const r = parseArgs(['install', '--devv']);
    expect(r.kind).toBe('usage-error');
    if (r.kind === 'usage-error') {
      expect(r.message).toContain('No such option: --devv');
      expect(r.message).toContain('Did you mean --dev?');
    }
  });

  it('catches swapped letters in flags', () => {
    const r = parseArgs(['lock', '--pre', '--claer']);
    expect(r.kind === 'usage-error' && r.message).toContain('Did you mean --clear?');
  });

  it('explains global flags used after a command', () => {
    const r = parseArgs(['install', '--where']);
    expect(r).toMatchObject({ kind: 'usage-error', hint: expect.stringContaining('global option') });
  });

  it('requires a value for valued options', () => {
    expect(parseArgs(['install', '--python'])).toMatchObject({ kind: 'usage-error', message: expect.stringContaining('requires an argument') });
  });

  it('rejects a value for a flag', () => {
    expect(parseArgs(['install', '--dev=1'])).toMatchObject({ kind: 'usage-error' });
  });

  it('accepts --help after any command', () => {
    expect(ok(['graph', '--help']).options).toEqual({ help: true });
  });
});
