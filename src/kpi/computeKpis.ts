import type { ConversationRecord } from '../core/index.js';
import { type AgentTime, agentTime } from './agentTime.js';
import { type ConversationKpis, conversationKpis } from './conversationKpis.js';
import { checkKpiInput, type KpiInput } from './kpiInput.js';
import type { KpiReport, KpiSet } from './kpiSet.js';
import { periodsOf } from './periods.js';
import { queueLength, waitingForAnswer } from './queueLength.js';
import { integral, maximum, type StepFunction } from './stepFunction.js';

/**
 * KPIs of a run from its records: the whole measured horizon and every interval. Pure: the
 * same input gives the same report, for a simulated run and for a live one alike. Definitions
 * are on `KpiSet` and in docs/kpi.md. Throws `KpiError` for inconsistent input.
 */
export function computeKpis(input: KpiInput): KpiReport {
  checkKpiInput(input);
  const { measureFromMs, endMs, intervals } = input;
  const measured: ConversationRecord[] = [];
  const byInterval: ConversationRecord[][] = Array.from({ length: intervals.count }, () => []);
  for (const r of input.records) {
    if (!(r.arrivedAt >= measureFromMs && r.arrivedAt < endMs)) continue;
    measured.push(r);
    const i = Math.floor((r.arrivedAt - intervals.startMs) / intervals.lengthMs);
    if (i >= 0 && i < intervals.count) byInterval[i]!.push(r);
  }

  const periods = periodsOf(input);
  const series: TimeSeries = {
    agents: agentTime(input.records, input.agentStates, input.agentCapacity, periods),
    queue: queueLength(input.records),
    waiting: waitingForAnswer(measured),
  };
  const periodSet = (records: readonly ConversationRecord[], p: number): KpiSet =>
    kpiSet(
      conversationKpis(records, input.serviceLevel),
      series,
      p,
      periods.from[p]!,
      periods.to[p]!,
    );
  return {
    total: periodSet(measured, 0),
    intervals: byInterval.map((records, i) => periodSet(records, i + 1)),
  };
}

interface TimeSeries {
  readonly agents: AgentTime;
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
): KpiSet {
  const { totalWaitMs, ...counts } = c;
  const spanMs = to - from;
  const hasTime = spanMs > 0;
  const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
  const { agents } = series;
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
