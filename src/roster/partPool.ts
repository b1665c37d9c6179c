import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Solver, SolverProgress } from './highsSolver.js';
import type { Requirement } from './requirement.js';
import { RosterError, type RosterErrorCode } from './rosterError.js';
import type { RosterRules } from './rulesSchema.js';
import type { GroupDefaults } from './shiftCandidates.js';
import { type PartLimits, type PartResult, type RosterParts, solvePart } from './solvePart.js';

/** What a worker is started with: the parts as data, and the limits every part shares. */
export interface PartInput {
  readonly rules: RosterRules;
  readonly requirement: Requirement;
  readonly defaults: GroupDefaults;
  readonly limits: Omit<PartLimits, 'timeLimitSeconds' | 'deadline'>;
  readonly progress: boolean;
}

export type PartMessage =
  | { readonly ready: true }
  | { readonly part: number; readonly progress: SolverProgress }
  | { readonly part: number; readonly result: PartResult }
  | {
      readonly part: number;
      readonly error: {
        readonly name: string;
        readonly message: string;
        readonly code: string | null;
        readonly details: object;
      };
    };

export interface PartPoolOptions {
  /** Worker threads; 0 solves in this thread (and blocks it while a part solves). */
  readonly workers: number;
  /** The solver for this thread; workers always load HiGHS. */
  readonly solver: Solver;
  /** The time limit of the whole solve: each part gets a share of what is left when it starts. */
  readonly timeLimitSeconds: number;
  readonly onPartDone?: (result: PartResult, done: number) => void;
  readonly onProgress?: (part: number, progress: SolverProgress) => void;
}

export function defaultPartWorkers(parts: number): number {
  return Math.max(1, Math.min(availableParallelism(), parts));
}

const WORKER_URL = new URL('./partWorker.mjs', import.meta.url);

/**
 * Solves every part, on worker threads when `workers` > 0, and returns the results in part order
 * whatever order they finished in. A part's result depends only on its input and the work limits
 * (unless its time limit cuts it short), so the roster is the same for any number of workers.
 */
export async function solveParts(
  input: PartInput,
  parts: RosterParts,
  options: PartPoolOptions,
): Promise<PartResult[]> {
  const count = parts.components.length;
  const started = performance.now();
  const deadline = Date.now() + options.timeLimitSeconds * 1000;
  // What is left of the time limit, shared equally by the parts still to start on each thread.
  const budget = (next: number, threads: number) => {
    const left = options.timeLimitSeconds - (performance.now() - started) / 1000;
    return Math.max(0.01, (left * threads) / Math.max(threads, count - next));
  };
  const results: PartResult[] = [];
  if (options.workers <= 0) {
    for (let k = 0; k < count; k++) {
      const result = await solvePart(
        parts,
        k,
        {
          ...input.limits,
          timeLimitSeconds: budget(k, 1),
          deadline,
        },
        options.solver,
        options.onProgress ? (p) => options.onProgress!(k, p) : undefined,
      );
      results.push(result);
      options.onPartDone?.(result, results.length);
    }
    return results;
  }
  const done = await onWorkers(
    input,
    count,
    Math.min(options.workers, count),
    (next) => ({ timeLimitSeconds: budget(next, Math.min(options.workers, count)), deadline }),
    options,
  );
  return done.sort((a, b) => a.part - b.part);
}

function onWorkers(
  input: PartInput,
  count: number,
  threads: number,
  limitsOf: (next: number) => { timeLimitSeconds: number; deadline: number },
  options: PartPoolOptions,
): Promise<PartResult[]> {
  return new Promise((resolve, reject) => {
    const results: PartResult[] = [];
    const workers: Worker[] = [];
    let next = 0;
    let failed = false;
    const stop = () => Promise.all(workers.map((w) => w.terminate()));
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      stop().then(
        () => reject(err),
        () => reject(err),
      );
    };
    const feed = (worker: Worker) => {
      if (next >= count) return;
      worker.postMessage({ part: next, ...limitsOf(next) });
      next++;
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(WORKER_URL, { workerData: input });
      workers.push(worker);
      worker.on('message', (message: PartMessage) => {
        if (failed) return;
        if ('ready' in message) {
          feed(worker);
        } else if ('progress' in message) {
          options.onProgress?.(message.part, message.progress);
        } else if ('error' in message) {
          const e = message.error;
          fail(
            e.code?.startsWith('ROSTER_')
              ? new RosterError(e.code as RosterErrorCode, e.message, e.details)
              : Object.assign(new Error(e.message), { name: e.name }),
          );
        } else {
          results.push(message.result);
          options.onPartDone?.(message.result, results.length);
          if (results.length === count) stop().then(() => resolve(results), reject);
          else feed(worker);
        }
      });
      worker.on('error', (err) => fail(err));
      worker.on('exit', (code) => {
        if (!failed && results.length < count && code !== 0) {
          fail(new Error(`roster: a solver worker exited with code ${code}`));
        }
      });
    }
  });
}
