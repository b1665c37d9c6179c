// Imports stay within distributions and types: the simulator's worker threads load this module,
// and the scenario index would bring the YAML parser and zod along.
import { meanOf, type Sampler, sampler } from './distributions.js';
import type {
  ConferenceSpec,
  ContactTypeSpec,
  Distribution,
  IntervalOverridesSpec,
  RecontactSpec,
  Scenario,
  TransferSpec,
} from './schema.js';

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
export interface Behaviour extends ContactType {
  /** The handling model is `dialogue` (messages back and forth), else `handle-time`. */
  readonly dialogue: boolean;
  /** The horizon's interval, for per-interval overrides (`intervalFactor`). */
  readonly intervalMs: number;
  /**
   * Every contact type (issue 12), the tenant's first: its own fields are this object's. A
   * conversation's type is fixed at arrival by its asset (`assetContactType`); a leg offered from
   * another queue than the one it arrived in is handled as that queue's type
   * (`queueContactType`).
   */
  readonly contactTypes: readonly ContactType[];
  /** The contact type (index into `contactTypes`) of a conversation arriving on asset i. */
  readonly assetContactType: Int32Array;
  /** The queue (its index in `tenant.queues`) asset i routes to. */
  readonly assetQueue: Int32Array;
  /** The contact type of a leg offered from queue q. */
  readonly queueContactType: Int32Array;
  /** Queues by the name a desktop's popover shows (names of typed queues are unique). */
  readonly queueByName: ReadonlyMap<string, number>;
  /**
   * Handle-time multiplier of agent group g on queue q at `g * queueCount + q`; null: all 1.
   */
  readonly groupQueueFactor: Float64Array | null;
  readonly queueCount: number;
  /**
   * A leg's handling depends on the queue it is offered from (several queue types, or group ×
   * queue factors): a shell's offer names the queue. False: one type for every leg, no look-up.
   */
  readonly perQueue: boolean;
  /**
   * `slowdownModel: dynamic`: the slow-down of held conversations follows the number held
   * (`dynamicSlowdown.ts`); false: fixed at accept (dialogue: at each reply).
   */
  readonly dynamicSlowdown: boolean;
}

/**
 * One contact type: the behaviour of the conversations of a queue or an asset, merged over the
 * tenant's (`behaviour.queues`, `behaviour.assets`). Fields that belong to an agent rather than
 * to a contact (RONA return, concurrency slow-down, idle codes) are the tenant's in every type.
 */
export interface ContactType {
  /** "tenant", "queue <id>" or "asset <id>". */
  readonly name: string;
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
  /** Patience multiplier by the interval of arrival; null: 1 throughout. */
  readonly patienceFactor: Float64Array | null;
  /** Whether and when customers come back after an abandon or an unsolved conversation. */
  readonly recontact: RecontactPlan | null;
}

/** `recontact` of a contact type compiled; null fields: that kind of re-contact is off. */
export interface RecontactPlan {
  /** Entry k: probability of coming back after the (k+1)-th abandon of the chain. */
  readonly abandonProbabilities: readonly number[] | null;
  readonly abandonDelayMs: Sampler | null;
  /** Probability that a handled conversation (with one of `unsolvedReasons`) comes back. */
  readonly unsolvedProbability: number;
  readonly unsolvedDelayMs: Sampler | null;
  /** Wrap-up reasons that can mean unsolved; null: any. */
  readonly unsolvedReasons: ReadonlySet<string> | null;
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
  /** Handling-time multiplier by interval (of a leg's accept; dialogue: of a reply); null: 1. */
  readonly handleFactor: Float64Array | null;
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

/** The tenant's behaviour with a contact type's overrides merged key by key over it. */
interface MergedType {
  readonly customer: {
    readonly patience: Distribution | undefined;
    readonly recontact: RecontactSpec;
  };
  readonly agent: {
    readonly acceptDelay: Distribution;
    readonly missProbability: number;
    readonly handling: Readonly<Record<string, Distribution | string | undefined>>;
    readonly wrapUpTime: Distribution;
    readonly wrapUpReasonWeights: Readonly<Record<string, number>> | undefined;
  };
  readonly transfer: TransferSpec | undefined;
  readonly conference: ConferenceSpec | undefined;
  readonly intervals: IntervalOverridesSpec;
}

function tenantType(scenario: Scenario): MergedType {
  const b = scenario.behaviour;
  return {
    customer: { patience: b.customer.patience, recontact: b.customer.recontact ?? {} },
    agent: {
      acceptDelay: b.agent.acceptDelay,
      missProbability: b.agent.missProbability,
      handling: b.agent.handling,
      wrapUpTime: b.agent.wrapUpTime,
      wrapUpReasonWeights: b.agent.wrapUpReasonWeights,
    },
    transfer: b.transfer,
    conference: b.conference,
    intervals: b.intervals ?? {},
  };
}

/** `over` merged over `base`: given keys replace (a distribution or a plan whole; null: none). */
export function mergeContactType(base: MergedType, over: ContactTypeSpec): MergedType {
  const agent = over.agent ?? {};
  const intervals = over.intervals ?? {};
  const handleOver =
    intervals.handleTimeFactor !== undefined || intervals.handleTimeMeanSeconds !== undefined;
  const patienceOver =
    intervals.patienceFactor !== undefined || intervals.patienceMeanSeconds !== undefined;
  const replace = <T>(value: T | null | undefined, fallback: T | undefined): T | undefined =>
    value === undefined ? fallback : (value ?? undefined);
  return {
    customer: {
      patience: replace(over.customer?.patience, base.customer.patience),
      recontact: {
        afterAbandon: replace(
          over.customer?.recontact?.afterAbandon,
          base.customer.recontact.afterAbandon,
        ),
        afterUnsolved: replace(
          over.customer?.recontact?.afterUnsolved,
          base.customer.recontact.afterUnsolved,
        ),
      },
    },
    agent: {
      acceptDelay: agent.acceptDelay ?? base.agent.acceptDelay,
      missProbability: agent.missProbability ?? base.agent.missProbability,
      handling: { ...base.agent.handling, ...defined(agent.handling ?? {}) },
      wrapUpTime: agent.wrapUpTime ?? base.agent.wrapUpTime,
      wrapUpReasonWeights: agent.wrapUpReasonWeights ?? base.agent.wrapUpReasonWeights,
    },
    transfer: replace(over.transfer, base.transfer),
    conference: replace(over.conference, base.conference),
    intervals: {
      ...(handleOver
        ? {
            handleTimeFactor: intervals.handleTimeFactor,
            handleTimeMeanSeconds: intervals.handleTimeMeanSeconds,
          }
        : {
            handleTimeFactor: base.intervals.handleTimeFactor,
            handleTimeMeanSeconds: base.intervals.handleTimeMeanSeconds,
          }),
      ...(patienceOver
        ? {
            patienceFactor: intervals.patienceFactor,
            patienceMeanSeconds: intervals.patienceMeanSeconds,
          }
        : {
            patienceFactor: base.intervals.patienceFactor,
            patienceMeanSeconds: base.intervals.patienceMeanSeconds,
          }),
    },
  };
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Per-interval multipliers from a factor or a mean per interval (the mean rescales a
 * distribution of mean `mean`); null when there are none, or all are 1.
 */
function intervalFactors(
  factor: number | readonly number[] | undefined,
  meanSeconds: number | readonly number[] | undefined,
  mean: number,
  intervals: number,
): Float64Array | null {
  const given = factor ?? meanSeconds;
  if (given === undefined) return null;
  const scale = factor !== undefined ? 1 : 1 / mean;
  const out = new Float64Array(intervals);
  for (let i = 0; i < intervals; i++) {
    out[i] = (typeof given === 'number' ? given : (given[i] ?? given[given.length - 1]!)) * scale;
  }
  return out.every((f) => f === 1) ? null : out;
}

/** The multiplier of time `now` (scenario ms): its interval's; the last one after the horizon. */
export function intervalFactor(
  factors: Float64Array | null,
  intervalMs: number,
  now: number,
): number {
  if (factors === null) return 1;
  const i = Math.floor(now / intervalMs);
  return factors[i < 0 ? 0 : i < factors.length ? i : factors.length - 1]!;
}

export function compileBehaviour(scenario: Scenario): Behaviour {
  const b = scenario.behaviour;
  const { tenant, horizon } = scenario;
  const dialogue = b.agent.handling.model === 'dialogue';
  const groupIndex = new Map(tenant.agentGroups.map((g, i) => [g.id, i]));
  const queueIndex = new Map(tenant.queues.map((q, i) => [q.id, i]));
  const targets = (list: readonly ({ queue: string } | { agentGroup: string })[]) =>
    list.map(
      (t): HandOverTarget =>
        'queue' in t
          ? { kind: 'queue', queueId: t.queue }
          : { kind: 'group', groupId: t.agentGroup, group: groupIndex.get(t.agentGroup) ?? -1 },
    );
  const weights = (list: readonly { weight?: number }[]) => list.map((t) => t.weight ?? 1);
  const reasons = tenant.wrapUpReasons.map((r) => r.id);
  // One idle code that sounds like the end of a shift for agents going home, another (or the
  // same) for agents who stay away after RONA.
  const idleCodes = tenant.idleCodes;
  const endOfShift = idleCodes.find((c) => /shift|end|off|home/i.test(`${c.id} ${c.label}`));
  const ronaIdle = idleCodes.find((c) => c !== endOfShift) ?? idleCodes[0];
  const ronaReturnDelayMs = msSampler(b.agent.ronaReturn.delay);
  const slowdown = Float64Array.from(b.agent.concurrencySlowdown);

  const compileType = (name: string, t: MergedType): ContactType => {
    const h = t.agent.handling as Record<string, Distribution>;
    const reasonWeights = t.agent.wrapUpReasonWeights;
    const wrapUpWeights = reasons.map((r) => (reasonWeights ? (reasonWeights[r] ?? 0) : 1));
    const handleMean = dialogue ? 1 : meanOf(h.handleTime!);
    const patience = t.customer.patience;
    return {
      name,
      customer: {
        patienceMs: patience ? msSampler(patience) : null,
        messages: dialogue ? sampler(h.messages!) : null,
        thinkTimeMs: dialogue ? msSampler(h.thinkTime!) : null,
        patienceFactor: intervalFactors(
          t.intervals.patienceFactor,
          t.intervals.patienceMeanSeconds,
          patience ? meanOf(patience) : 1,
          horizon.intervals,
        ),
        recontact: compileRecontact(t.customer.recontact),
      },
      agent: {
        acceptDelayMs: msSampler(t.agent.acceptDelay),
        missProbability: t.agent.missProbability,
        ronaReturnProbability: b.agent.ronaReturn.probability,
        ronaReturnDelayMs,
        handleTimeMs: dialogue ? null : msSampler(h.handleTime!),
        replyTimeMs: dialogue ? msSampler(h.replyTime!) : null,
        closeTimeMs: dialogue ? msSampler(h.closeTime!) : null,
        handleFactor: intervalFactors(
          t.intervals.handleTimeFactor,
          t.intervals.handleTimeMeanSeconds,
          handleMean,
          horizon.intervals,
        ),
        wrapUpTimeMs: msSampler(t.agent.wrapUpTime),
        wrapUpReasons: reasons,
        wrapUpWeights,
        wrapUpCumulative: cumulative(wrapUpWeights),
        slowdown,
        endOfShiftIdleCode: endOfShift?.id,
        ronaIdleCode: ronaIdle?.id,
        defaultIdleCode: idleCodes[0]?.id ?? null,
      },
      transfer: t.transfer
        ? {
            probability: t.transfer.probability,
            at: t.transfer.at,
            targets: targets(t.transfer.targets),
            weights: weights(t.transfer.targets),
            cumulative: cumulative(weights(t.transfer.targets)),
          }
        : null,
      conference: t.conference
        ? {
            probability: t.conference.probability,
            at: t.conference.at,
            targets: targets(t.conference.targets),
            weights: weights(t.conference.targets),
            cumulative: cumulative(weights(t.conference.targets)),
            durationMs: msSampler(t.conference.duration),
            ownerEndsProbability: t.conference.ownerEndsProbability,
          }
        : null,
    };
  };

  // Compiled once: the hot path picks a type by index and never merges.
  const base = tenantType(scenario);
  const types: ContactType[] = [compileType('tenant', base)];
  const queueMerged = tenant.queues.map((q) => {
    const over = b.queues?.[q.id];
    return over ? mergeContactType(base, over) : base;
  });
  const queueContactType = Int32Array.from(tenant.queues, (q, i) => {
    if (!b.queues?.[q.id]) return 0;
    types.push(compileType(`queue ${q.id}`, queueMerged[i]!));
    return types.length - 1;
  });
  const assetQueue = Int32Array.from(tenant.assets, (a) => queueIndex.get(a.queue) ?? 0);
  const assetContactType = Int32Array.from(tenant.assets, (a, i) => {
    const q = assetQueue[i]!;
    const over = b.assets?.[a.id];
    if (!over) return queueContactType[q]!;
    types.push(compileType(`asset ${a.id}`, mergeContactType(queueMerged[q]!, over)));
    return types.length - 1;
  });
  const groupQueueFactor = compileGroupQueueFactors(scenario, queueIndex);
  const tenantCompiled = types[0]!;
  return {
    ...tenantCompiled,
    dialogue,
    intervalMs: horizon.intervalMinutes * 60_000,
    contactTypes: types,
    assetContactType,
    assetQueue,
    queueContactType,
    queueByName: new Map(tenant.queues.map((q, i) => [q.name, i])),
    groupQueueFactor,
    queueCount: tenant.queues.length,
    perQueue: queueContactType.some((t) => t !== 0) || groupQueueFactor !== null,
    dynamicSlowdown: b.agent.slowdownModel === 'dynamic',
  };
}

function compileRecontact(spec: RecontactSpec): RecontactPlan | null {
  const abandon = spec.afterAbandon ?? null;
  const unsolved = spec.afterUnsolved ?? null;
  if (abandon === null && unsolved === null) return null;
  return {
    abandonProbabilities: abandon ? abandon.probabilities : null,
    abandonDelayMs: abandon ? msSampler(abandon.delay) : null,
    unsolvedProbability: unsolved ? unsolved.probability : 0,
    unsolvedDelayMs: unsolved ? msSampler(unsolved.delay) : null,
    unsolvedReasons: unsolved?.reasons ? new Set(unsolved.reasons) : null,
  };
}

/** `handleTimeFactor` of the groups' queue entries, flattened group-major; null when none. */
function compileGroupQueueFactors(
  scenario: Scenario,
  queueIndex: ReadonlyMap<string, number>,
): Float64Array | null {
  const { agentGroups, queues } = scenario.tenant;
  const out = new Float64Array(agentGroups.length * queues.length).fill(1);
  let any = false;
  agentGroups.forEach((g, gi) => {
    for (const entry of g.queues ?? []) {
      if (typeof entry === 'string' || entry.handleTimeFactor === undefined) continue;
      const q = queueIndex.get(entry.queue);
      if (q === undefined || entry.handleTimeFactor === 1) continue;
      out[gi * queues.length + q] = entry.handleTimeFactor;
      any = true;
    }
  });
  return any ? out : null;
}
