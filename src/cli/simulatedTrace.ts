import { identityPool, simulateReplication } from '../../sim/index.js';
import type { AgentStateRecord, ConversationRecord } from '../core/index.js';
import type { KpiReport } from '../kpi/index.js';
import { TRACE_FORMAT, TRACE_VERSION, type Trace, type TraceEvent } from '../load/index.js';
import { drainMs, horizonMs, intervalMs, type Scenario, warmupMs } from '../scenario/index.js';

/** A simulated replication's customer side as a load-test trace, with what the run predicted. */
export interface SimulatedTrace {
  readonly trace: Trace;
  readonly records: readonly ConversationRecord[];
  readonly agentStates: readonly AgentStateRecord[];
  readonly kpis: KpiReport | null;
}

/**
 * Runs replication `replication` of the scenario under `seed` through the simulator and keeps
 * its customers' events, which are the trace's (one type, src/behaviour/customerTrace.ts), with
 * a header. The same scenario, seed and replication give the same trace, byte for byte once
 * formatted.
 */
export function simulateTrace(
  scenario: Scenario,
  options: { seed: number; replication: number },
): SimulatedTrace {
  const events: TraceEvent[] = [];
  const result = simulateReplication(scenario, options.replication, {
    seed: options.seed,
    keepRecords: true,
    onCustomerEvent: (e) => events.push(e),
  });
  // The engine emits in time order; a stable sort keeps ties in its order.
  events.sort((a, b) => a.at - b.at);
  let messages = 0;
  let abandons = 0;
  let secrets = 0;
  const customers = new Set<number>();
  for (const e of events) {
    customers.add(e.arrival);
    if (e.type === 'message') {
      messages++;
      secrets += e.secrets.length;
    } else abandons++;
  }
  const trace: Trace = {
    header: {
      type: 'header',
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      scenario: scenario.name,
      seed: options.seed,
      replication: options.replication,
      start: scenario.horizon.start,
      intervalMs: intervalMs(scenario),
      intervals: scenario.horizon.intervals,
      warmupMs: warmupMs(scenario),
      horizonMs: horizonMs(scenario),
      endMs: horizonMs(scenario) + drainMs(scenario),
      secretRate: scenario.load.secretRate,
      customers: customers.size,
      messages,
      abandons,
      secrets,
      agentTexts: [...identityPool(options.seed).agentTexts],
    },
    events,
  };
  return {
    trace,
    records: result.records ?? [],
    agentStates: result.agentStates ?? [],
    kpis: result.kpis,
  };
}
