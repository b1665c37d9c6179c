import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ConversationRecord } from '../src/core/index.js';
import type { Scenario } from '../src/scenario/index.js';
import { deserializeError, type SerializedError } from './errors.js';
import { identityPool } from './identityPool.js';
import { planOf, simulateReplication } from './replication.js';
import type { ReplicationOptions, ReplicationResult } from './runModel.js';

export interface RunReplicationsOptions {
  /** Replications 0..n-1; the scenario's `simulation.replications` when absent. */
  readonly replications?: number;
  /** Run only these replication indexes (a shard); overrides `replications`. */
  readonly indexes?: readonly number[];
  /** The run's seed; the scenario's `simulation.seed` when absent. */
  readonly seed?: number;
  /** Worker threads; 0 runs in this thread. Default: defaultWorkers(). */
  readonly workers?: number;
  /** Test mode in every replication. */
  readonly check?: boolean;
  /** Called after each replication finishes (in completion order). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Called once every worker has started (the benchmark times start-up apart from work). */
  readonly onWorkersReady?: () => void;
  /**
   * Receives every final conversation record as it is made, with its replication index
   * (`ccsim simulate --records`). Given, the replications run in this thread, whatever
   * `workers` says: a worker would have to copy each record across to hand it on.
   */
  readonly onRecord?: (replication: number, record: ConversationRecord) => void;
}

/**
 * Worker threads when none are asked for: none (this thread) on a machine of up to 2 cores, else
 * one per core. On 2 vCPUs the main thread was the faster for erlang-c1 and the weekday at 20
 * replications (1.18x and 1.16x against 2 workers), and within 7% either way at 60: one
 * replication in this thread already keeps the second core busy with V8's compiler and GC, and
 * each worker costs its start-up (docs/simulation.md, "Replications: how many workers").
 * Above 2 cores, one per core is not measured here.
 */
export function defaultWorkers(): number {
  const cores = availableParallelism();
  return cores <= 2 ? 0 : cores;
}

const WORKER_URL = new URL('./replicationWorker.mjs', import.meta.url);
/**
 * A larger young generation than V8's default: the router allocates many short-lived objects per
 * command, and fewer scavenges are measurably faster (docs/simulation.md, Performance).
 */
export const WORKER_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 96 } as const;

/**
 * Runs replications, on worker threads when `workers` > 0, and returns their results in index
 * order whatever order they finished in: each depends only on (scenario, seed, index), so the
 * merged result is the same for any number of workers.
 */
export async function runReplications(
  scenario: Scenario,
  options: RunReplicationsOptions = {},
): Promise<ReplicationResult[]> {
  const indexes = options.indexes ?? [
    ...Array(options.replications ?? scenario.simulation.replications).keys(),
  ];
  const replicationOptions: ReplicationOptions = {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.check ? { check: true } : {}),
  };
  const onRecord = options.onRecord;
  const workers = onRecord ? 0 : Math.min(options.workers ?? defaultWorkers(), indexes.length);
  const results =
    workers <= 0
      ? await inThisThread(scenario, indexes, replicationOptions, options.onProgress, onRecord)
      : await onWorkers(scenario, indexes, replicationOptions, workers, options);
  return results.sort((a, b) => a.index - b.index);
}

async function inThisThread(
  scenario: Scenario,
  indexes: readonly number[],
  options: ReplicationOptions,
  onProgress: ((done: number, total: number) => void) | undefined,
  onRecord: RunReplicationsOptions['onRecord'],
): Promise<ReplicationResult[]> {
  const results: ReplicationResult[] = [];
  for (const index of indexes) {
    const own = onRecord
      ? { ...options, onRecord: (record: ConversationRecord) => onRecord(index, record) }
      : options;
    results.push(simulateReplication(scenario, index, own));
    onProgress?.(results.length, indexes.length);
    // Let a progress bar draw between replications.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return results;
}

type WorkerMessage =
  | { readonly ready: true }
  | { readonly index: number; readonly result: ReplicationResult }
  | { readonly index: number; readonly error: SerializedError };

function onWorkers(
  scenario: Scenario,
  indexes: readonly number[],
  options: ReplicationOptions,
  count: number,
  { onProgress, onWorkersReady }: RunReplicationsOptions,
): Promise<ReplicationResult[]> {
  // Everything a worker needs, as data: the compiled model's plan (samplers are rebuilt there).
  const plan = planOf(scenario);
  const pool = identityPool(options.seed ?? scenario.simulation.seed);
  return new Promise((resolve, reject) => {
    const results: ReplicationResult[] = [];
    const threads: Worker[] = [];
    let next = 0;
    let ready = 0;
    let failed = false;
    const stop = () => Promise.all(threads.map((w) => w.terminate()));
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      stop().then(
        () => reject(err),
        () => reject(err),
      );
    };
    const feed = (worker: Worker) => {
      if (next < indexes.length) worker.postMessage({ index: indexes[next++] });
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_URL, {
        workerData: { plan, pool, options },
        resourceLimits: WORKER_RESOURCE_LIMITS,
      });
      threads.push(worker);
      worker.on('message', (message: WorkerMessage) => {
        if (failed) return;
        if ('ready' in message) {
          if (++ready === count) onWorkersReady?.();
          feed(worker);
          return;
        }
        if ('error' in message) {
          fail(deserializeError(message.error));
          return;
        }
        results.push(message.result);
        onProgress?.(results.length, indexes.length);
        if (results.length === indexes.length) {
          stop().then(() => resolve(results), reject);
          return;
        }
        feed(worker);
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (!failed && results.length < indexes.length && code !== 0) {
          fail(new Error(`sim: a replication worker exited with code ${code}`));
        }
      });
    }
  });
}
