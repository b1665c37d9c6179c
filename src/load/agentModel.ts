import {
  agentIdsOf,
  clockToOffsetMs,
  type Distribution,
  type Random,
  type Sampler,
  type Scenario,
  sampler,
  staffingPerInterval,
} from '../scenario/index.js';

/**
 * The scenario's agent behaviour compiled for live agent clients: samplers that return scenario
 * milliseconds (the replayer divides by the speed-up), the staffing plan, wrap-up reasons by
 * weight, transfer and conference plans. The same reading of the scenario as the simulator's
 * (docs/scenarios.md), drawn from the load test's own seeded streams.
 */

export type TargetSpec =
  | { readonly kind: 'queue'; readonly queueId: string }
  | { readonly kind: 'group'; readonly groupId: string };

export interface HandOverSpec {
  readonly probability: number;
  readonly at: number;
  readonly targets: readonly TargetSpec[];
  readonly cumulative: readonly number[];
}

export interface ConferenceSpec extends HandOverSpec {
  readonly duration: Sampler;
  readonly ownerEndsProbability: number;
}

export interface AgentSpec {
  /** Position among all agents of the scenario (groups expanded in order). */
  readonly index: number;
  readonly id: string;
  readonly groupId: string;
  /** Position within its group (a segment's share of the staffing counts the first ones). */
  readonly position: number;
  readonly capacity: number;
}

export interface AgentModel {
  readonly agents: readonly AgentSpec[];
  readonly groups: readonly { readonly id: string; readonly agentIds: readonly string[] }[];
  readonly intervalMs: number;
  /** Agents logged in per interval, per group id. */
  readonly staffing: Readonly<Record<string, readonly number[]>>;
  readonly dialogue: boolean;
  readonly acceptDelay: Sampler;
  readonly missProbability: number;
  readonly ronaReturnProbability: number;
  readonly ronaReturnDelay: Sampler;
  readonly handleTime: Sampler | null;
  readonly replyTime: Sampler | null;
  readonly closeTime: Sampler | null;
  readonly wrapUpTime: Sampler;
  readonly wrapUpReasons: readonly string[];
  readonly wrapUpCumulative: readonly number[];
  readonly slowdown: readonly number[];
  readonly transfer: HandOverSpec | null;
  readonly conference: ConferenceSpec | null;
  /** Idle code of agents whose shift ended but who still hold work (none: the router's default). */
  readonly endOfShiftIdleCode: string | undefined;
  /** Idle code of an agent that does not come back from RONA. */
  readonly ronaIdleCode: string | undefined;
  /** The code the router gives an Idle state without one: the tenant's first, or none. */
  readonly defaultIdleCode: string | null;
  /** Asset deletions by the administrator, in time order (ms from the horizon start). */
  readonly deletions: readonly { readonly assetId: string; readonly atMs: number }[];
}

function ms(d: Distribution): Sampler {
  const s = sampler(d);
  return (rng) => s(rng) * 1000;
}

function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const out = weights.map((w, i) => {
    sum += w;
    return total > 0 ? sum / total : (i + 1) / weights.length;
  });
  if (out.length > 0) out[out.length - 1] = 1;
  return out;
}

/** The index a uniform `u` in [0, 1) picks from cumulative weights. */
export function pick(cum: readonly number[], u: number): number {
  let i = 0;
  while (i < cum.length - 1 && u >= cum[i]!) i++;
  return i;
}

function targets(list: readonly ({ queue: string } | { agentGroup: string })[]): TargetSpec[] {
  return list.map((t) =>
    'queue' in t ? { kind: 'queue', queueId: t.queue } : { kind: 'group', groupId: t.agentGroup },
  );
}

export function compileAgentModel(scenario: Scenario): AgentModel {
  const b = scenario.behaviour;
  const handling = b.agent.handling;
  const dialogue = handling.model === 'dialogue';
  const agents: AgentSpec[] = [];
  const groups = scenario.tenant.agentGroups.map((g) => {
    const agentIds = agentIdsOf(g);
    agentIds.forEach((id, position) => {
      agents.push({ index: agents.length, id, groupId: g.id, position, capacity: g.capacity });
    });
    return { id: g.id, agentIds };
  });
  const reasons = scenario.tenant.wrapUpReasons.map((r) => r.id);
  const reasonWeights = b.agent.wrapUpReasonWeights;
  // The simulator's reading of idle codes (sim/plan.ts): one that sounds like the end of a
  // shift for agents going home, another (or the same) for agents who stay away after RONA.
  const idleCodes = scenario.tenant.idleCodes;
  const endOfShift = idleCodes.find((c) => /shift|end|off|home/i.test(`${c.id} ${c.label}`));
  const ronaIdle = idleCodes.find((c) => c !== endOfShift) ?? idleCodes[0];
  const weights = (list: readonly { weight?: number }[]) => list.map((t) => t.weight ?? 1);
  return {
    agents,
    groups,
    intervalMs: scenario.horizon.intervalMinutes * 60_000,
    staffing: staffingPerInterval(scenario),
    dialogue,
    acceptDelay: ms(b.agent.acceptDelay),
    missProbability: b.agent.missProbability,
    ronaReturnProbability: b.agent.ronaReturn.probability,
    ronaReturnDelay: ms(b.agent.ronaReturn.delay),
    handleTime: dialogue ? null : ms(handling.handleTime),
    replyTime: dialogue ? ms(handling.replyTime) : null,
    closeTime: dialogue ? ms(handling.closeTime) : null,
    wrapUpTime: ms(b.agent.wrapUpTime),
    wrapUpReasons: reasons,
    wrapUpCumulative: cumulative(reasons.map((r) => (reasonWeights ? (reasonWeights[r] ?? 0) : 1))),
    slowdown: [...b.agent.concurrencySlowdown],
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
          duration: ms(b.conference.duration),
          ownerEndsProbability: b.conference.ownerEndsProbability,
        }
      : null,
    endOfShiftIdleCode: endOfShift?.id,
    ronaIdleCode: ronaIdle?.id,
    defaultIdleCode: idleCodes[0]?.id ?? null,
    deletions: b.admin.assetDeletions
      .map((d) => ({ assetId: d.asset, atMs: clockToOffsetMs(scenario, d.at) }))
      .sort((x, y) => x.atMs - y.atMs),
  };
}

/** What the first owner of a conversation will do with it, drawn once per conversation. */
export interface ConversationPlan {
  readonly transfer: TargetSpec | null;
  readonly conference: {
    readonly target: TargetSpec;
    readonly durationMs: number;
    readonly ownerEnds: boolean;
  } | null;
}

/**
 * The plan of a conversation from its own stream: every draw is made whether or not it is used,
 * in a fixed order, so that plans do not depend on which agent holds the conversation.
 */
export function drawPlan(model: AgentModel, rng: Random): ConversationPlan {
  let transfer: TargetSpec | null = null;
  if (model.transfer !== null) {
    const go = rng.next() < model.transfer.probability;
    const target = model.transfer.targets[pick(model.transfer.cumulative, rng.next())]!;
    if (go) transfer = target;
  }
  let conference: ConversationPlan['conference'] = null;
  if (model.conference !== null) {
    const c = model.conference;
    const go = rng.next() < c.probability;
    const target = c.targets[pick(c.cumulative, rng.next())]!;
    const durationMs = c.duration(rng);
    const ownerEnds = rng.next() < c.ownerEndsProbability;
    if (go) conference = { target, durationMs, ownerEnds };
  }
  return { transfer, conference };
}

/** The concurrency slow-down for an agent holding `active` conversations. */
export function slowdownFor(model: AgentModel, active: number): number {
  const table = model.slowdown;
  const i = active - 1;
  return table[i < 0 ? 0 : i < table.length ? i : table.length - 1]!;
}
