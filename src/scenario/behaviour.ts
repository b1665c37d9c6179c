// Imports stay within distributions and types: the simulator's worker threads load this module,
// and the scenario index would bring the YAML parser and zod along.
import { type Sampler, sampler } from './distributions.js';
import type { Distribution, Scenario } from './schema.js';

/**
 * The scenario's `behaviour` section read once, for every runner of it: the simulator
 * (sim/model.ts) and the load test's live agents (src/load/agentModel.ts). Durations are
 * samplers that return **milliseconds** (the scenario writes seconds); counts are samplers of
 * counts; weights are cumulative, the last entry 1. Targets carry both the scenario's id and the
 * agent group's index (its position in `tenant.agentGroups`), so a runner can use either.
 *
 * Pure, and holds no random state: draws come from the generator a caller passes in. What the
 * agents and customers decide with it is src/behaviour's.
 */
export interface Behaviour {
  /** The handling model is `dialogue` (messages back and forth), else `handle-time`. */
  readonly dialogue: boolean;
  readonly customer: CustomerBehaviour;
  readonly agent: AgentBehaviour;
  readonly transfer: HandOverPlan | null;
  readonly conference: ConferencePlan | null;
}

export interface CustomerBehaviour {
  /** Time a customer waits for a first answer before abandoning; null: forever. */
  readonly patienceMs: Sampler | null;
  /** Dialogue: customer messages per conversation, before rounding up (`messageCount`). */
  readonly messages: Sampler | null;
  /** Dialogue: time from an agent reply to the customer's next message. */
  readonly thinkTimeMs: Sampler | null;
}

export interface AgentBehaviour {
  readonly acceptDelayMs: Sampler;
  readonly missProbability: number;
  readonly ronaReturnProbability: number;
  readonly ronaReturnDelayMs: Sampler;
  /** Handle-time model: the time from accept to end, before the slow-down. */
  readonly handleTimeMs: Sampler | null;
  /** Dialogue: the time to answer a customer message (before the slow-down). */
  readonly replyTimeMs: Sampler | null;
  /** Dialogue: the time from the last reply to End. */
  readonly closeTimeMs: Sampler | null;
  readonly wrapUpTimeMs: Sampler;
  /** Wrap-up reason ids, in the tenant's order, with their weights as the scenario gives them. */
  readonly wrapUpReasons: readonly string[];
  readonly wrapUpWeights: readonly number[];
  /** Cumulative weights of `wrapUpReasons` (for `pick`), the last one 1. */
  readonly wrapUpCumulative: Float64Array;
  /** Multiplier of handle or reply time by conversations held (index 0 = one): `slowdownFor`. */
  readonly slowdown: Float64Array;
  /** Idle code of agents going off shift while still holding work (undefined: the router's default). */
  readonly endOfShiftIdleCode: string | undefined;
  /** Idle code of an agent that does not come back from RONA. */
  readonly ronaIdleCode: string | undefined;
  /** The code the router gives an Idle state without one: the tenant's first, or none. */
  readonly defaultIdleCode: string | null;
}

/**
 * Where a transfer or conference goes: a queue as is (the object is a router `Target`), or some
 * available agent of a group.
 */
export type HandOverTarget =
  | { readonly kind: 'queue'; readonly queueId: string }
  | { readonly kind: 'group'; readonly groupId: string; readonly group: number };

export interface HandOverPlan {
  /** Share of conversations whose first owner does it. */
  readonly probability: number;
  /** When: a fraction of the handle time, or of the customer's messages (dialogue). */
  readonly at: number;
  readonly targets: readonly HandOverTarget[];
  /** Target weights as the scenario gives them, and cumulative (for `pick`). */
  readonly weights: readonly number[];
  readonly cumulative: Float64Array;
}

export interface ConferencePlan extends HandOverPlan {
  /** How long the consulted agent stays. */
  readonly durationMs: Sampler;
  /** Probability that the owner ends the conference rather than the consulted agent leaving. */
  readonly ownerEndsProbability: number;
}

function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((a, b) => a + b, 0);
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = total > 0 ? sum / total : (i + 1) / weights.length;
  });
  if (weights.length > 0) out[weights.length - 1] = 1;
  return out;
}

function msSampler(d: Distribution): Sampler {
  const s = sampler(d);
  return (rng) => s(rng) * 1000;
}

export function compileBehaviour(scenario: Scenario): Behaviour {
  const b = scenario.behaviour;
  const handling = b.agent.handling;
  const dialogue = handling.model === 'dialogue';
  const groupIndex = new Map(scenario.tenant.agentGroups.map((g, i) => [g.id, i]));
  const targets = (list: readonly ({ queue: string } | { agentGroup: string })[]) =>
    list.map(
      (t): HandOverTarget =>
        'queue' in t
          ? { kind: 'queue', queueId: t.queue }
          : { kind: 'group', groupId: t.agentGroup, group: groupIndex.get(t.agentGroup) ?? -1 },
    );
  const weights = (list: readonly { weight?: number }[]) => list.map((t) => t.weight ?? 1);
  const reasons = scenario.tenant.wrapUpReasons.map((r) => r.id);
  const reasonWeights = b.agent.wrapUpReasonWeights;
  const wrapUpWeights = reasons.map((r) => (reasonWeights ? (reasonWeights[r] ?? 0) : 1));
  // One idle code that sounds like the end of a shift for agents going home, another (or the
  // same) for agents who stay away after RONA.
  const idleCodes = scenario.tenant.idleCodes;
  const endOfShift = idleCodes.find((c) => /shift|end|off|home/i.test(`${c.id} ${c.label}`));
  const ronaIdle = idleCodes.find((c) => c !== endOfShift) ?? idleCodes[0];
  return {
    dialogue,
    customer: {
      patienceMs: b.customer.patience ? msSampler(b.customer.patience) : null,
      messages: dialogue ? sampler(handling.messages) : null,
      thinkTimeMs: dialogue ? msSampler(handling.thinkTime) : null,
    },
    agent: {
      acceptDelayMs: msSampler(b.agent.acceptDelay),
      missProbability: b.agent.missProbability,
      ronaReturnProbability: b.agent.ronaReturn.probability,
      ronaReturnDelayMs: msSampler(b.agent.ronaReturn.delay),
      handleTimeMs: dialogue ? null : msSampler(handling.handleTime),
      replyTimeMs: dialogue ? msSampler(handling.replyTime) : null,
      closeTimeMs: dialogue ? msSampler(handling.closeTime) : null,
      wrapUpTimeMs: msSampler(b.agent.wrapUpTime),
      wrapUpReasons: reasons,
      wrapUpWeights,
      wrapUpCumulative: cumulative(wrapUpWeights),
      slowdown: Float64Array.from(b.agent.concurrencySlowdown),
      endOfShiftIdleCode: endOfShift?.id,
      ronaIdleCode: ronaIdle?.id,
      defaultIdleCode: idleCodes[0]?.id ?? null,
    },
    transfer: b.transfer
      ? {
          probability: b.transfer.probability,
          at: b.transfer.at,
          targets: targets(b.transfer.targets),
          weights: weights(b.transfer.targets),
          cumulative: cumulative(weights(b.transfer.targets)),
        }
      : null,
    conference: b.conference
      ? {
          probability: b.conference.probability,
          at: b.conference.at,
          targets: targets(b.conference.targets),
          weights: weights(b.conference.targets),
          cumulative: cumulative(weights(b.conference.targets)),
          durationMs: msSampler(b.conference.duration),
          ownerEndsProbability: b.conference.ownerEndsProbability,
        }
      : null,
  };
}
