import { AnalyticError } from './analyticError.js';
import { erlangC } from './erlangC.js';
import { requireInteger, requireNonNegative } from './inputChecks.js';
import { SECONDS_PER_HOUR } from './queueInput.js';

/** One priority class of a non-preemptive priority M/M/N queue. */
export interface PriorityClassInput {
  /** Mean arrival rate λ_k, contacts per hour (≥ 0). */
  readonly arrivalsPerHour: number;
}

export interface PriorityQueueInput {
  /** Classes from the highest priority to the lowest. */
  readonly classes: readonly PriorityClassInput[];
  /** Mean handle time 1/μ in seconds, the same for every class (> 0). */
  readonly ahtSeconds: number;
  /** Number of agents N, each serving one contact at a time (integer ≥ 1). */
  readonly agents: number;
}

export interface PriorityClassResult {
  /** E[W_k], seconds: the class's average speed of answer (every contact is answered). */
  readonly asa: number;
  /** P(W_k > 0): the same for every class, the Erlang C probability (PASTA). */
  readonly probabilityWait: number;
}

export interface PriorityQueueResult {
  /** Total offered load a = Σλ_k / μ, Erlang. */
  readonly offeredLoadErlangs: number;
  /** a < N; when false every class's ASA is Infinity and P(wait) 1. */
  readonly stable: boolean;
  readonly classes: readonly PriorityClassResult[];
  /** The mean over all contacts, which equals Erlang C's ASA (the discipline does not change it). */
  readonly asa: number;
}

/**
 * Mean waits of a non-preemptive priority M/M/N queue with one exponential handle time for all
 * classes (Cobham 1954): W_k = C(N, a) / (Nμ (1 − σ_{k−1})(1 − σ_k)), σ_k = Σ_{i≤k} λ_i / (Nμ).
 * A waiting contact of a higher class is always taken first; within a class, first come first
 * served; a contact in service is never interrupted. The validation case of the router's queue
 * priorities (scenarios/validation/priority-2q.yaml) is checked against it.
 */
export function priorityQueue(input: PriorityQueueInput): PriorityQueueResult {
  requireNonNegative('ahtSeconds', input.ahtSeconds, true);
  requireInteger('agents', input.agents, 1);
  if (input.classes.length === 0) {
    throw new AnalyticError('ANALYTIC_INVALID_INPUT', 'classes must not be empty');
  }
  input.classes.forEach((c, k) => {
    requireNonNegative(`classes[${k}].arrivalsPerHour`, c.arrivalsPerHour);
  });
  const total = input.classes.reduce((sum, c) => sum + c.arrivalsPerHour, 0);
  const shared = erlangC({
    arrivalsPerHour: total,
    ahtSeconds: input.ahtSeconds,
    agents: input.agents,
    thresholdSeconds: 0,
  });
  if (!shared.stable) {
    return {
      offeredLoadErlangs: shared.offeredLoadErlangs,
      stable: false,
      classes: input.classes.map(() => ({
        asa: Number.POSITIVE_INFINITY,
        probabilityWait: 1,
      })),
      asa: Number.POSITIVE_INFINITY,
    };
  }
  // Nμ in contacts per second, and each class's share of it.
  const capacityPerSecond = input.agents / input.ahtSeconds;
  let sigmaBefore = 0;
  const classes = input.classes.map((c) => {
    const sigma = sigmaBefore + c.arrivalsPerHour / SECONDS_PER_HOUR / capacityPerSecond;
    const asa = shared.probabilityWait / (capacityPerSecond * (1 - sigmaBefore) * (1 - sigma));
    sigmaBefore = sigma;
    return { asa, probabilityWait: shared.probabilityWait };
  });
  return {
    offeredLoadErlangs: shared.offeredLoadErlangs,
    stable: true,
    classes,
    asa: shared.asa,
  };
}
