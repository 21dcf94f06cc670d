// --extra-pip-args: the pip arguments pipgrub honours or already behaves like, and one clear error
// for the rest; the flags today's Pipenv removed are refused with Pipenv's reason.
import { describe, expect, it } from 'vitest';
import { isCliError } from '../errors';
import { parsePipArgs, refuseRemovedFlags } from './pip-args';

const none = { compile: false, requireHashes: false, breakSystemPackages: false };

describe('parsePipArgs', () => {
  it.each([
    [[], none],
    [['--compile'], { ...none, compile: true }],
    [['--compile --no-compile'], none],
    [['--require-hashes', '--break-system-packages'], { ...none, requireHashes: true, breakSystemPackages: true }],
    [['--no-deps --only-binary=:all: --prefer-binary'], none],
    [['--only-binary :all:  --disable-pip-version-check'], none],
  ])('%j -> %j', (args, effects) => {
    expect(parsePipArgs(args)).toEqual(effects);
  });

  it.each([
    [['--user'], "'--user'"],
    [['--only-binary numpy'], "'--only-binary numpy'"],
    [['--compile --index-url=https://x'], "'--index-url=https://x'"],
    [['-U'], "'-U'"],
  ])('refuses %j naming %s', (args, shown) => {
    let err: unknown;
    try {
      parsePipArgs(args);
    } catch (e) {
      err = e;
    }
    expect(isCliError(err) && err.code).toBe('CLI_UNSUPPORTED_PIP_ARG');
    expect((err as Error).message).toContain(shown);
    expect((err as Error).message.split('\n')).toHaveLength(1);
  });
});

describe('refuseRemovedFlags', () => {
  const only = (name: string) => (n: string) => n === name;
  it('refuses --keep-outdated except where lock keeps it, and --selective-upgrade always', () => {
    expect(() => refuseRemovedFlags(only('keep-outdated'), false)).toThrow(/--keep-outdated has been removed/);
    expect(() => refuseRemovedFlags(only('keep-outdated'), true)).not.toThrow();
    expect(() => refuseRemovedFlags(only('selective-upgrade'), true)).toThrow(/--selective-upgrade has been removed/);
    expect(() => refuseRemovedFlags(() => false, false)).not.toThrow();
  });
});
