import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import { AgentLegs, type AgentTime, type AgentTimes } from './agentTime.js';
import { type ConversationKpis, ConversationSums } from './conversationKpis.js';
import { isOwnerLeg } from './conversationTimes.js';
import { KpiError } from './kpiError.js';
import { checkKpiInput, type KpiInput } from './kpiInput.js';
import type { GroupKpiSet, KpiReport, KpiSet, QueueKpiSet } from './kpiSet.js';
import { type Periods, periodsOf } from './periods.js';
import { addQueuedSpans, addWaitingSpan } from './queueLength.js';
import { type RecontactKpis, recontactKpisOf } from './recontactLinks.js';
import { RecontactTally } from './recontactTally.js';
import { integral, maximum, SpanCollector, type StepFunction } from './stepFunction.js';
import {
  countTransferredIn,
  type TransferredInCounts,
  transferredInCounts,
  transferredInKpis,
} from './transferredIn.js';

/** What a run's KPIs are measured against: `KpiInput` without the records. */
export type KpiFrame = Omit<KpiInput, 'records' | 'agentStates'>;

/**
 * A run's KPIs as it goes: each final conversation record is added when it is made and then
 * dropped, and `report` gives what `computeKpis` gives for the same records (it is
 * `computeKpis`'s one implementation: same sums, in the same order, so the same bits). Kept per
 * conversation: its waits and spans as numbers in typed arrays (about 40 bytes, 70 with re-contacts,
 * against a kilobyte for the record); per period and queue, sums and counts. Definitions are on
 * `KpiSet` and in docs/kpi.md. Pure; throws `KpiError` for inconsistent input.
 */
export class KpiCollector {
  private readonly frame: KpiFrame;
  private readonly periods: Periods;
  private readonly queueIds: readonly string[];
  /** Null: no per-queue KPIs asked for. */
  private readonly queueIndex: ReadonlyMap<string, number> | null;
  private readonly groupIds: readonly string[];
  /** The groups each agent is in, by position; listed twice in one group counts once. */
  private readonly groupsOf = new Map<string, number[]>();
  private readonly queued = new SpanCollector();
  private readonly waiting = new SpanCollector();
  private readonly legs = new AgentLegs();
  private readonly recontacts: RecontactTally | null;
  /** Per period (0: the measured horizon, 1 + i: interval i). */
  private readonly sums: ConversationSums[];
  /** Per period, per queue; made on first use. */
  private readonly queueSums: (ConversationSums | undefined)[][];
  private readonly transfers: (TransferredInCounts | undefined)[];
  private readonly groupHandled: number[][];
  private readonly groupLegs: number[][];
  private readonly groupHandleMs: number[][];

  constructor(frame: KpiFrame) {
    checkKpiInput({ ...frame, records: [], agentStates: [] });
    this.frame = frame;
    this.periods = periodsOf({ ...frame, records: [], agentStates: [] });
    const periodCount = this.periods.from.length;
    this.queueIds = Object.keys(frame.queues ?? {});
    this.queueIndex = frame.queues ? new Map(this.queueIds.map((id, q) => [id, q])) : null;
    const groups = Object.entries(frame.agentGroups ?? {});
    this.groupIds = groups.map(([id]) => id);
    groups.forEach(([, agentIds], g) => {
      for (const id of new Set(agentIds)) {
        const list = this.groupsOf.get(id);
        if (list) list.push(g);
        else this.groupsOf.set(id, [g]);
      }
    });
    const perPeriod = <T>(make: () => T): T[] => Array.from({ length: periodCount }, make);
    this.sums = perPeriod(() => new ConversationSums(frame.serviceLevel));
    this.queueSums = perPeriod(() => new Array(this.queueIds.length));
    this.transfers = new Array(periodCount);
    const zeros = (): number[] => new Array<number>(groups.length).fill(0);
    this.groupHandled = perPeriod(zeros);
    this.groupLegs = perPeriod(zeros);
    this.groupHandleMs = perPeriod(zeros);
    this.recontacts =
      frame.recontactWindowMs !== undefined
        ? new RecontactTally(frame.recontactWindowMs, periodCount, 1 + this.queueIds.length)
        : null;
  }

  /** Adds one final conversation record (any order; warm-up and drain ones too). */
  add(r: ConversationRecord): void {
    const queue = this.queueOf(r);
    // Every record counts in the queue and in agent time: it is what the agents faced.
    addQueuedSpans(this.queued, r);
    this.legs.add(r);
    const { measureFromMs, endMs, intervals } = this.frame;
    const measured = r.arrivedAt >= measureFromMs && r.arrivedAt < endMs;
    let interval = measured ? -1 : -2;
    if (measured) {
      const i = Math.floor((r.arrivedAt - intervals.startMs) / intervals.lengthMs);
      if (i >= 0 && i < intervals.count) interval = i;
    }
    this.recontacts?.add(r, interval, queue);
    if (!measured) return;
    addWaitingSpan(this.waiting, r);
    this.addTo(0, r, queue);
    if (interval >= 0) this.addTo(interval + 1, r, queue);
  }

  /** The KPIs of the records added so far, with the agents' status changes (any order). */
  report(agentStates: readonly AgentStateRecord[]): KpiReport {
    const { agentCapacity, agentGroups = {} } = this.frame;
    const series: TimeSeries = {
      agents: this.legs.agentTime(agentStates, agentCapacity, this.periods, agentGroups),
      queue: this.queued.build(),
      waiting: this.waiting.build(),
    };
    const tally = this.recontacts?.counts() ?? null;
    const scopes = 1 + this.queueIds.length;
    const recontactOf = (p: number, scope: number, offered: number): RecontactKpis | null =>
      tally === null
        ? null
        : recontactKpisOf({
            offered,
            recontacts: tally.recontacts[p * scopes + scope]!,
            firstHandled: tally.firstHandled[p * scopes + scope]!,
            resolved: tally.resolved[p * scopes + scope]!,
          });
    const periodSet = (p: number): KpiSet => {
      const sums = this.sums[p]!;
      const from = this.periods.from[p]!;
      const to = this.periods.to[p]!;
      return {
        ...kpiSet(sums.kpis(recontactOf(p, 0, sums.offered)), series, p, from, to),
        queues: this.queueSets(p, recontactOf),
        groups: this.groupSets(p, series.agents, to - from),
      };
    };
    const intervals: KpiSet[] = [];
    for (let i = 0; i < this.frame.intervals.count; i++) intervals.push(periodSet(i + 1));
    return { total: periodSet(0), intervals };
  }

  /** The record's queue's position, −1 when no per-queue KPIs are asked for. */
  private queueOf(r: ConversationRecord): number {
    if (this.queueIndex === null) return -1;
    const q = this.queueIndex.get(r.queueId);
    if (q === undefined) {
      throw new KpiError('KPI_UNKNOWN_QUEUE', `queue "${r.queueId}" has no entry in queues`);
    }
    return q;
  }

  private addTo(p: number, r: ConversationRecord, queue: number): void {
    this.sums[p]!.add(r);
    if (queue >= 0) {
      const perQueue = this.queueSums[p]!;
      let sums = perQueue[queue];
      if (sums === undefined) {
        sums = new ConversationSums(this.frame.queues![this.queueIds[queue]!]!);
        perQueue[queue] = sums;
      }
      sums.add(r);
      let transfers = this.transfers[p];
      if (transfers === undefined) {
        transfers = transferredInCounts(this.queueIds);
        this.transfers[p] = transfers;
      }
      countTransferredIn(transfers, r);
    }
    if (r.outcome !== 'handled' || this.groupIds.length === 0) return;
    const handled = this.groupHandled[p]!;
    const handledLegs = this.groupLegs[p]!;
    const handleMs = this.groupHandleMs[p]!;
    const last = r.lastAgentId !== null ? this.groupsOf.get(r.lastAgentId) : undefined;
    if (last) for (const g of last) handled[g]!++;
    for (const leg of r.legs) {
      if (!isOwnerLeg(leg)) continue;
      const of = this.groupsOf.get(leg.agentId);
      if (!of) continue;
      for (const g of of) {
        handledLegs[g]!++;
        handleMs[g]! += leg.endedAt - leg.acceptedAt;
      }
    }
  }

  /**
   * Each queue's conversation KPIs over the period's conversations that entered it first, and
   * those transferred in to it, in the order of `queues`.
   */
  private queueSets(
    p: number,
    recontactOf: (p: number, scope: number, offered: number) => RecontactKpis | null,
  ): Record<string, QueueKpiSet> {
    const out: Record<string, QueueKpiSet> = {};
    if (this.queueIndex === null) return out;
    const transfersIn = transferredInKpis(this.transfers[p] ?? transferredInCounts(this.queueIds));
    this.queueIds.forEach((queueId, q) => {
      const sums = this.queueSums[p]![q] ?? new ConversationSums(this.frame.queues![queueId]!);
      const recontact = recontactOf(p, 1 + q, sums.offered);
      const { totalWaitMs: _, ...kpis } = sums.kpis(recontact);
      out[queueId] = { ...kpis, ...transfersIn.get(queueId)! };
    });
    return out;
  }

  /** Each agent group's time KPIs and handle KPIs in period p. */
  private groupSets(p: number, agents: AgentTimes, spanMs: number): Record<string, GroupKpiSet> {
    const out: Record<string, GroupKpiSet> = {};
    this.groupIds.forEach((groupId, g) => {
      const legs = this.groupLegs[p]![g]!;
      out[groupId] = {
        ...groupTime(agents.groups[groupId]!, p, spanMs),
        handled: this.groupHandled[p]![g]!,
        handledLegs: legs,
        aht: legs > 0 ? this.groupHandleMs[p]![g]! / legs / 1000 : null,
      };
    });
    return out;
  }
}

interface TimeSeries {
  readonly agents: AgentTimes;
  readonly queue: StepFunction;
  readonly waiting: StepFunction;
}

/** Joins a period's conversation KPIs with its time-based KPIs over [from, to). */
function kpiSet(
  c: ConversationKpis,
  series: TimeSeries,
  period: number,
  from: number,
  to: number,
): Omit<KpiSet, 'queues' | 'groups'> {
  const { totalWaitMs, ...counts } = c;
  const spanMs = to - from;
  const hasTime = spanMs > 0;
  const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
  const agents = series.agents.total;
  const staffedAgentMs = agents.staffedAgentMs[period]!;
  const arrivalRate = hasTime ? c.offered / (spanMs / 1000) : null;
  return {
    ...counts,
    occupancy: ratio(agents.busySlotMs[period]!, agents.staffedSlotMs[period]!),
    agentOccupancy: ratio(agents.busyAgentMs[period]!, staffedAgentMs),
    staffedAgents: hasTime ? staffedAgentMs / spanMs : null,
    maxQueueLength: maximum(series.queue, from, to),
    littlesLaw: {
      arrivalRate,
      meanWait: c.avgWait,
      // λ·W = (n / span) · (Σ wait / n) = Σ wait / span, also when n = 0.
      lambdaW: hasTime ? totalWaitMs / spanMs : null,
      meanWaiting: hasTime ? integral(series.waiting, from, to) / spanMs : null,
    },
  };
}

function groupTime(
  time: AgentTime,
  p: number,
  spanMs: number,
): Pick<GroupKpiSet, 'occupancy' | 'agentOccupancy' | 'staffedAgents' | 'availableAgents'> {
  const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
  const staffedAgentMs = time.staffedAgentMs[p]!;
  return {
    occupancy: ratio(time.busySlotMs[p]!, time.staffedSlotMs[p]!),
    agentOccupancy: ratio(time.busyAgentMs[p]!, staffedAgentMs),
    staffedAgents: spanMs > 0 ? staffedAgentMs / spanMs : null,
    availableAgents: spanMs > 0 ? time.availableAgentMs[p]! / spanMs : null,
  };
}
