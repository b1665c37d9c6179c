import type { TraceEvent } from '../src/behaviour/customerTrace.js';
import type { IdentityPool } from '../src/behaviour/identities.js';
import type { AgentStateRecord, ConversationRecord } from '../src/core/index.js';
import { computeKpis, KpiCollector, type KpiReport } from '../src/kpi/index.js';
import { replicationSeed } from '../src/scenario/random.js';
import { Checker } from './checks.js';
import type { SimModel } from './model.js';
import type { OpenAtEnd } from './openAtEnd.js';
import { ReplicationRun } from './replicationRun.js';
import type { SimCounts } from './simCounts.js';
import type { TimeSeries } from './timeSeries.js';
import { WaitBins, type WaitHistogram, waitHistogramEdges } from './waitHistogram.js';

export interface ReplicationOptions {
  /** The run's seed; the scenario's `simulation.seed` when absent. */
  readonly seed?: number;
  /** Test mode: check invariants and conservation after every event (slow). */
  readonly check?: boolean;
  /** Return the conversation and agent-state records (default false: only KPIs travel). */
  readonly keepRecords?: boolean;
  /** Compute KPIs (default true; the benchmark turns them off to time the simulation alone). */
  readonly kpis?: boolean;
  /** Receives every final conversation record as it is made (`ccsim simulate --records`). */
  readonly onRecord?: (record: ConversationRecord) => void;
  /** Receives the customer side of the run, event by event (a load-test trace). */
  readonly onCustomerEvent?: (event: TraceEvent) => void;
}

export interface ReplicationResult {
  readonly index: number;
  /** The replication's own seed, derived from (run seed, index). */
  readonly seed: number;
  readonly counts: SimCounts;
  /** Null when `kpis: false`. */
  readonly kpis: KpiReport | null;
  readonly series: TimeSeries;
  /** Waits of the measured conversations in bins (the report's distribution); null with `kpis: false`. */
  readonly waits: WaitHistogram | null;
  /** Conversations still open when the drain ended, earliest first, at most OPEN_NAMED. */
  readonly open: readonly OpenAtEnd[];
  readonly records?: readonly ConversationRecord[];
  readonly agentStates?: readonly AgentStateRecord[];
}

/**
 * Replication `index` of a compiled model. Depends only on (scenario, run seed, index):
 * replications run in any order, on any worker or machine, and give the same result.
 */
export function runReplication(
  model: SimModel,
  pool: IdentityPool,
  index: number,
  options: ReplicationOptions = {},
): ReplicationResult {
  const runSeed = options.seed ?? model.scenario.simulation.seed;
  const seed = replicationSeed(runSeed, index);
  const wantKpis = options.kpis ?? true;
  // KPIs and the wait histogram take each record as it is made; records are kept only on request.
  const kpis = wantKpis ? new KpiCollector(model.kpiFrame) : null;
  const waits = wantKpis ? waitBinsOf(model) : null;
  const onRecord = options.onRecord ?? null;
  const run = new ReplicationRun(model, {
    seed,
    replication: index,
    pool,
    keepRecords: options.keepRecords ?? false,
    ...(kpis !== null || onRecord !== null
      ? {
          onRecord: (record: ConversationRecord) => {
            kpis?.add(record);
            waits?.add(record);
            onRecord?.(record);
          },
        }
      : {}),
    ...(options.check ? { checker: new Checker(runSeed, index) } : {}),
    ...(options.onCustomerEvent ? { onCustomerEvent: options.onCustomerEvent } : {}),
  });
  run.run();
  return {
    index,
    seed,
    counts: run.counts,
    kpis: kpis?.report(run.agentStates) ?? null,
    series: run.series.series,
    waits: waits?.histogram() ?? null,
    open: run.open,
    ...(options.keepRecords ? { records: run.records, agentStates: run.agentStates } : {}),
  };
}

/** KPIs of one replication's records over the measured horizon (after warm-up, before drain). */
export function kpisOf(
  model: SimModel,
  records: readonly ConversationRecord[],
  agentStates: readonly AgentStateRecord[],
): KpiReport {
  return computeKpis({ records, agentStates, ...model.kpiFrame });
}

/** The wait histogram of one replication's measured conversations, filled as records come. */
function waitBinsOf(model: SimModel): WaitBins {
  const { scenario } = model;
  const edges = waitHistogramEdges(
    scenario.serviceLevel.thresholdSeconds,
    scenario.behaviour.customer.shortAbandonSeconds,
  );
  return new WaitBins(edges, model.warmupMs, model.horizonMs);
}
