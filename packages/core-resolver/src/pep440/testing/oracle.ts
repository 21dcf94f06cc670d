// Runs the Python `packaging` oracle once for a whole batch of requests (one subprocess per batch).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'packaging_oracle.py');

/** Whether `python3` with `packaging` >= 22 is available (tests skip with a reason otherwise). */
export function hasPackaging(): { ok: boolean; reason: string; version?: string } {
  const r = spawnSync('python3', ['-c', 'import packaging; print(packaging.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, reason: 'python3 with the packaging module is not available' };
  const version = r.stdout.trim();
  const major = Number(version.split('.')[0]);
  if (!(major >= 22)) return { ok: false, reason: `packaging ${version} is too old (need >= 22)` };
  return { ok: true, reason: '', version };
}

/** Send every request (one JSON object each) and return the answers in order. */
export function askPackaging(requests: readonly unknown[]): unknown[] {
  const input = requests.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const r = spawnSync('python3', [SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`packaging oracle failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== requests.length) throw new Error(`packaging oracle answered ${lines.length} of ${requests.length} requests`);
  return lines.map((l) => JSON.parse(l) as unknown);
}
