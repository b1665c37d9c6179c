import { parentPort, workerData } from 'node:worker_threads';
import type { IdentityPool } from '../src/behaviour/identities.js';
import { serializeError } from './errors.js';
import { compileModel, type SimPlan } from './model.js';
import { type ReplicationOptions, runReplication } from './runModel.js';

/**
 * A worker thread of the replication pool: gets the plan and the identity pool as data (so it
 * loads neither the YAML/zod scenario parser nor faker), then receives replication indexes one at
 * a time and posts back each result (KPIs, counts, time series; records stay here) or the error
 * that stopped it.
 */
interface WorkerInput {
  readonly plan: SimPlan;
  readonly pool: IdentityPool;
  readonly options: ReplicationOptions;
}

const { plan, pool, options } = workerData as WorkerInput;
const model = compileModel(plan);
const port = parentPort!;

port.on('message', (message: { index: number }) => {
  try {
    const result = runReplication(model, pool, message.index, options);
    port.postMessage({ index: message.index, result });
  } catch (err) {
    port.postMessage({ index: message.index, error: serializeError(err) });
  }
});
port.postMessage({ ready: true });
