// Bytecode compilation of staged .py files in one Python subprocess: each file is compiled with its
// final installed path as the displayed file name, so tracebacks and pip's RECORD look as usual.
import { VenvError } from '../errors';
import { childProcess } from '../child-process';

/** One file to compile: where it is staged, where it will live, where the .pyc goes (staged). */
export interface CompileJob {
  source: string;
  finalPath: string;
  pycOut: string;
}

const SCRIPT = String.raw`
import json, py_compile, sys, warnings
warnings.filterwarnings('ignore')
jobs = json.loads(sys.stdin.read())
ok = []
for src, final, out in jobs:
    try:
        py_compile.compile(src, cfile=out, dfile=final, doraise=True)
        ok.append(True)
    except Exception:
        ok.append(False)
sys.stdout.write(json.dumps({'tag': sys.implementation.cache_tag, 'ok': ok}))
`;

/** The interpreter's `sys.implementation.cache_tag` from its version (`cpython-312`), for pyc names. */
export function cacheTag(implementation: string, version: [number, number, number]): string {
  if (implementation === 'pypy') return `pypy${version[0]}${version[1]}`;
  return `${implementation}-${version[0]}${version[1]}`;
}

/**
 * Compile jobs with `python`; returns which succeeded (files with syntax errors are skipped, as pip does).
 * @example await compileBytecode('/venv/bin/python', [{ source, finalPath, pycOut }])
 */
export async function compileBytecode(python: string, jobs: CompileJob[]): Promise<boolean[]> {
  if (jobs.length === 0) return [];
  // Loaded on use: commands that start no process (a warm lock) should not load child_process.
  const { spawn } = await childProcess();
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-E', '-s', '-c', SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new VenvError('INSTALL_FAILED', `could not start ${python} to compile bytecode`, { cause: e })));
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new VenvError('INSTALL_FAILED', `bytecode compilation failed (${python} exited ${code}): ${err.trim().split('\n').pop() ?? ''}`));
        return;
      }
      try {
        resolve((JSON.parse(out) as { ok: boolean[] }).ok);
      } catch (e) {
        reject(new VenvError('INSTALL_FAILED', 'bytecode compilation printed no result', { cause: e }));
      }
    });
    child.stdin.end(JSON.stringify(jobs.map((j) => [j.source, j.finalPath, j.pycOut])));
  });
}
