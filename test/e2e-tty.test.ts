// Terminal tests under tmux with the BUILT binary: `pipgrub shell` opens a subshell with the venv
// active, and the progress spinner renders on a real TTY and is cleared when the step ends.
// Skipped (with the reason printed) when tmux or python3 is missing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIndex, type StartedIndex } from '@pipgrub/test-kit';
import { BIN, binaryProblem, hasPython, pipfileFor, removeProject, tempProject } from './e2e-harness';

const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
const problem = binaryProblem() ?? (!hasTmux ? 'tmux is not installed' : !hasPython() ? 'python3 with the venv module is not on PATH' : undefined);
if (problem) console.warn(`e2e-tty: skipped: ${problem}`);

const SOCKET = `pipgrub-e2e-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The visible pane text. */
function screen(session: string): string {
  return tmux('capture-pane', '-p', '-t', session).stdout;
}

/** Poll the pane until `test` matches (or give up after `ms`); returns the last screen. */
async function waitFor(session: string, test: (text: string) => boolean, ms = 15_000): Promise<string> {
  const until = Date.now() + ms;
  let text = screen(session);
  while (!test(text) && Date.now() < until) {
    await sleep(100);
    text = screen(session);
  }
  return text;
}

describe.skipIf(problem !== undefined)('pipgrub on a real terminal (tmux)', () => {
  let dir: string;
  let home: string;
  let index: StartedIndex;

  beforeAll(async () => {
    index = await startIndex({ lib: { '1.0.0': {} }, other: { '1.0.0': { requiresDist: ['lib'] } } }, { serveOptions: { latencyMs: 400 } });
    home = mkdtempSync(join(tmpdir(), 'pipgrub-tty-home-'));
    dir = tempProject({ Pipfile: pipfileFor(index.simpleUrl, { other: '*' }) });
    expect(spawnSync('python3', ['-m', 'venv', '--without-pip', join(dir, '.venv')]).status).toBe(0);
    const env = [
      '-e', `HOME=${home}`, '-e', 'SHELL=/bin/bash', '-e', 'PIPENV_VENV_IN_PROJECT=1', '-e', `PIPGRUB_CACHE_DIR=${join(home, 'cache')}`,
      '-e', 'PIP_CONFIG_FILE=/dev/null', '-e', 'NO_COLOR=1', '-e', 'PS1=$ ', '-e', 'TERM=xterm-256color',
    ];
    // CI=true (set by CI) turns the spinner off; a person's terminal has no such variable.
    const r = tmux('new-session', '-d', '-s', 'main', '-x', '150', '-y', '40', ...env, '-c', dir, 'env -u CI bash --norc --noprofile');
    expect(r.status, r.stderr).toBe(0);
  });
  afterAll(async () => {
    tmux('kill-server');
    await index?.close();
    if (dir) removeProject(dir);
    if (home) removeProject(home);
  });

  it('pipgrub shell activates the virtualenv in a subshell', async () => {
    tmux('send-keys', '-t', 'main', `node ${BIN} shell`, 'Enter');
    await waitFor('main', (t) => t.includes('Launching subshell'));
    await sleep(500);
    tmux('send-keys', '-t', 'main', 'echo "VE""NV=$VIRTUAL_ENV ACTIVE=$PIPENV_ACTIVE PY=$(command -v python)"', 'Enter');
    const text = await waitFor('main', (t) => /VENV=\/.*PY=/.test(t));
    const venv = join(dir, '.venv');
    expect(text).toContain(`VENV=${venv} ACTIVE=1 PY=${venv}/bin/python`);
    tmux('send-keys', '-t', 'main', 'exit', 'Enter');
    await sleep(300);
    tmux('send-keys', '-t', 'main', 'echo "AFT""ER=[$VIRTUAL_ENV]"', 'Enter');
    expect(await waitFor('main', (t) => t.includes('AFTER=['))).toContain('AFTER=[]');
  });

  it('progress renders while resolving and is cleared afterwards', async () => {
    tmux('send-keys', '-t', 'main', 'clear', 'Enter');
    await sleep(200);
    tmux('send-keys', '-t', 'main', `node ${BIN} lock; echo "LOCK""-EXIT=$?"`, 'Enter');
    const during = await waitFor('main', (t) => t.includes('Resolving dependencies') || t.includes('LOCK-EXIT='));
    expect(during).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Resolving dependencies/);
    const after = await waitFor('main', (t) => t.includes('LOCK-EXIT='), 30_000);
    expect(after).toContain('LOCK-EXIT=0');
    expect(after).toMatch(/Locked 2 packages in \d+\.\d\ds/);
    expect(after).not.toContain('Resolving dependencies');
  });

  it('install progress renders on the terminal and the final summary replaces it', async () => {
    tmux('send-keys', '-t', 'main', 'clear', 'Enter');
    await sleep(200);
    tmux('send-keys', '-t', 'main', `node ${BIN} sync; echo "SYNC""-EXIT=$?"`, 'Enter');
    const during = await waitFor('main', (t) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] (Installing|Preparing install)/.test(t) || t.includes('SYNC-EXIT='));
    expect(during).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] (Installing|Preparing install)/);
    const after = await waitFor('main', (t) => t.includes('SYNC-EXIT='), 30_000);
    expect(after).toContain('SYNC-EXIT=0');
    expect(after).toMatch(/Synced 2 packages: 2 installed/);
    expect(after).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
  });
});
