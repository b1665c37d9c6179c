import type { AgentStatus } from '../src/core/index.js';
import {
  type Aggregated,
  type AggregatedKpiReport,
  aggregateReplications,
  type KpiReport,
  type RegressionGate,
  type ServiceLevelVerdict,
  type Summary,
  serviceLevelVerdict,
  summarize,
  type TargetRequirement,
} from '../src/kpi/index.js';
import {
  intervalLabels,
  type QueueServiceLevel,
  queueServiceLevels,
  type Scenario,
} from '../src/scenario/index.js';
import { drainWarnings, type SimulationWarning } from './drainWarning.js';
import type { OpenAtEnd } from './openAtEnd.js';
import type { ReplicationResult } from './replication.js';
import type { SimCounts } from './simCounts.js';
import { formatSimulateCommand, type SimulationRequest } from './simulationRequest.js';
import type { TimeSeries } from './timeSeries.js';
import type { WaitHistogram } from './waitHistogram.js';

/** What `ccsim simulate` writes to `summary.json` (docs/simulation.md describes every field). */
export interface SimulationSummary {
  readonly format: 'ccsim-simulation-summary/1';
  readonly ccsim: { readonly version: string };
  /** The command line that produced it, in canonical order (formatSimulateCommand of `request`). */
  readonly command: string;
  /** What the command was asked, as data (`ccsim merge` compares shards by it). */
  readonly request: SimulationRequest;
  readonly scenario: {
    readonly name: string;
    readonly file: string | null;
    readonly description: string | null;
  };
  readonly seed: number;
  readonly replications: number;
  /** The replication indexes merged here, in order (0..n-1 for a whole run). */
  readonly replicationIndexes: readonly number[];
  readonly horizon: Scenario['horizon'];
  /** The tenant's service level, and every queue's own (resolved: `queueServiceLevels`). */
  readonly serviceLevel: Omit<Scenario['serviceLevel'], 'queues'> & {
    readonly shortAbandonSeconds: number;
    readonly queues: Readonly<Record<string, QueueServiceLevel>>;
  };
  /** Start of each interval as "HH:MM". */
  readonly intervals: readonly string[];
  /** KPIs of the measured horizon and of each interval: mean, sd, n and 95% CI (Student t). */
  readonly kpis: AggregatedKpiReport;
  /** The simulator's own counts per replication (arrivals, in system, events...), summarised. */
  readonly counts: Aggregated<SimCounts>;
  /** The sampled time series, mean over replications. */
  readonly timeSeries: TimeSeries;
  /** Waits of the measured conversations in bins, mean count per replication (sim/waitHistogram.ts). */
  readonly waitHistogram: WaitHistogram | null;
  /** The scenario's service-level target over the day and per interval (src/kpi). */
  readonly verdict: ServiceLevelVerdict;
  /** Each queue's own service-level target, over the day and per interval, under its definition. */
  readonly queueVerdicts: Readonly<Record<string, ServiceLevelVerdict>>;
  /** What the numbers do not show: conversations still open when the drain ended (sim/drainWarning.ts). */
  readonly warnings: readonly SimulationWarning[];
  /** What `--baseline` and `--require-target` decided; null when neither was asked. */
  readonly gates: SimulationGates | null;
}

/** The gates of a run: exit 99 unless `passed`. */
export interface SimulationGates {
  readonly passed: boolean;
  readonly regression: (RegressionGate & { readonly against: string }) | null;
  readonly target: { readonly requirement: TargetRequirement; readonly passed: boolean } | null;
}

/** Everything in a summary but what is aggregated from the replications or decided after. */
export type SummaryHeader = Omit<
  SimulationSummary,
  | 'replications'
  | 'replicationIndexes'
  | 'kpis'
  | 'counts'
  | 'timeSeries'
  | 'waitHistogram'
  | 'verdict'
  | 'queueVerdicts'
  | 'warnings'
  | 'gates'
>;

/** What the aggregation reads of one replication: a ReplicationResult or a ReplicationRecord. */
export interface ReplicationData {
  readonly index: number;
  readonly counts: SimCounts;
  readonly kpis: KpiReport | null;
  readonly series: TimeSeries;
  readonly waits?: WaitHistogram | null;
  /** Named conversations open at the end (absent in records of runs that drained). */
  readonly open?: readonly OpenAtEnd[];
}

/** One replication in `replications.json`: what a later merge needs to redo the aggregation. */
export interface ReplicationRecord {
  readonly index: number;
  readonly seed: number;
  readonly counts: SimCounts;
  readonly kpis: KpiReport;
  /** The replication's own time series and wait histogram: a merge of shards averages them again. */
  readonly series: TimeSeries;
  readonly waits: WaitHistogram | null;
  /** Only when the replication ended with conversations open: see ReplicationResult.open. */
  readonly open?: readonly OpenAtEnd[];
}

export interface SummaryContext {
  readonly version: string;
  readonly request: SimulationRequest;
  readonly seed: number;
}

/**
 * Merges replication results (in index order) into the summary. Pure and order-stable: the same
 * results give the same object, so the same scenario and seed give the same bytes.
 */
export function summarizeRun(
  scenario: Scenario,
  results: readonly ReplicationResult[],
  context: SummaryContext,
): SimulationSummary {
  return assembleSummary(summaryHeader(scenario, context), results);
}

/** The fields of a summary that come from the scenario and the command, not the replications. */
export function summaryHeader(scenario: Scenario, context: SummaryContext): SummaryHeader {
  return {
    format: 'ccsim-simulation-summary/1',
    ccsim: { version: context.version },
    command: formatSimulateCommand(context.request),
    request: context.request,
    scenario: {
      name: scenario.name,
      file: context.request.file,
      description: scenario.description ?? null,
    },
    seed: context.seed,
    horizon: scenario.horizon,
    serviceLevel: {
      thresholdSeconds: scenario.serviceLevel.thresholdSeconds,
      target: scenario.serviceLevel.target,
      definition: scenario.serviceLevel.definition,
      shortAbandonSeconds: scenario.behaviour.customer.shortAbandonSeconds,
      queues: queueServiceLevels(scenario),
    },
    intervals: intervalLabels(scenario),
  };
}

/**
 * A header and replications (results, or records read back from replications.json: a merge of
 * shards) into a summary, aggregated in index order, with the fields in one fixed order: the
 * same replications give the same bytes whichever way they came.
 */
export function assembleSummary(
  header: SummaryHeader,
  results: readonly ReplicationData[],
): SimulationSummary {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const reports = sorted.map((r) => {
    if (r.kpis === null) throw new Error(`sim: replication ${r.index} has no KPIs`);
    return r.kpis;
  });
  const waits = sorted.map((r) => r.waits ?? null);
  const kpis = aggregateReplications(reports);
  const warmup = warmupIntervals(header.horizon);
  const queueVerdicts: Record<string, ServiceLevelVerdict> = {};
  // A shard written before per-queue service levels has none: its merge has no queue verdicts.
  for (const [id, sl] of Object.entries(header.serviceLevel.queues ?? {})) {
    const total = kpis.total.queues[id];
    if (!total) continue;
    queueVerdicts[id] = serviceLevelVerdict(
      {
        total: total.serviceLevel,
        intervals: kpis.intervals.map((k) => k.queues[id]!.serviceLevel),
      },
      sl.target,
      warmup,
    );
  }
  return {
    format: header.format,
    ccsim: { version: header.ccsim.version },
    command: header.command,
    request: header.request,
    scenario: {
      name: header.scenario.name,
      file: header.scenario.file,
      description: header.scenario.description,
    },
    seed: header.seed,
    replications: sorted.length,
    replicationIndexes: sorted.map((r) => r.index),
    horizon: header.horizon,
    serviceLevel: header.serviceLevel,
    intervals: header.intervals,
    kpis,
    counts: summarizeCounts(sorted.map((r) => r.counts)),
    timeSeries: meanSeries(sorted.map((r) => r.series)),
    waitHistogram: waits.every((w) => w !== null) ? meanHistogram(waits) : null,
    verdict: serviceLevelVerdict(
      {
        total: kpis.total.serviceLevel,
        intervals: kpis.intervals.map((k) => k.serviceLevel),
      },
      header.serviceLevel.target,
      warmup,
    ),
    queueVerdicts,
    warnings: drainWarnings(
      header.horizon,
      sorted.map((r) => ({ index: r.index, inSystem: r.counts.inSystem, open: r.open ?? [] })),
    ),
    gates: null,
  };
}

/** Which intervals lie wholly in the warm-up (they have no conversation KPIs). */
export function warmupIntervals(horizon: Scenario['horizon']): boolean[] {
  const { intervals, intervalMinutes, warmupMinutes } = horizon;
  return Array.from({ length: intervals }, (_, i) => (i + 1) * intervalMinutes <= warmupMinutes);
}

/** Bin by bin, the mean count over replications (all share one set of edges). */
export function meanHistogram(histograms: readonly WaitHistogram[]): WaitHistogram | null {
  const first = histograms[0];
  if (!first) return null;
  return {
    edgesSeconds: first.edgesSeconds,
    answered: meanOf(histograms.map((h) => h.answered)),
    abandoned: meanOf(histograms.map((h) => h.abandoned)),
  };
}

export function replicationRecords(results: readonly ReplicationResult[]): ReplicationRecord[] {
  return [...results]
    .sort((a, b) => a.index - b.index)
    .map((r) => ({
      index: r.index,
      seed: r.seed,
      counts: r.counts,
      kpis: r.kpis!,
      series: r.series,
      waits: r.waits,
      ...(r.open.length > 0 ? { open: r.open } : {}),
    }));
}

function summarizeCounts(counts: readonly SimCounts[]): Aggregated<SimCounts> {
  const out: Record<string, Summary> = {};
  for (const key of Object.keys(counts[0]!) as (keyof SimCounts)[]) {
    out[key] = summarize(counts.map((c) => c[key]));
  }
  return out as Aggregated<SimCounts>;
}

function meanOf(columns: readonly (readonly number[])[]): number[] {
  const n = columns.length;
  const length = Math.min(...columns.map((c) => c.length));
  const out = new Array<number>(length).fill(0);
  for (const column of columns) for (let i = 0; i < length; i++) out[i]! += column[i]!;
  for (let i = 0; i < length; i++) out[i]! /= n;
  return out;
}

/** Sample by sample, the mean over replications (all share one sampling grid). */
export function meanSeries(series: readonly TimeSeries[]): TimeSeries {
  const first = series[0]!;
  const waiting: Record<string, number[]> = {};
  for (const id of Object.keys(first.waiting)) {
    waiting[id] = meanOf(series.map((s) => s.waiting[id]!));
  }
  const agents = {} as Record<AgentStatus, number[]>;
  for (const status of Object.keys(first.agents) as AgentStatus[]) {
    agents[status] = meanOf(series.map((s) => s.agents[status]));
  }
  return {
    sampleSeconds: first.sampleSeconds,
    t: first.t.slice(0, Math.min(...series.map((s) => s.t.length))),
    waiting,
    agents,
    slots: {
      offered: meanOf(series.map((s) => s.slots.offered)),
      engaged: meanOf(series.map((s) => s.slots.engaged)),
      wrapUp: meanOf(series.map((s) => s.slots.wrapUp)),
      capacity: meanOf(series.map((s) => s.slots.capacity)),
    },
    ...(first.shift !== undefined
      ? {
          shift: {
            onShift: meanOf(series.map((s) => s.shift!.onShift)),
            onBreak: meanOf(series.map((s) => s.shift!.onBreak)),
          },
        }
      : {}),
  };
}
