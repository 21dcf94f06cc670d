// Environment-variable expansion in source URLs (os.path.expandvars semantics, credential encoding).
import { describe, expect, it } from 'vitest';
import { expandEnvVars } from './env-vars';

describe('expandEnvVars', () => {
  const env = { USER: 'me', PASS: 'p@ss:/w', HOST: 'pypi.example' };
  it.each([
    ['https://${USER}:${PASS}@${HOST}/simple', 'https://me:p@ss:/w@pypi.example/simple', false],
    ['https://${USER}:${PASS}@${HOST}/simple', 'https://me:p%40ss%3A%2Fw@pypi.example/simple', true],
    ['https://$USER@$HOST/simple', 'https://me@pypi.example/simple', true],
    ['https://${MISSING}@x/simple', 'https://${MISSING}@x/simple', true],
    ['https://x/$MISSING/simple', 'https://x/$MISSING/simple', false],
    ['no vars', 'no vars', false],
  ] as const)('%s -> %s (encode=%s)', (input, want, encode) => {
    expect(expandEnvVars(input, env, { encodeCredentials: encode })).toBe(want);
  });
});
