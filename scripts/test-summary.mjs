// Runs the whole vitest suite and ends with one plain summary line ("Tests: N passed, N failed, N skipped")
// so that CI logs state the counts in a tool-neutral form.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const out = '.vitest-results.json';
rmSync(out, { force: true });
const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...process.argv.slice(2)], { stdio: 'inherit' });
let summary = 'Tests: 0 passed, 0 failed';
try {
  const r = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  summary = `Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`;
} catch {
  summary = 'Tests: 0 passed, 1 failed (no results were written)';
}
process.stdout.write(`\n${summary}\n`);
process.exit(run.status ?? 1);
