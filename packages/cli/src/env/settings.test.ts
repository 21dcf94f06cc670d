// Tests for Pipenv's behavioural environment variables and their PIPGRUB_ twins.
import { describe, expect, it } from 'vitest';
import { readSettings } from './settings';

describe('readSettings', () => {
  it('has Pipenv defaults', () => {
    expect(readSettings({})).toEqual({ maxDepth: 3, ignoreVirtualenvs: false, dontLoadEnv: false, noSpin: false, shellFancy: false, timeoutSeconds: 30 });
  });
  it('reads the Pipenv variables', () => {
    const s = readSettings({
      PIPENV_VENV_IN_PROJECT: '1',
      PIPENV_PYPI_MIRROR: 'http://m/simple',
      PIPENV_IGNORE_VIRTUALENVS: 'true',
      PIPENV_DEFAULT_PYTHON_VERSION: '3.12',
      WORKON_HOME: '/envs',
      PIPENV_DONT_LOAD_ENV: 'yes',
      PIPENV_DOTENV_LOCATION: 'conf/.env',
      PIPENV_PIPFILE: 'sub/Pipfile',
      PIPENV_MAX_DEPTH: '5',
    });
    expect(s).toMatchObject({
      venvInProject: true,
      pypiMirror: 'http://m/simple',
      ignoreVirtualenvs: true,
      defaultPythonVersion: '3.12',
      workonHome: '/envs',
      dontLoadEnv: true,
      dotenvLocation: 'conf/.env',
      pipfile: 'sub/Pipfile',
      maxDepth: 5,
    });
  });
  it('prefers PIPGRUB_ over PIPENV_', () => {
    expect(readSettings({ PIPENV_VENV_IN_PROJECT: '1', PIPGRUB_VENV_IN_PROJECT: '0' }).venvInProject).toBe(false);
    expect(readSettings({ PIPENV_PYPI_MIRROR: 'a', PIPGRUB_PYPI_MIRROR: 'b' }).pypiMirror).toBe('b');
  });
});

describe('aliasPipgrubVariables', () => {
  it('mirrors PIPGRUB_X onto PIPENV_X, PIPGRUB winning', async () => {
    const { aliasPipgrubVariables } = await import('./settings');
    expect(aliasPipgrubVariables({ PIPGRUB_VENV_IN_PROJECT: '1', PIPENV_VENV_IN_PROJECT: '0', OTHER: 'x' })).toEqual({
      PIPGRUB_VENV_IN_PROJECT: '1',
      PIPENV_VENV_IN_PROJECT: '1',
      OTHER: 'x',
    });
  });
});
