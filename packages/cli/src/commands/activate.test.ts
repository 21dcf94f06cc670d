// Tests for the activation line printed by `pipgrub activate`.
import { describe, expect, it } from 'vitest';
import { activationCommand, shellKind } from './activate';

describe('activate', () => {
  it.each([
    ['/bin/bash', 'bash'],
    ['/usr/bin/zsh', 'bash'],
    ['/usr/bin/fish', 'fish'],
    ['/bin/tcsh', 'csh'],
    ['pwsh.exe', 'powershell'],
    [undefined, 'bash'],
  ] as const)('%s is a %s-like shell', (path, kind) => {
    expect(shellKind(path)).toBe(kind);
  });
  it('quotes the script path for the shell', () => {
    expect(activationCommand("/p/it's/.venv", 'bash')).toBe(`source '/p/it'\\''s/.venv/bin/activate'`);
    expect(activationCommand('/p/.venv', 'fish')).toBe(`source '/p/.venv/bin/activate.fish'`);
  });
});
