// Credentials and redaction: netrc parsing, ${VAR} expansion, URL user-info handling, and the rule that
// secrets never appear in messages.
import { describe, it, expect } from 'vitest';
import { CredentialStore, expandEnv, parseNetrc } from './credentials';
import { redactText, redactUrl, stripCredentials } from './redact';
import { isPypiSourceError } from '../errors';

describe('netrc', () => {
  it('parses machines, default and skips macdef', () => {
    const m = parseNetrc('machine a.example login u1 password p1\nmacdef init\ncd /\n\nmachine b.example\n  login u2\n  password p2\ndefault login anon password x');
    expect(m.get('a.example')).toEqual({ username: 'u1', password: 'p1' });
    expect(m.get('b.example')).toEqual({ username: 'u2', password: 'p2' });
    expect(m.get('*')).toEqual({ username: 'anon', password: 'x' });
  });
});

describe('expandEnv', () => {
  it('expands ${VAR} and $VAR and reports the values as secrets', () => {
    expect(expandEnv('https://${U}:$P@h/simple', { U: 'me', P: 'tok' })).toEqual({ url: 'https://me:tok@h/simple', secrets: ['me', 'tok'] });
  });
  it('names a missing variable, never a value', () => {
    try {
      expandEnv('https://${MISSING}@h/', {});
      throw new Error('no error');
    } catch (e) {
      expect(isPypiSourceError(e) && e.code).toBe('INVALID_SOURCE');
      expect((e as Error).message).toContain('MISSING');
    }
  });
});

describe('CredentialStore', () => {
  it('moves user-info out of the URL and answers by prefix, origin, then netrc', () => {
    const store = new CredentialStore(new Map([['other.example', { username: 'n', password: 'np' }]]));
    expect(store.takeFromUrl('https://u:p%40ss@idx.example/simple/')).toBe('https://idx.example/simple/');
    expect(store.lookup('https://idx.example/simple/six/')).toEqual({ username: 'u', password: 'p@ss' });
    expect(store.lookup('https://idx.example/files/six.whl')).toEqual({ username: 'u', password: 'p@ss' });
    expect(store.lookup('https://other.example/x')).toEqual({ username: 'n', password: 'np' });
    expect(store.lookup('https://nobody.example/x')).toBeUndefined();
    expect(store.authorization('https://idx.example/simple/')).toBe('Basic ' + Buffer.from('u:p@ss').toString('base64'));
  });
});

describe('redaction', () => {
  it('hides user-info and known secrets', () => {
    expect(redactUrl('see https://u:pw@h/simple/ and http://tok@x/')).toBe('see https://****@h/simple/ and http://****@x/');
    expect(stripCredentials('https://u:pw@h/simple/')).toBe('https://h/simple/');
    expect(redactText('failed https://h/abc-token-123/simple', ['abc-token-123'])).toBe('failed https://h/****/simple');
  });
});
