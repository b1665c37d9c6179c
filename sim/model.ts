import type { Target, TenantConfig } from '../src/core/index.js';
// Deep imports on purpose: worker threads load this module, and the scenario module's index
// would bring the YAML parser and zod along (a third of a worker's start-up) for nothing.
import { type Sampler, sampler } from '../src/scenario/distributions.js';
import type { Distribution, Scenario } from '../src/scenario/schema.js';

/**
 * A scenario planned for the simulator (`planModel`, in sim/plan.ts): ids resolved to indexes,
 * rates to per-millisecond numbers, clock times to offsets. Plain data, so it crosses to worker
 * threads as is.
 */
export interface SimPlan {
  readonly scenario: Scenario;
  readonly tenant: TenantConfig;
  readonly intervalMs: number;
  readonly intervals: number;
  /** End of the last interval: arrivals stop here. */
  readonly horizonMs: number;
  readonly warmupMs: number;
  /** When the run stops: the horizon plus the drain. */
  readonly endMs: number;
  readonly sampleMs: number;
  readonly assets: readonly AssetModel[];
  readonly groups: readonly GroupModel[];
  readonly agents: readonly AgentModel[];
  /** Transfer and conference targets, in the scenario's order. */
  readonly transferTargets: readonly TargetModel[];
  readonly conferenceTargets: readonly TargetModel[];
  /** Asset deletions, in time order. */
  readonly deletions: readonly { readonly asset: number; readonly atMs: number }[];
  /** The idle code of agents sent home at a staffing drop (undefined: the router's default). */
  readonly endOfShiftIdleCode: string | undefined;
  /** The idle code of an agent that does not come back from RONA. */
  readonly ronaIdleCode: string | undefined;
}

/**
 * The plan with its distributions compiled into samplers (returning milliseconds). Made once per
 * scenario per thread and shared by its replications; it holds no random state.
 */
export interface SimModel extends SimPlan {
  readonly customer: CustomerBehaviour;
  readonly agent: AgentBehaviour;
  readonly transfer: HandOverModel | null;
  readonly conference: ConferenceModel | null;
}

export interface AssetModel {
  readonly index: number;
  readonly id: string;
  /** Arrival rate per millisecond, per interval. */
  readonly ratePerMs: Float64Array;
}

export interface GroupModel {
  readonly index: number;
  readonly id: string;
  /** Indexes into `SimModel.agents`, in id order. */
  readonly agents: readonly number[];
  /** Agents logged in per interval. */
  readonly staffing: Int32Array;
}

export interface AgentModel {
  readonly index: number;
  readonly id: string;
  readonly group: number;
  readonly capacity: number;
}

export interface CustomerBehaviour {
  readonly patience: Sampler | null;
  readonly dialogue: boolean;
  /** Customer messages per conversation (dialogue), before rounding up. */
  readonly messages: Sampler | null;
  readonly thinkTime: Sampler | null;
}

export interface AgentBehaviour {
  readonly acceptDelay: Sampler;
  readonly missProbability: number;
  readonly ronaReturnProbability: number;
  readonly ronaReturnDelay: Sampler;
  /** Handle-time model: the time from accept to end. */
  readonly handleTime: Sampler | null;
  /** Dialogue model: the time to answer a customer message, and from the last reply to End. */
  readonly replyTime: Sampler | null;
  readonly closeTime: Sampler | null;
  readonly wrapUpTime: Sampler;
  readonly wrapUpReasons: readonly string[];
  /** Cumulative weights of `wrapUpReasons`, the last one 1. */
  readonly wrapUpCumulative: Float64Array;
  /** Multiplier by conversations held (index 0 = one). */
  readonly slowdown: Float64Array;
}

/** Where a transfer or conference goes: a queue, or some available agent of a group. */
export type TargetModel =
  | { readonly kind: 'queue'; readonly target: Target }
  | { readonly kind: 'group'; readonly group: number };

export interface HandOverModel {
  readonly probability: number;
  readonly at: number;
  readonly targets: readonly TargetModel[];
  readonly cumulative: Float64Array;
}

export interface ConferenceModel extends HandOverModel {
  readonly duration: Sampler;
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
  out[weights.length - 1] = 1;
  return out;
}

/** The index picked by a uniform `u` in [0, 1) from cumulative weights. */
export function pick(cum: Float64Array, u: number): number {
  let i = 0;
  while (i < cum.length - 1 && u >= cum[i]!) i++;
  return i;
}

export function compileModel(plan: SimPlan): SimModel {
  const b = plan.scenario.behaviour;
  const handling = b.agent.handling;
  const dialogue = handling.model === 'dialogue';
  const reasons = plan.scenario.tenant.wrapUpReasons.map((r) => r.id);
  const reasonWeights = b.agent.wrapUpReasonWeights;
  const weights = (list: readonly { weight?: number }[]) => list.map((t) => t.weight ?? 1);
  const ms = (d: Distribution): Sampler => {
    const s = sampler(d);
    return (rng) => s(rng) * 1000;
  };
  return {
    ...plan,
    customer: {
      patience: b.customer.patience ? ms(b.customer.patience) : null,
      dialogue,
      messages: dialogue ? sampler(handling.messages) : null,
      thinkTime: dialogue ? ms(handling.thinkTime) : null,
    },
    agent: {
      acceptDelay: ms(b.agent.acceptDelay),
      missProbability: b.agent.missProbability,
      ronaReturnProbability: b.agent.ronaReturn.probability,
      ronaReturnDelay: ms(b.agent.ronaReturn.delay),
      handleTime: dialogue ? null : ms(handling.handleTime),
      replyTime: dialogue ? ms(handling.replyTime) : null,
      closeTime: dialogue ? ms(handling.closeTime) : null,
      wrapUpTime: ms(b.agent.wrapUpTime),
      wrapUpReasons: reasons,
      wrapUpCumulative: cumulative(
        reasons.map((r) => (reasonWeights ? (reasonWeights[r] ?? 0) : 1)),
      ),
      slowdown: Float64Array.from(b.agent.concurrencySlowdown),
    },
    transfer: b.transfer
      ? {
          probability: b.transfer.probability,
          at: b.transfer.at,
          targets: plan.transferTargets,
          cumulative: cumulative(weights(b.transfer.targets)),
        }
      : null,
    conference: b.conference
      ? {
          probability: b.conference.probability,
          at: b.conference.at,
          targets: plan.conferenceTargets,
          cumulative: cumulative(weights(b.conference.targets)),
          duration: ms(b.conference.duration),
          ownerEndsProbability: b.conference.ownerEndsProbability,
        }
      : null,
  };
}
