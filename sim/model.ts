import type { Target, TenantConfig } from '../src/core/index.js';
import {
  agentIdsOf,
  arrivalsPerInterval,
  clockToOffsetMs,
  drainMs,
  horizonMs,
  intervalMs,
  type Sampler,
  type Scenario,
  sampler,
  staffingPerInterval,
  toTenant,
  warmupMs,
} from '../src/scenario/index.js';

/**
 * A scenario compiled for the simulator: ids resolved to indexes, distributions to samplers
 * (returning milliseconds), rates to per-millisecond numbers. Made once per scenario and shared
 * by every replication of a process; it holds no random state.
 */
export interface SimModel {
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
  readonly customer: CustomerBehaviour;
  readonly agent: AgentBehaviour;
  readonly transfer: HandOverModel | null;
  readonly conference: ConferenceModel | null;
  /** Asset deletions, in time order. */
  readonly deletions: readonly { readonly asset: number; readonly atMs: number }[];
  /** The idle code of agents sent home at a staffing drop (undefined: the router's default). */
  readonly endOfShiftIdleCode: string | undefined;
  /** The idle code of an agent that does not come back from RONA. */
  readonly ronaIdleCode: string | undefined;
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

const ms =
  (s: Sampler): Sampler =>
  (rng) =>
    s(rng) * 1000;

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

export function compileModel(scenario: Scenario): SimModel {
  const tenant = toTenant(scenario);
  const interval = intervalMs(scenario);
  const intervals = scenario.horizon.intervals;
  const arrivals = arrivalsPerInterval(scenario);
  const staffing = staffingPerInterval(scenario);

  const assets: AssetModel[] = scenario.tenant.assets.map((a, index) => ({
    index,
    id: a.id,
    ratePerMs: Float64Array.from(arrivals[a.id] ?? [], (n) => n / interval),
  }));
  const capacityById = new Map(tenant.agents.map((a) => [a.id, a.capacity ?? 1]));
  const agents: AgentModel[] = [];
  const groups: GroupModel[] = scenario.tenant.agentGroups.map((g, gi) => {
    const members: number[] = [];
    for (const id of agentIdsOf(g)) {
      members.push(agents.length);
      agents.push({ index: agents.length, id, group: gi, capacity: capacityById.get(id)! });
    }
    return {
      index: gi,
      id: g.id,
      agents: members,
      staffing: Int32Array.from(staffing[g.id] ?? new Array<number>(intervals).fill(0)),
    };
  });
  if (agents.some((a, i) => tenant.agents[i]?.id !== a.id)) {
    throw new Error('sim: the tenant agents are not the groups expanded in order');
  }

  const b = scenario.behaviour;
  const handling = b.agent.handling;
  const dialogue = handling.model === 'dialogue';
  const groupIndex = new Map(groups.map((g) => [g.id, g.index]));
  const targets = (list: readonly ({ queue: string } | { agentGroup: string })[]): TargetModel[] =>
    list.map((t) =>
      'queue' in t
        ? { kind: 'queue', target: { kind: 'queue', queueId: t.queue } }
        : { kind: 'group', group: groupIndex.get(t.agentGroup)! },
    );
  const weights = (list: readonly { weight?: number }[]) => list.map((t) => t.weight ?? 1);

  const reasons = scenario.tenant.wrapUpReasons.map((r) => r.id);
  const reasonWeights = b.agent.wrapUpReasonWeights;
  const idleCodes = scenario.tenant.idleCodes;
  const endOfShift = idleCodes.find((c) => /shift|end|off|home/i.test(`${c.id} ${c.label}`));
  const ronaIdle = idleCodes.find((c) => c !== endOfShift) ?? idleCodes[0];

  return {
    scenario,
    tenant,
    intervalMs: interval,
    intervals,
    horizonMs: horizonMs(scenario),
    warmupMs: warmupMs(scenario),
    endMs: horizonMs(scenario) + drainMs(scenario),
    sampleMs: scenario.simulation.sampleSeconds * 1000,
    assets,
    groups,
    agents,
    customer: {
      patience: b.customer.patience ? ms(sampler(b.customer.patience)) : null,
      dialogue,
      messages: dialogue ? sampler(handling.messages) : null,
      thinkTime: dialogue ? ms(sampler(handling.thinkTime)) : null,
    },
    agent: {
      acceptDelay: ms(sampler(b.agent.acceptDelay)),
      missProbability: b.agent.missProbability,
      ronaReturnProbability: b.agent.ronaReturn.probability,
      ronaReturnDelay: ms(sampler(b.agent.ronaReturn.delay)),
      handleTime: dialogue ? null : ms(sampler(handling.handleTime)),
      replyTime: dialogue ? ms(sampler(handling.replyTime)) : null,
      closeTime: dialogue ? ms(sampler(handling.closeTime)) : null,
      wrapUpTime: ms(sampler(b.agent.wrapUpTime)),
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
          targets: targets(b.transfer.targets),
          cumulative: cumulative(weights(b.transfer.targets)),
        }
      : null,
    conference: b.conference
      ? {
          probability: b.conference.probability,
          at: b.conference.at,
          targets: targets(b.conference.targets),
          cumulative: cumulative(weights(b.conference.targets)),
          duration: ms(sampler(b.conference.duration)),
          ownerEndsProbability: b.conference.ownerEndsProbability,
        }
      : null,
    deletions: b.admin.assetDeletions
      .map((d) => ({
        asset: assets.findIndex((a) => a.id === d.asset),
        atMs: clockToOffsetMs(scenario, d.at),
      }))
      .filter((d) => d.asset >= 0)
      .sort((x, y) => x.atMs - y.atMs),
    endOfShiftIdleCode: endOfShift?.id,
    ronaIdleCode: ronaIdle?.id,
  };
}
