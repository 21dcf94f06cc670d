// Runs one peer command and times it: its own process group, a clean environment passed in full, a hard
// timeout that kills the whole group (a peer that tries to reach PyPI must not hang the benchmark).
import { spawn } from 'node:child_process';

/** The outcome of one timed command. */
export interface Timed {
  /** Wall time in seconds (spawn to exit). */
  seconds: number;
  /** Exit code; `null` when killed. */
  code: number | null;
  timedOut: boolean;
  /** The last lines of stderr+stdout, for failure messages. */
  tail: string;
}

/**
 * Run `cmd args` in `cwd` with exactly `env`, killing its process group after `timeoutMs`.
 *
 * @example
 * ```ts
 * const t = await timeCommand('pipenv', ['lock'], { cwd: dir, env, timeoutMs: 300_000 });
 * ```
 */
export function timeCommand(cmd: string, args: readonly string[], o: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<Timed> {
  return new Promise((done) => {
    const started = performance.now();
    let out = '';
    let timedOut = false;
    const child = spawn(cmd, args, { cwd: o.cwd, env: o.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer): void => {
      out = (out + b.toString('utf8')).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, o.timeoutMs);
    const finish = (code: number | null): void => {
      clearTimeout(timer);
      const tail = out.trim().split('\n').slice(-6).join('\n');
      done({ seconds: (performance.now() - started) / 1000, code, timedOut, tail });
    };
    child.on('error', (e) => {
      out += `\n${e.message}`;
      finish(null);
    });
    child.on('close', (code) => finish(code));
  });
}
