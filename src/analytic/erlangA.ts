import { erlangB } from './erlangB.js';
import { impatientQueueSums } from './impatientQueueSums.js';
import { logAddExp } from './logSpace.js';
import {
  checkImpatientQueueInput,
  type ImpatientQueueInput,
  offeredLoadErlangs,
  SECONDS_PER_HOUR,
} from './queueInput.js';
import { type ServiceLevelDefinition, serviceLevelOf } from './serviceLevelDefinition.js';

/** Erlang A (M/M/N+M) for one interval. Probabilities are per offered contact. */
export interface ErlangAResult {
  readonly model: 'a';
  /** a = λ · AHT, Erlang. */
  readonly offeredLoadErlangs: number;
  /** Always true: abandonment keeps the queue finite whatever the load. */
  readonly stable: true;
  /** P(W > 0): the contact finds every agent busy. */
  readonly probabilityWait: number;
  /** P(abandon). */
  readonly abandonRate: number;
  /** P(answered) = 1 − P(abandon). */
  readonly probabilityAnswered: number;
  /** P(answered and waited ≤ T). */
  readonly probabilityAnsweredWithinThreshold: number;
  /** P(abandoned and waited ≤ T). */
  readonly probabilityAbandonedWithinThreshold: number;
  /** P(abandoned and waited > T). */
  readonly probabilityAbandonedAfterThreshold: number;
  /** P(W ≤ T) for every contact, answered or abandoned. */
  readonly probabilityWaitWithinThreshold: number;
  /** Service level under `serviceLevelDefinition`. */
  readonly serviceLevel: number;
  readonly serviceLevelDefinition: ServiceLevelDefinition;
  /** Average speed of answer: mean wait of answered contacts, E[W | answered], seconds. */
  readonly asa: number;
  /** Mean wait of all contacts, E[W] = P(abandon)/θ, seconds. */
  readonly avgWait: number;
  /** Mean number waiting, λ·E[W] (Little). */
  readonly meanQueueLength: number;
  /** Fraction of agent time busy: answered load / N = a(1 − P(abandon))/N. */
  readonly occupancy: number;
}

/**
 * Erlang A (Palm's M/M/N+M; Garnett, Mandelbaum & Reiman 2002): Poisson arrivals, exponential
 * handle times, N agents and exponential patience with mean 1/θ. Always stable, for any load.
 *
 * The formulas are those of Mandelbaum & Zeltyn ("The M/M/n+G queue: summary of performance
 * measures") for G exponential. With x = λ/θ, s = Nμ/θ, E = 1/B(N−1, a) (Erlang B),
 * M(s, y) = e^y y^{−s} γ(s, y) and y_t = x·e^{−θt}:
 *
 *   normaliser      Z = E + x·M(s, x)
 *   P(wait)         x·M(s, x) / Z
 *   P(abandon)      [1 + (x − s)·M(s, x)] / Z
 *   P(V > t)        x·e^{x − y_t − Nμt}·M(s, y_t) / Z           (V: the wait offered by the queue)
 *   P(ans, W > t)   y_t·e^{x − y_t − Nμt}·M(s+1, y_t) / Z
 *   P(ab, W > t)    e^{x − y_t − Nμt}·[1 + (y_t − s)·M(s, y_t)] / Z
 *   E[W; answered]  (x/θ)·Σ_q t_q·s/(s+q+1)·H_q / Z              (see impatientQueueSums)
 *
 * All of it is evaluated in log space through `impatientQueueSums`, so it holds for thousands of
 * agents, loads far above N, and patience so long that the result equals Erlang C (θ → 0).
 * Malformed inputs throw `AnalyticError` (`ANALYTIC_INVALID_INPUT`).
 */
export function erlangA(input: ImpatientQueueInput): ErlangAResult {
  checkImpatientQueueInput(input);
  const definition: ServiceLevelDefinition = input.serviceLevelDefinition ?? { kind: 'offered' };
  const a = offeredLoadErlangs(input);
  const n = input.agents;
  const lambda = input.arrivalsPerHour / SECONDS_PER_HOUR;
  const theta = 1 / input.patienceSeconds;
  const serverRate = n / input.ahtSeconds;

  if (lambda === 0) return idle(a, definition);

  const x = lambda / theta;
  const s = serverRate / theta;
  const logX = Math.log(x);
  const atZero = impatientQueueSums(s, x);
  const logXM = logX + atZero.logScale + Math.log(atZero.m);
  const logE = -Math.log(erlangB(n - 1, a));
  const logZ = logAddExp(logE, logXM);
  const ratio = (logTerm: number) => Math.exp(logTerm - logZ);

  const probabilityWait = ratio(logXM);
  const abandonRate = ratio(atZero.logScale + Math.log(atZero.d));
  const probabilityAnswered = 1 - abandonRate;
  const waitAndAnswered = ratio(logX - Math.log(theta) + atZero.logScale + Math.log(atZero.w));

  /** P(answered, W > t) and P(abandoned, W > t). */
  const beyond = (t: number): { answered: number; abandoned: number } => {
    if (t === 0) return { answered: probabilityWait - abandonRate, abandoned: abandonRate };
    const y = x * Math.exp(-theta * t);
    const shift = -x * Math.expm1(-theta * t) - serverRate * t;
    const sums = impatientQueueSums(s, y);
    return {
      answered: ratio(Math.log(y) + shift + sums.logScale + Math.log(sums.m1)),
      abandoned: ratio(shift + sums.logScale + Math.log(sums.d)),
    };
  };

  const atThreshold = beyond(input.thresholdSeconds);
  const answeredWithin = clamp01(probabilityAnswered - atThreshold.answered);
  const abandonedAfter = clamp01(atThreshold.abandoned);
  const abandonedWithin = clamp01(abandonRate - abandonedAfter);
  const abandonedWithinShort =
    definition.kind === 'offered-minus-short-abandons'
      ? clamp01(abandonRate - beyond(definition.shortAbandonSeconds).abandoned)
      : 0;
  const meanWait = abandonRate * input.patienceSeconds;

  return {
    model: 'a',
    offeredLoadErlangs: a,
    stable: true,
    probabilityWait,
    abandonRate,
    probabilityAnswered,
    probabilityAnsweredWithinThreshold: answeredWithin,
    probabilityAbandonedWithinThreshold: abandonedWithin,
    probabilityAbandonedAfterThreshold: abandonedAfter,
    probabilityWaitWithinThreshold: clamp01(answeredWithin + abandonedWithin),
    serviceLevel: serviceLevelOf(
      {
        answeredWithinThreshold: answeredWithin,
        answered: probabilityAnswered,
        abandonedAfterThreshold: abandonedAfter,
        abandonedWithinShort,
      },
      definition,
    ),
    serviceLevelDefinition: definition,
    asa: probabilityAnswered > 0 ? waitAndAnswered / probabilityAnswered : 0,
    avgWait: meanWait,
    meanQueueLength: lambda * meanWait,
    // Answered load can never exceed N; the min absorbs rounding in heavily overloaded cases.
    occupancy: Math.min(1, (a * probabilityAnswered) / n),
  };
}

/** No arrivals: the limit λ → 0, where nobody waits. */
function idle(a: number, definition: ServiceLevelDefinition): ErlangAResult {
  return {
    model: 'a',
    offeredLoadErlangs: a,
    stable: true,
    probabilityWait: 0,
    abandonRate: 0,
    probabilityAnswered: 1,
    probabilityAnsweredWithinThreshold: 1,
    probabilityAbandonedWithinThreshold: 0,
    probabilityAbandonedAfterThreshold: 0,
    probabilityWaitWithinThreshold: 1,
    serviceLevel: 1,
    serviceLevelDefinition: definition,
    asa: 0,
    avgWait: 0,
    meanQueueLength: 0,
    occupancy: 0,
  };
}

function clamp01(p: number): number {
  return Math.min(1, Math.max(0, p));
}
