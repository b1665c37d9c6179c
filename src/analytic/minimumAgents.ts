import { AnalyticError } from './analyticError.js';
import { type ErlangAResult, erlangA } from './erlangA.js';
import { type ErlangCResult, erlangC } from './erlangC.js';
import { requireFraction, requireInteger } from './inputChecks.js';
import {
  checkImpatientQueueInput,
  checkQueueInput,
  type ImpatientQueueInput,
  offeredLoadErlangs,
  type QueueInput,
} from './queueInput.js';

/** What a staffing level must achieve; fractions, not percentages. */
export interface StaffingTarget {
  /** Least acceptable service level, in (0, 1] (80/20 is 0.8 with a threshold of 20 s). */
  readonly serviceLevel: number;
  /** Greatest acceptable occupancy, in (0, 1]; no limit when omitted. */
  readonly maxOccupancy?: number;
}

export type StaffingRequest =
  | ({ readonly model: 'c' } & Omit<QueueInput, 'agents'>)
  | ({ readonly model: 'a' } & Omit<ImpatientQueueInput, 'agents'>);

export type StaffingResult =
  | { readonly agents: number; readonly result: ErlangCResult }
  | { readonly agents: number; readonly result: ErlangAResult };

/** Searches up to this many agents unless told otherwise: far beyond any sane interval. */
const DEFAULT_MAX_AGENTS = 100_000;

/**
 * The least number of agents N whose service level (under the request's definition) reaches
 * `target.serviceLevel` and, when given, whose occupancy is at most `target.maxOccupancy`.
 *
 * Service level rises and occupancy falls with N in both models (the tests check it on random
 * inputs), so the predicate "meets the target" is monotone and the search gallops upwards from
 * a lower bound (a+1 for Erlang C, which is unstable below it; 1 for Erlang A) and then bisects:
 * O(log N) evaluations. Throws `ANALYTIC_TARGET_UNREACHABLE` when `maxAgents` is not enough
 * (e.g. a target of 1 with a threshold of 0).
 */
export function minimumAgents(
  request: StaffingRequest,
  target: StaffingTarget,
  maxAgents = DEFAULT_MAX_AGENTS,
): StaffingResult {
  requireFraction('target.serviceLevel', target.serviceLevel);
  if (target.maxOccupancy !== undefined)
    requireFraction('target.maxOccupancy', target.maxOccupancy);
  requireInteger('maxAgents', maxAgents, 1);

  const evaluate = (agents: number): ErlangCResult | ErlangAResult =>
    request.model === 'c' ? erlangC({ ...request, agents }) : erlangA({ ...request, agents });
  if (request.model === 'c') checkQueueInput({ ...request, agents: 1 });
  else checkImpatientQueueInput({ ...request, agents: 1 });

  const meets = (result: ErlangCResult | ErlangAResult): boolean =>
    result.serviceLevel >= target.serviceLevel &&
    (target.maxOccupancy === undefined || result.occupancy <= target.maxOccupancy);

  const a = offeredLoadErlangs(request);
  let low = request.model === 'c' ? Math.floor(a) + 1 : 1;
  if (target.maxOccupancy !== undefined && request.model === 'c') {
    low = Math.max(low, Math.ceil(a / target.maxOccupancy));
  }
  if (low > maxAgents) throw unreachable(maxAgents);

  // Gallop: low is known to fail (or is the first candidate), high doubles its distance.
  let result = evaluate(low);
  if (meets(result)) return { agents: low, result } as StaffingResult;
  let step = 1;
  let high = low + step;
  for (;;) {
    if (high > maxAgents) {
      high = maxAgents;
      result = evaluate(high);
      if (!meets(result)) throw unreachable(maxAgents);
      break;
    }
    result = evaluate(high);
    if (meets(result)) break;
    low = high;
    step *= 2;
    high = low + step;
  }
  // Bisect (low fails, high meets).
  let best = result;
  while (high - low > 1) {
    const mid = low + Math.floor((high - low) / 2);
    const candidate = evaluate(mid);
    if (meets(candidate)) {
      high = mid;
      best = candidate;
    } else {
      low = mid;
    }
  }
  return { agents: high, result: best } as StaffingResult;
}

function unreachable(maxAgents: number): AnalyticError {
  return new AnalyticError(
    'ANALYTIC_TARGET_UNREACHABLE',
    `no staffing up to ${maxAgents} agents meets the target`,
  );
}
