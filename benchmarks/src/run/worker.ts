// Worker-thread entry of the benchmark pool: receives MeasureTasks, answers Measurements (or an error
// message), one at a time, until the pool closes it.
import { parentPort } from 'node:worker_threads';
import { layeredEcosystem } from '../generate/layered';
import { measureCase, type MeasureTask } from './measure';

// Warm the JIT on a small solve first, so the first real case of each worker is not measured cold.
const warm = measureCase({ case: layeredEcosystem({ size: 500, conflictDensity: 0.1, seed: 99 }), engine: 'pubgrub', repeat: 2, judge: 'verify' }).catch(() => undefined);

parentPort!.on('message', (msg: { id: number; task: MeasureTask }) => {
  warm.then(() => measureCase(msg.task)).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
