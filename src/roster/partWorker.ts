import { parentPort, workerData } from 'node:worker_threads';
import { highsSolver } from './highsSolver.js';
import type { PartInput, PartMessage } from './partPool.js';
import { rosterParts, solvePart } from './solvePart.js';

/**
 * A worker thread of the part pool: builds the parts from the rules and the requirement (as data),
 * loads its own HiGHS, then solves the parts it is sent one at a time and posts back each
 * result, the progress of its branch-and-bound, or the error that stopped it.
 */
const input = workerData as PartInput;
const parts = rosterParts(input.rules, input.requirement, input.defaults);
const port = parentPort!;
const post = (message: PartMessage) => port.postMessage(message);

port.on(
  'message',
  async (message: { part: number; timeLimitSeconds: number; deadline: number }) => {
    const k = message.part;
    try {
      const result = await solvePart(
        parts,
        k,
        {
          ...input.limits,
          timeLimitSeconds: message.timeLimitSeconds,
          deadline: message.deadline,
        },
        highsSolver,
        input.progress ? (progress) => post({ part: k, progress }) : undefined,
      );
      post({ part: k, result });
    } catch (err) {
      const e = err as Error & { code?: string; details?: unknown };
      post({
        part: k,
        error: { name: e.name, message: e.message, code: e.code ?? null, details: e.details ?? {} },
      });
    }
  },
);
post({ ready: true });
