// Python request parsing and matching: versions, specifiers, implementations, paths, Pipfile [requires].
import { describe, expect, it } from 'vitest';
import { parsePythonRequest, requestFromPipfileRequires, requestMatches, requestMayMatch } from './request';

const cases: Array<[string, number[], string, boolean]> = [
  ['3.12', [3, 12, 1], 'cpython', true],
  ['3.12', [3, 11, 9], 'cpython', false],
  ['3', [3, 9, 0], 'cpython', true],
  ['>=3.10', [3, 12, 0], 'cpython', true],
  ['>=3.10', [3, 9, 18], 'cpython', false],
  ['>=3.10,<3.12', [3, 12, 0], 'cpython', false],
  ['~=3.10', [3, 13, 0], 'cpython', true],
  ['~=3.10.2', [3, 11, 0], 'cpython', false],
  ['==3.11.*', [3, 11, 7], 'cpython', true],
  ['!=3.11.*', [3, 11, 7], 'cpython', false],
  ['cpython@3.11', [3, 11, 7], 'cpython', true],
  ['pypy@3.10', [3, 10, 0], 'cpython', false],
  ['pypy3.10', [3, 10, 0], 'pypy', true],
  ['python3.9', [3, 9, 1], 'cpython', true],
  ['3.11.7', [3, 11, 7], 'cpython', true],
  ['3.11.7', [3, 11, 8], 'cpython', false],
];

describe('python requests', () => {
  it.each(cases)('%s vs %j (%s) -> %s', (text, version, impl, expected) => {
    expect(requestMatches(parsePythonRequest(text), version, impl)).toBe(expected);
  });

  it('recognises paths and any', () => {
    expect(parsePythonRequest('/usr/bin/python3')).toEqual({ kind: 'path', path: '/usr/bin/python3' });
    expect(parsePythonRequest('./venv/bin/python').kind).toBe('path');
    expect(parsePythonRequest('').kind).toBe('any');
    expect(() => parsePythonRequest('>>3')).toThrow(/Invalid Python request/);
  });

  it('uses Pipfile [requires], full version first', () => {
    const r = requestFromPipfileRequires({ python_version: '3.11', python_full_version: '3.11.7' });
    expect(requestMatches(r, [3, 11, 7], 'cpython')).toBe(true);
    expect(requestMatches(r, [3, 11, 6], 'cpython')).toBe(false);
    expect(requestFromPipfileRequires({}).kind).toBe('any');
  });

  it('skips candidates whose file name rules them out', () => {
    expect(requestMayMatch(parsePythonRequest('3.12'), [3, 11])).toBe(false);
    expect(requestMayMatch(parsePythonRequest('3.12'), [3])).toBe(true);
    expect(requestMayMatch(parsePythonRequest('>=3.10'), [3, 9])).toBe(true);
  });
});
