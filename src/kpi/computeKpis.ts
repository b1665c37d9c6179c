import type { ConversationRecord } from '../core/index.js';
import { type AgentTime, type AgentTimes, agentTime } from './agentTime.js';
import { type ConversationKpis, conversationKpis } from './conversationKpis.js';
import { isOwnerLeg } from './conversationTimes.js';
import { KpiError } from './kpiError.js';
import { checkKpiInput, type KpiInput, type ServiceLevelSpec } from './kpiInput.js';
import type { GroupKpiSet, KpiReport, KpiSet, QueueKpiSet } from './kpiSet.js';
import { periodsOf } from './periods.js';
import { queueLength, waitingForAnswer } from './queueLength.js';
import { type RecontactLinks, recontactLinks } from './recontactLinks.js';
import { integral, maximum, type StepFunction } from './stepFunction.js';
import { transferredIn } from './transferredIn.js';

/**
 * KPIs of a run from its records: the whole measured horizon and every interval. Pure: the
 * same input gives the same report, for a simulated run and for a live one alike. Definitions
 * are on `KpiSet` and in docs/kpi.md. Throws `KpiError` for inconsistent input.
 */
export function computeKpis(input: KpiInput): KpiReport {
  checkKpiInput(input);
  const { measureFromMs, endMs, intervals } = input;
  const queues = input.queues ?? {};
  const agentGroups = input.agentGroups ?? {};
  if (input.queues) {
    for (const r of input.records) {
      if (!Object.hasOwn(queues, r.queueId)) {
        throw new KpiError('KPI_UNKNOWN_QUEUE', `queue "${r.queueId}" has no entry in queues`);
      }
    }
  }
  const measured: ConversationRecord[] = [];
  const byInterval: ConversationRecord[][] = Array.from({ length: intervals.count }, () => []);
  for (const r of input.records) {
    if (!(r.arrivedAt >= measureFromMs && r.arrivedAt < endMs)) continue;
    measured.push(r);
    const i = Math.floor((r.arrivedAt - intervals.startMs) / intervals.lengthMs);
    if (i >= 0 && i < intervals.count) byInterval[i]!.push(r);
  }

  const links =
    input.recontactWindowMs !== undefined
      ? recontactLinks(input.records, input.recontactWindowMs)
      : null;
  const periods = periodsOf(input);
  const series: TimeSeries = {
    agents: agentTime(input.records, input.agentStates, input.agentCapacity, periods, agentGroups),
    queue: queueLength(input.records),
    waiting: waitingForAnswer(measured),
  };
  const periodSet = (records: readonly ConversationRecord[], p: number): KpiSet => ({
    ...kpiSet(
      conversationKpis(records, input.serviceLevel, links),
      series,
      p,
      periods.from[p]!,
      periods.to[p]!,
    ),
    queues: queueSets(records, queues, links),
    groups: groupSets(records, agentGroups, series.agents, p, periods.to[p]! - periods.from[p]!),
  });
  return {
    total: periodSet(measured, 0),
    intervals: byInterval.map((records, i) => periodSet(records, i + 1)),
  };
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

/**
 * Each queue's conversation KPIs over the period's records that entered it first, and those
 * transferred in to it, in the order of `queues`.
 */
function queueSets(
  records: readonly ConversationRecord[],
  queues: Readonly<Record<string, ServiceLevelSpec>>,
  links: RecontactLinks | null,
): Record<string, QueueKpiSet> {
  const byQueue = new Map<string, ConversationRecord[]>();
  for (const queueId of Object.keys(queues)) byQueue.set(queueId, []);
  for (const r of records) byQueue.get(r.queueId)?.push(r);
  const transfersIn = transferredIn(records, Object.keys(queues));
  const out: Record<string, QueueKpiSet> = {};
  for (const [queueId, spec] of Object.entries(queues)) {
    const { totalWaitMs: _, ...kpis } = conversationKpis(byQueue.get(queueId)!, spec, links);
    out[queueId] = { ...kpis, ...transfersIn.get(queueId)! };
  }
  return out;
}

/** Each agent group's time KPIs (period p) and handle KPIs (the period's records). */
function groupSets(
  records: readonly ConversationRecord[],
  agentGroups: Readonly<Record<string, readonly string[]>>,
  agents: AgentTimes,
  p: number,
  spanMs: number,
): Record<string, GroupKpiSet> {
  const groups = Object.entries(agentGroups);
  // One pass over the records for all groups (not one per group: a center of 200 groups spent a
  // fifth of its run here). The groups each agent is in, by position; an agent listed in several
  // groups counts in each, listed twice in one counts once. Each group's sums add the same terms
  // in the same order as a pass of its own would.
  const groupsOf = new Map<string, number[]>();
  groups.forEach(([, agentIds], g) => {
    for (const id of new Set(agentIds)) {
      const list = groupsOf.get(id);
      if (list) list.push(g);
      else groupsOf.set(id, [g]);
    }
  });
  const handled = new Array<number>(groups.length).fill(0);
  const handledLegs = new Array<number>(groups.length).fill(0);
  const handleMs = new Array<number>(groups.length).fill(0);
  for (const r of records) {
    if (r.outcome !== 'handled') continue;
    const last = r.lastAgentId !== null ? groupsOf.get(r.lastAgentId) : undefined;
    if (last) for (const g of last) handled[g]!++;
    for (const leg of r.legs) {
      if (!isOwnerLeg(leg)) continue;
      const of = groupsOf.get(leg.agentId);
      if (!of) continue;
      for (const g of of) {
        handledLegs[g]!++;
        handleMs[g]! += leg.endedAt - leg.acceptedAt;
      }
    }
  }
  const out: Record<string, GroupKpiSet> = {};
  groups.forEach(([groupId], g) => {
    out[groupId] = {
      ...groupTime(agents.groups[groupId]!, p, spanMs),
      handled: handled[g]!,
      handledLegs: handledLegs[g]!,
      aht: handledLegs[g]! > 0 ? handleMs[g]! / handledLegs[g]! / 1000 : null,
    };
  });
  return out;
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
