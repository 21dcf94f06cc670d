// Activation scripts: every shell gets one, paths with quotes survive quoting, bash parses it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { activationScripts } from './activation';

describe('activation scripts', () => {
  const scripts = activationScripts({ root: "/tmp/it's here/.venv", binName: 'bin', prompt: 'proj' });

  it('covers bash/zsh, fish, csh, PowerShell and nushell', () => {
    expect(Object.keys(scripts).sort()).toEqual(['Activate.ps1', 'activate', 'activate.csh', 'activate.fish', 'activate.nu']);
    for (const text of Object.values(scripts)) expect(text).toContain('VIRTUAL_ENV');
  });

  it('quotes the environment path safely in the POSIX script', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pipgrub-act-'));
    try {
      const file = path.join(dir, 'activate');
      writeFileSync(file, scripts.activate!);
      const out = execFileSync('bash', ['-c', `source '${file}' && printf '%s|%s' "$VIRTUAL_ENV" "$VIRTUAL_ENV_PROMPT"`], { env: { PATH: '/usr/bin:/bin' } }).toString();
      expect(out).toBe("/tmp/it's here/.venv|(proj) ");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
