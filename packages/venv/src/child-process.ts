// node:child_process, loaded on first use: a command that starts no process (a warm lock answers the
// interpreter query from its cache) should not pay for loading it, and net/dgram with it, at start-up.
import type { ExecFileOptions } from 'node:child_process';

type ChildProcessModule = typeof import('node:child_process');
let loaded: Promise<ChildProcessModule> | undefined;

/**
 * The node:child_process module, imported once.
 * @example const { spawn } = await childProcess();
 */
export function childProcess(): Promise<ChildProcessModule> {
  loaded ??= import('node:child_process');
  return loaded;
}

/**
 * `execFile` as a promise of its text output (rejects as execFile's callback would, with `stdout`
 * and `stderr` on the error).
 * @example const { stdout } = await execFileText('git', ['rev-parse', 'HEAD'], { cwd });
 */
export async function execFileText(file: string, args: readonly string[], options: ExecFileOptions = {}): Promise<{ stdout: string; stderr: string }> {
  const { execFile } = await childProcess();
  return new Promise((resolve, reject) => {
    execFile(file, args, { ...options, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}
