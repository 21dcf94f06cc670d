// Bytecode for a batch of staged installs: reuse what the cache already compiled for this
// interpreter version, compile the rest in one Python process, and keep the result for next time.
import type { VirtualEnv } from '../create/layout';
import { compileBytecode } from './compile';
import type { StagedInstall } from './staged-install';

/**
 * Add `__pycache__` files to every staged install (cached per wheel hash and interpreter tag).
 * @example await compileStaged(env, [staged]); await staged.commit();
 */
export async function compileStaged(env: VirtualEnv, installs: readonly StagedInstall[]): Promise<void> {
  const hits = await Promise.all(installs.map((s) => s.useCachedBytecode()));
  const misses = installs.filter((_, i) => !hits[i]);
  if (misses.length === 0) return;
  const jobs = misses.map((s) => s.compileJobs());
  const ok = await compileBytecode(env.python, jobs.flat());
  let i = 0;
  const offsets: number[] = [];
  for (let k = 0; k < misses.length; k++) {
    offsets.push(i);
    const s = misses[k]!;
    const mine = jobs[k]!;
    const res = ok.slice(i, i + mine.length);
    i += mine.length;
    s.addCompiled(mine, res);
  }
  await Promise.all(misses.map((s, k) => s.storeBytecode(jobs[k]!, ok.slice(offsets[k]!, offsets[k]! + jobs[k]!.length))));
}
