import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import type { Scenario } from '../scenario/index.js';
import { alignAgentState, alignRecord, type ClockAlignment } from './clockAlignment.js';
import { compareKpis, compareQueueKpis, kpisOfRecords } from './predicted.js';
import type { Segment } from './segment.js';
import type { ArrivalInfo } from './segmentShare.js';
import type { AbandonInfo, PredictedVsMeasured, RunInfo } from './summary.js';

/**
 * The simulator's records of the traced replication against the deployment's records of the same
 * customers, both on the scenario's clock, through the same KPIs; with notes on what makes the
 * two columns differ by design (segments, a cut run, abandons not sent).
 */
export function predictedVsMeasured(input: {
  readonly scenario: Scenario;
  readonly simulated: {
    readonly records: readonly ConversationRecord[];
    readonly agentStates: readonly AgentStateRecord[];
  } | null;
  readonly segment: Segment;
  readonly arrivals: ReadonlyMap<number, ArrivalInfo>;
  /** Null without an admin token: the finished records cannot be read. */
  readonly measured: {
    readonly records: readonly ConversationRecord[];
    readonly agentStates: readonly AgentStateRecord[];
  } | null;
  readonly alignment: ClockAlignment | null;
  readonly endReason: RunInfo['endReason'];
  readonly abandons: AbandonInfo;
}): PredictedVsMeasured {
  const { scenario, segment, measured, alignment, endReason, abandons } = input;
  if (measured === null) {
    return { available: false, reason: 'no admin token: the finished records cannot be read' };
  }
  if (alignment === null) {
    return { available: false, reason: 'no clock sample from the deployment' };
  }
  if (input.simulated === null) {
    return { available: false, reason: 'no simulated run to compare with' };
  }
  const customers = new Set([...input.arrivals.values()].map((a) => a.customerId));
  const simRecords = input.simulated.records.filter((r) => customers.has(r.customerId));
  const simulatedReport = kpisOfRecords(scenario, simRecords, input.simulated.agentStates);
  const measuredReport = kpisOfRecords(
    scenario,
    measured.records.map((r) => alignRecord(alignment, r)),
    measured.agentStates.map((s) => alignAgentState(alignment, s)),
  );
  const simulatedTotal = simulatedReport.total;
  const measuredTotal = measuredReport.total;
  const notes: string[] = [];
  if (segment.count > 1) {
    notes.push(
      `segment ${segment.index}/${segment.count}: both columns count this segment's customers only`,
    );
  }
  if (endReason !== 'completed') {
    notes.push(
      `the run was cut (${endReason}): conversations still open have no record and are not measured`,
    );
  }
  if (abandons.replayed && abandons.trace > 0) {
    const cut = abandons.trace - abandons.sent;
    notes.push(
      `${abandons.sent} of ${abandons.trace} simulated abandons sent through the load-test extension ` +
        `(${abandons.applied} abandoned, ${abandons.refused} refused: answered live before their time or nothing open` +
        `${abandons.failed > 0 ? `, ${abandons.failed} failed` : ''}${cut > 0 ? `, ${cut} not sent` : ''})`,
    );
  } else if (abandons.trace > 0) {
    notes.push(
      `simulated abandons not sent (${abandons.reason}): the Cloud API has no abandon signal, so simulated customers who gave up are served live (measured abandonment counts only what the deployment records)`,
    );
  }
  return {
    available: true,
    clock: alignment,
    rows: compareKpis(simulatedTotal, measuredTotal),
    queues: compareQueueKpis(simulatedTotal, measuredTotal),
    simulated: simulatedTotal,
    measured: measuredTotal,
    intervals: { simulated: simulatedReport.intervals, measured: measuredReport.intervals },
    measuredRecords: measured.records.length,
    notes,
  };
}
