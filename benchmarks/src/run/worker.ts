// Worker-thread entry of the benchmark pool: receives MeasureTasks, answers Measurements (or an error
// message), one at a time, until the pool closes it.
import { parentPort } from 'node:worker_threads';
import { measureCase, type MeasureTask } from './measure';

parentPort!.on('message', (msg: { id: number; task: MeasureTask }) => {
  measureCase(msg.task).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
