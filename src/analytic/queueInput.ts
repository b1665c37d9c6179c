import { requireInteger, requireNonNegative } from './inputChecks.js';
import type { ServiceLevelDefinition } from './serviceLevelDefinition.js';

/**
 * One stationary interval of one queue. Units are fixed for the whole module: arrivals per hour,
 * every duration in seconds. Arrivals are Poisson and handle times exponential (M/M/N).
 */
export interface QueueInput {
  /** Mean arrival rate λ, contacts per hour (≥ 0; 100 per 30 min is 200). */
  readonly arrivalsPerHour: number;
  /** Mean handle time 1/μ in seconds (> 0). */
  readonly ahtSeconds: number;
  /** Number of agents N, each serving one contact at a time (integer ≥ 1). */
  readonly agents: number;
  /** Service-level threshold T in seconds (≥ 0). */
  readonly thresholdSeconds: number;
}

/** Erlang A adds exponential customer patience (M/M/N+M). */
export interface ImpatientQueueInput extends QueueInput {
  /** Mean patience 1/θ in seconds (> 0, finite; for infinite patience use Erlang C). */
  readonly patienceSeconds: number;
  /** Denominator of service level; `{ kind: 'offered' }` when omitted. */
  readonly serviceLevelDefinition?: ServiceLevelDefinition;
}

export const SECONDS_PER_HOUR = 3600;

/** Offered load a = λ/μ in Erlang. */
export function offeredLoadErlangs(
  input: Pick<QueueInput, 'arrivalsPerHour' | 'ahtSeconds'>,
): number {
  return (input.arrivalsPerHour / SECONDS_PER_HOUR) * input.ahtSeconds;
}

/** Throws `ANALYTIC_INVALID_INPUT` for a negative, non-finite or non-integer field. */
export function checkQueueInput(input: QueueInput): void {
  requireNonNegative('arrivalsPerHour', input.arrivalsPerHour);
  requireNonNegative('ahtSeconds', input.ahtSeconds, true);
  requireInteger('agents', input.agents, 1);
  requireNonNegative('thresholdSeconds', input.thresholdSeconds);
}

/** As `checkQueueInput`, plus patience and the service-level definition. */
export function checkImpatientQueueInput(input: ImpatientQueueInput): void {
  checkQueueInput(input);
  requireNonNegative('patienceSeconds', input.patienceSeconds, true);
  const definition = input.serviceLevelDefinition;
  if (definition?.kind === 'offered-minus-short-abandons') {
    requireNonNegative('shortAbandonSeconds', definition.shortAbandonSeconds);
  }
}
