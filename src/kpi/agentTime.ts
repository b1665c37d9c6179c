import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import { KpiError } from './kpiError.js';
import { PeriodOverlaps, type Periods } from './periods.js';
import { SpanCollector } from './stepFunction.js';

/**
 * Agent time in each period (ms; summed over agents), indexed like `Periods`:
 * - `staffedAgentMs`: time agents were staffed: logged in (status other than LoggedOut) or
 *   holding a slot. The router does not let an agent with conversations log out, so the second
 *   part only matters when agent-state records are missing (e.g. a live run that lost some);
 * - `staffedSlotMs`: the same, times each agent's capacity;
 * - `busySlotMs`: slot time in use, capped at each agent's capacity. A slot is in use from a
 *   leg's offeredAt to its wrapUpAt (offer, conversation, wrap-up). Offers that were never
 *   accepted (RONA, withdrawn, abandoned while offered) leave no leg: their time is not counted;
 * - `busyAgentMs`: staffed time with at least one slot in use;
 * - `availableAgentMs`: time in status Available.
 */
export interface AgentTime {
  readonly staffedAgentMs: Float64Array;
  readonly staffedSlotMs: Float64Array;
  readonly busySlotMs: Float64Array;
  readonly busyAgentMs: Float64Array;
  readonly availableAgentMs: Float64Array;
}

/** Agent time of all agents, and of each agent group's agents. */
export interface AgentTimes {
  readonly total: AgentTime;
  readonly groups: Readonly<Record<string, AgentTime>>;
}

interface AgentEvents {
  readonly capacity: number;
  /** Legs as spans of one busy slot each. */
  readonly busy: SpanCollector;
  readonly statuses: {
    readonly at: number;
    readonly loggedIn: boolean;
    readonly available: boolean;
  }[];
}

export function agentTime(
  records: readonly ConversationRecord[],
  agentStates: readonly AgentStateRecord[],
  agentCapacity: Readonly<Record<string, number>>,
  periods: Periods,
  agentGroups: Readonly<Record<string, readonly string[]>> = {},
): AgentTimes {
  const legs = new AgentLegs();
  for (const r of records) legs.add(r);
  return legs.agentTime(agentStates, agentCapacity, periods, agentGroups);
}

/** Legs per chunk of `AgentLegs`' columns: 320 KB a chunk, so over-allocation stays small. */
const CHUNK = 16_384;

/**
 * The agents' legs as busy spans, one record at a time, so that agent time needs no kept
 * records: 20 bytes a leg. Agents are taken in the order `agentTime` has always taken them (first
 * appearance in the states, then in the records), so that its sums add in the same order.
 *
 * The legs of all agents go into shared columns (agent number, start, end) in fixed-size chunks,
 * and are split by agent only when agent time is asked for. Per-agent span arrays made a large
 * center pay, for every leg, the cache misses of that agent's cold arrays (at 14,000 agents they
 * were the third-largest growth in the profile against 140) and 1 KB of typed arrays per agent
 * from its first leg; appending to the chunk being filled touches memory that is already hot.
 */
export class AgentLegs {
  /** Agent id to its number, in order of first appearance. */
  private readonly numbers = new Map<string, number>();
  private readonly agentIds: string[] = [];
  private readonly agentChunks: Int32Array[] = [];
  private readonly startChunks: Float64Array[] = [];
  private readonly endChunks: Float64Array[] = [];
  /** Legs in the last chunk (CHUNK when it is full, so that the next leg opens one). */
  private fill = CHUNK;

  add(r: ConversationRecord): void {
    for (const leg of r.legs) {
      let agent = this.numbers.get(leg.agentId);
      if (agent === undefined) {
        agent = this.agentIds.length;
        this.numbers.set(leg.agentId, agent);
        this.agentIds.push(leg.agentId);
      }
      // An empty or reversed span adds nothing (as SpanCollector.add), but its agent counts.
      if (!(leg.wrapUpAt > leg.offeredAt)) continue;
      if (this.fill === CHUNK) {
        this.agentChunks.push(new Int32Array(CHUNK));
        this.startChunks.push(new Float64Array(CHUNK));
        this.endChunks.push(new Float64Array(CHUNK));
        this.fill = 0;
      }
      const last = this.agentChunks.length - 1;
      this.agentChunks[last]![this.fill] = agent;
      this.startChunks[last]![this.fill] = leg.offeredAt;
      this.endChunks[last]![this.fill] = leg.wrapUpAt;
      this.fill++;
    }
  }

  /** Each agent's legs as its own spans, by agent id in order of first appearance. */
  private spansByAgent(): Map<string, SpanCollector> {
    const spans = this.agentIds.map(() => new SpanCollector());
    for (let c = 0; c < this.agentChunks.length; c++) {
      const agents = this.agentChunks[c]!;
      const starts = this.startChunks[c]!;
      const ends = this.endChunks[c]!;
      const size = c === this.agentChunks.length - 1 ? this.fill : CHUNK;
      for (let i = 0; i < size; i++) spans[agents[i]!]!.add(starts[i]!, ends[i]!);
    }
    return new Map(this.agentIds.map((id, i) => [id, spans[i]!]));
  }

  /** Agent time from the legs added so far and the agents' status changes. */
  agentTime(
    agentStates: readonly AgentStateRecord[],
    agentCapacity: Readonly<Record<string, number>>,
    periods: Periods,
    agentGroups: Readonly<Record<string, readonly string[]>> = {},
  ): AgentTimes {
    const busy = this.spansByAgent();
    const agents = new Map<string, AgentEvents>();
    const agent = (agentId: string): AgentEvents => {
      let events = agents.get(agentId);
      if (!events) {
        if (!Object.hasOwn(agentCapacity, agentId)) {
          throw new KpiError(
            'KPI_UNKNOWN_AGENT',
            `agent "${agentId}" has no entry in agentCapacity`,
          );
        }
        events = {
          capacity: agentCapacity[agentId]!,
          busy: busy.get(agentId) ?? new SpanCollector(),
          statuses: [],
        };
        agents.set(agentId, events);
      }
      return events;
    };
    for (const s of agentStates) {
      agent(s.agentId).statuses.push({
        at: s.at,
        loggedIn: s.status !== 'LoggedOut',
        available: s.status === 'Available',
      });
    }
    for (const agentId of this.agentIds) agent(agentId);
    return sumAgentTime(agents, periods, agentGroups);
  }
}

function sumAgentTime(
  agents: ReadonlyMap<string, AgentEvents>,
  periods: Periods,
  agentGroups: Readonly<Record<string, readonly string[]>>,
): AgentTimes {
  const size = periods.from.length;
  const total = emptyAgentTime(size);
  const groups: Record<string, AgentTime> = {};
  const groupsOf = new Map<string, AgentTime[]>();
  for (const [groupId, agentIds] of Object.entries(agentGroups)) {
    const time = emptyAgentTime(size);
    groups[groupId] = time;
    for (const agentId of agentIds) {
      const list = groupsOf.get(agentId);
      if (list) list.push(time);
      else groupsOf.set(agentId, [time]);
    }
  }
  const overlaps = new PeriodOverlaps(periods);
  for (const [agentId, { capacity, busy: spans, statuses }] of agents) {
    const outs = [total, ...(groupsOf.get(agentId) ?? [])];
    const busy = spans.build();
    // Stable: status changes at one instant apply in input order, so the last one wins.
    statuses.sort((a, b) => a.at - b.at);
    let slots = 0;
    let loggedIn = false;
    let available = false;
    let i = 0;
    let j = 0;
    const nextAt = (): number =>
      Math.min(
        i < busy.times.length ? busy.times[i]! : Number.POSITIVE_INFINITY,
        j < statuses.length ? statuses[j]!.at : Number.POSITIVE_INFINITY,
      );
    while (i < busy.times.length || j < statuses.length) {
      const at = nextAt();
      if (i < busy.times.length && busy.times[i] === at) slots = busy.values[i++]!;
      for (; j < statuses.length && statuses[j]!.at === at; j++) {
        ({ loggedIn, available } = statuses[j]!);
      }
      // The state from `at` until the next change (or for ever after the last one).
      const until = nextAt();
      if (overlaps.find(at, until) === 0) continue;
      const staffed = loggedIn || slots > 0 ? 1 : 0;
      const busySlots = Math.min(slots, capacity);
      const busyAgent = slots > 0 ? 1 : 0;
      const availableAgent = available ? 1 : 0;
      for (const out of outs) {
        overlaps.addTo(out.staffedAgentMs, staffed);
        overlaps.addTo(out.staffedSlotMs, staffed * capacity);
        overlaps.addTo(out.busySlotMs, busySlots);
        overlaps.addTo(out.busyAgentMs, busyAgent);
        overlaps.addTo(out.availableAgentMs, availableAgent);
      }
    }
  }
  return { total, groups };
}

function emptyAgentTime(size: number): AgentTime {
  return {
    staffedAgentMs: new Float64Array(size),
    staffedSlotMs: new Float64Array(size),
    busySlotMs: new Float64Array(size),
    busyAgentMs: new Float64Array(size),
    availableAgentMs: new Float64Array(size),
  };
}
