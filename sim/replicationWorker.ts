import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../src/scenario/index.js';
import { serializeError } from './errors.js';
import { type ReplicationOptions, simulateReplication } from './replication.js';

/**
 * A worker thread of the replication pool: receives replication indexes one at a time and posts
 * back each result (KPIs, counts, time series; records stay here) or the error that stopped it.
 */
interface WorkerInput {
  readonly scenario: Scenario;
  readonly options: ReplicationOptions;
}

const { scenario, options } = workerData as WorkerInput;
const port = parentPort!;

port.on('message', (message: { index: number }) => {
  try {
    const result = simulateReplication(scenario, message.index, options);
    port.postMessage({ index: message.index, result });
  } catch (err) {
    port.postMessage({ index: message.index, error: serializeError(err) });
  }
});
port.postMessage({ ready: true });
