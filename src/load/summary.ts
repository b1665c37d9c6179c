import type { KpiSet } from '../kpi/index.js';
import type { ClockAlignment } from './clockAlignment.js';
import type { LossReport } from './messageLedger.js';
import type { MetricSummary } from './metrics.js';
import type { ComparisonRow } from './predicted.js';
import type { ThresholdResult } from './thresholds.js';

/**
 * `summary.json` of a load test: everything the terminal summary shows, machine-readable, for
 * CI gates (`--baseline`), JUnit and HTML reports. Times in milliseconds unless a name says
 * seconds; latencies in `metrics` are milliseconds on the replayer's clock (real time).
 */
export interface LoadSummary {
  readonly kind: 'ccsim-loadtest';
  readonly version: 1;
  readonly ccsim: string;
  readonly command: string;
  readonly scenario: { readonly name: string; readonly file: string };
  readonly seed: number;
  readonly replication: number;
  /** `i/n`. */
  readonly segment: string;
  readonly speed: number;
  /** The tag in this run's message ids (`wamid.<tag>.<arrival>.<seq>`). */
  readonly runTag: string;
  readonly target: { readonly url: string; readonly reference: boolean };
  readonly startedAt: string;
  readonly run: RunInfo;
  readonly trace: TraceInfo;
  readonly metrics: Readonly<Record<string, MetricSummary>>;
  readonly thresholds: { readonly ok: boolean; readonly results: readonly ThresholdResult[] };
  readonly checks: Checks;
  /** Errors by source (`webhook`, `agent`, `sink`) and code. */
  readonly errors: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly agents: AgentInfo;
  readonly timeline: { readonly stepSeconds: number; readonly series: Record<string, number[]> };
  /** The trace's abandons and what became of them (docs/load.md). */
  readonly abandons: AbandonInfo;
  readonly predictedVsMeasured: PredictedVsMeasured;
}

/**
 * The trace's abandons, sent through the load-test extension `POST /admin/customers/abandon`
 * when the target has it. `sent` = `applied` + `refused` + `failed` once every answer is in.
 */
export interface AbandonInfo {
  readonly mode: 'auto' | 'on' | 'off';
  /** Sent through the extension (mode `on`, or `auto` and the target has it). */
  readonly replayed: boolean;
  /** Why not, when not. */
  readonly reason?: string;
  /** This segment's abandons in the trace (as `trace.abandons`). */
  readonly trace: number;
  /** Those within the run's planned time. */
  readonly scheduled: number;
  readonly sent: number;
  /** The customer was still waiting: the deployment recorded an abandon. */
  readonly applied: number;
  /** The customer was not waiting any more: a live agent answered first, or nothing was open. */
  readonly refused: number;
  readonly refusedByCode: Readonly<Record<string, number>>;
  /** No answer or another error (`errors.abandon`). */
  readonly failed: number;
}

export interface RunInfo {
  readonly realSeconds: number;
  /** Scenario time covered: real seconds × speed. */
  readonly scenarioSeconds: number;
  /** Horizon + drain, or the --duration cap, in scenario seconds. */
  readonly plannedScenarioSeconds: number;
  /**
   * `completed`: every message sent and every conversation final; `horizon`: the horizon and
   * drain were over; `duration`: the --duration cap; `interrupted`: a signal.
   */
  readonly endReason: 'completed' | 'horizon' | 'duration' | 'interrupted';
}

export interface TraceInfo {
  /** This segment's share. */
  readonly customers: number;
  readonly messages: number;
  /** Simulated abandons of this segment (sent or not: `LoadSummary.abandons`). */
  readonly abandons: number;
  /** Messages left out because they fall after the --duration cap. */
  readonly cutByDuration: number;
  /** The whole trace. */
  readonly customersTotal: number;
  /** Ground-truth secrets the leak check searches for (all of the trace's). */
  readonly secrets: number;
}

export interface LeakExample {
  readonly agentId: string;
  readonly frame: string;
  readonly kind: string;
  readonly messageId: string;
}

export interface Checks {
  readonly leaks: {
    readonly count: number;
    readonly maskingEnabled: boolean;
    readonly framesScanned: number;
    readonly examples: readonly LeakExample[];
  };
  readonly loss: LossReport & {
    readonly duplicateDeliveries: number;
    readonly ackDuplicates: number;
  };
}

export interface AgentInfo {
  readonly count: number;
  readonly disconnects: number;
  readonly transfersSkipped: number;
  readonly conferencesSkipped: number;
  /** Agent replies the sink never received (still outstanding at the end). */
  readonly repliesNotDelivered: number;
  /** Sink messages that matched no agent reply of this run. */
  readonly sinkUnmatched: number;
}

export type PredictedVsMeasured =
  | {
      readonly available: true;
      readonly clock: ClockAlignment;
      readonly rows: readonly ComparisonRow[];
      /** The same per queue (each queue's own SL definition), for the queues both sides have. */
      readonly queues: Readonly<Record<string, readonly ComparisonRow[]>>;
      /** Over the measured horizon (after warm-up, before the drain). */
      readonly simulated: KpiSet;
      readonly measured: KpiSet;
      /** The same per interval of the scenario. */
      readonly intervals: {
        readonly simulated: readonly KpiSet[];
        readonly measured: readonly KpiSet[];
      };
      /** Records of this run's customers that the comparison used. */
      readonly measuredRecords: number;
      readonly notes: readonly string[];
    }
  | { readonly available: false; readonly reason: string };
