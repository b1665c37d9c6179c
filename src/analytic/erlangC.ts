import { erlangB } from './erlangB.js';
import { checkQueueInput, offeredLoadErlangs, type QueueInput } from './queueInput.js';

/** Erlang C (M/M/N, infinite patience) for one interval. Rates per second where they matter. */
export interface ErlangCResult {
  readonly model: 'c';
  /** a = λ · AHT, Erlang. */
  readonly offeredLoadErlangs: number;
  /** a < N. When false the queue grows without bound; see `erlangC` for the values returned. */
  readonly stable: boolean;
  /** P(W > 0): the probability that an arriving contact has to wait (the Erlang C formula). */
  readonly probabilityWait: number;
  /** P(W ≤ T) = 1 − C·e^{−(N−a)T/AHT}. With no abandonment, every definition gives this value. */
  readonly serviceLevel: number;
  /** Average speed of answer E[W] = C·AHT/(N − a), seconds (every contact is answered). */
  readonly asa: number;
  /** E[W | W > 0] = AHT/(N − a), seconds. */
  readonly meanWaitOfWaitingSeconds: number;
  /** Mean number waiting, λ·E[W] (Little). */
  readonly meanQueueLength: number;
  /** Fraction of agent time busy, a/N. */
  readonly occupancy: number;
}

/**
 * Erlang C via Erlang B — C = N·B / (N − a(1 − B)) — so that it is exact and stable for
 * thousands of agents.
 *
 * An unstable interval (a ≥ N) is not an error: a capacity planner sweeps agent counts and an
 * understaffed interval is an answer ("everyone waits, nobody within T"), not a crash. It returns
 * `stable: false`, P(wait) = 1, service level 0, occupancy 1 and ASA, mean wait and queue length
 * = Infinity (JSON prints those as null). Malformed inputs throw `AnalyticError`
 * (`ANALYTIC_INVALID_INPUT`).
 */
export function erlangC(input: QueueInput): ErlangCResult {
  checkQueueInput(input);
  const a = offeredLoadErlangs(input);
  const n = input.agents;
  if (a >= n) {
    return {
      model: 'c',
      offeredLoadErlangs: a,
      stable: false,
      probabilityWait: 1,
      serviceLevel: 0,
      asa: Number.POSITIVE_INFINITY,
      meanWaitOfWaitingSeconds: Number.POSITIVE_INFINITY,
      meanQueueLength: Number.POSITIVE_INFINITY,
      occupancy: 1,
    };
  }
  const b = erlangB(n, a);
  const c = (n * b) / (n - a * (1 - b));
  const meanWaitOfWaiting = input.ahtSeconds / (n - a);
  const asa = c * meanWaitOfWaiting;
  return {
    model: 'c',
    offeredLoadErlangs: a,
    stable: true,
    probabilityWait: c,
    serviceLevel: 1 - c * Math.exp(-input.thresholdSeconds / meanWaitOfWaiting),
    asa,
    meanWaitOfWaitingSeconds: meanWaitOfWaiting,
    meanQueueLength: (input.arrivalsPerHour / 3600) * asa,
    occupancy: a / n,
  };
}
