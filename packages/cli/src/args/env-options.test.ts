// Tests for options taken from PIPENV_* / PIPGRUB_* variables.
import { describe, expect, it } from 'vitest';
import { applyEnvOptions, envFlag, envNamesFor, EnvValueError } from './env-options';
import { findCommand, GLOBAL_OPTIONS } from './spec';

const install = findCommand('install')!;

describe('envFlag', () => {
  it.each(['1', 'true', 'YES', 'on'])('%s is true', (v) => expect(envFlag({ X: v }, 'X')).toBe(true));
  it.each(['0', 'false', 'No', 'off', ''])('%j is false', (v) => expect(envFlag({ X: v }, 'X')).toBe(false));
  it('is undefined when unset', () => expect(envFlag({}, 'X')).toBeUndefined());
  it('rejects other text with a typed error', () => {
    expect(() => envFlag({ PIPENV_DEV: 'maybe' }, 'PIPENV_DEV')).toThrow(EnvValueError);
  });
});

describe('applyEnvOptions', () => {
  it('names variables in precedence order', () => {
    const dev = install.options.find((o) => o.name === 'dev')!;
    expect(envNamesFor(install, dev)).toEqual(['PIPGRUB_INSTALL_DEV', 'PIPGRUB_DEV', 'PIPENV_INSTALL_DEV', 'PIPENV_DEV']);
  });

  it('fills flags, values and lists from the environment', () => {
    const env = { PIPENV_DEV: '1', PIPENV_PYPI_MIRROR: 'http://mirror/simple', PIPENV_CATEGORIES: 'docs tests' };
    expect(applyEnvOptions(install, {}, install.options, env)).toEqual({
      dev: true,
      'pypi-mirror': 'http://mirror/simple',
      categories: ['docs', 'tests'],
    });
  });

  it('lets the command line win over the environment', () => {
    expect(applyEnvOptions(install, { dev: false }, install.options, { PIPENV_DEV: '1' })).toEqual({ dev: false });
  });

  it('lets PIPGRUB_ win over PIPENV_ and the command-specific name win over the generic one', () => {
    expect(applyEnvOptions(install, {}, install.options, { PIPENV_PRE: '1', PIPGRUB_PRE: '0' })).toEqual({ pre: false });
    expect(applyEnvOptions(install, {}, install.options, { PIPENV_PRE: '1', PIPENV_INSTALL_PRE: '0' })).toEqual({ pre: false });
  });

  it('never takes actions such as --where from the environment', () => {
    expect(applyEnvOptions(undefined, {}, GLOBAL_OPTIONS, { PIPENV_WHERE: '1', PIPENV_RM: '1' })).toEqual({});
  });
});
