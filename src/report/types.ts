import type { AggregatedKpiReport, KpiSet, ServiceLevelVerdict, Summary } from '../kpi/index.js';

/**
 * What the report reads, as structural types: `src/report` imports only KPI types (DESIGN.md), so
 * it states the shape it needs and the simulator's `SimulationSummary`, the load test's
 * `LoadSummary` and the staffing search's result satisfy them without being imported here.
 */

/** The simulation summary (`summary.json` of `ccsim simulate`, docs/simulation.md). */
export interface SimulationReportInput {
  readonly ccsim: { readonly version: string };
  readonly command: string;
  readonly scenario: {
    readonly name: string;
    readonly file: string | null;
    readonly description: string | null;
  };
  readonly seed: number;
  readonly replications: number;
  readonly replicationIndexes: readonly number[];
  readonly horizon: {
    readonly start: string;
    readonly intervalMinutes: number;
    readonly intervals: number;
    readonly warmupMinutes: number;
    readonly drainMinutes: number;
  };
  readonly serviceLevel: {
    readonly thresholdSeconds: number;
    readonly target: number;
    readonly definition: string;
    readonly shortAbandonSeconds: number;
    /** Each queue's own service level (absent in a summary from before them). */
    readonly queues?: Readonly<
      Record<
        string,
        { readonly thresholdSeconds: number; readonly target: number; readonly definition: string }
      >
    >;
  };
  readonly intervals: readonly string[];
  readonly kpis: AggregatedKpiReport;
  readonly counts: Readonly<Record<string, Summary>>;
  readonly timeSeries: {
    readonly sampleSeconds: number;
    readonly t: readonly number[];
    readonly waiting: Readonly<Record<string, readonly number[]>>;
    readonly agents: Readonly<Record<string, readonly number[]>>;
    readonly slots: {
      readonly offered: readonly number[];
      readonly engaged: readonly number[];
      readonly wrapUp: readonly number[];
      readonly capacity: readonly number[];
    };
    /** With breaks or absenteeism only: agents on shift and, of them, on a break. */
    readonly shift?: { readonly onShift: readonly number[]; readonly onBreak: readonly number[] };
  };
  readonly waitHistogram?: {
    readonly edgesSeconds: readonly number[];
    readonly answered: readonly number[];
    readonly abandoned: readonly number[];
  } | null;
  /** The service-level target over the day and per interval; warm-up intervals marked. */
  readonly verdict: ServiceLevelVerdict;
  /** Each queue's own target (absent in a summary from before per-queue service levels). */
  readonly queueVerdicts?: Readonly<Record<string, ServiceLevelVerdict>>;
  /** What the numbers do not show (conversations open when the drain ended); older summaries lack it. */
  readonly warnings?: readonly { readonly code: string; readonly message: string }[];
}

/** One check of a gate (a threshold, a KPI against its baseline): one JUnit test case. */
export interface GateCheck {
  /** The group, e.g. `regression` or `thresholds` (the JUnit classname's last part). */
  readonly group: string;
  /** E.g. `serviceLevel` or `webhook_ack: p(99)<25`. */
  readonly name: string;
  readonly ok: boolean;
  /** One line: what was compared and how it came out. */
  readonly message: string;
  /** More lines for the failure body (numbers, p-value...). */
  readonly details?: readonly string[];
  /**
   * A check not asked to decide the run (the verdict without --require-target): JUnit reports it
   * as skipped, with this reason, when it did not hold. `ok` stays true: it fails nothing.
   */
  readonly skipped?: string;
}

/** The gates' outcome on the page: what was compared with what. */
export interface GateReport {
  readonly title: string;
  /** E.g. `baseline reports/base/summary.json`. */
  readonly against?: string;
  readonly checks: readonly GateCheck[];
  /** What the gate could not check, e.g. queues an older baseline has no KPIs for. */
  readonly notes?: readonly string[];
}

/** `staffing.json` of `ccsim staff` (the search: sim/staffing.ts; docs/reports.md). */
export interface StaffingReportInput {
  readonly ccsim: { readonly version: string };
  readonly command: string;
  readonly scenario: {
    readonly name: string;
    readonly file: string;
    readonly description: string | null;
  };
  readonly group: string;
  readonly capacity: number;
  readonly target: {
    readonly serviceLevel: number;
    readonly thresholdSeconds: number;
    readonly definition: string;
    readonly maxOccupancy: number | null;
  };
  readonly shrinkage: number;
  readonly confidence: number;
  readonly replications: number;
  readonly maxReplications: number;
  readonly seed: number;
  readonly method: {
    readonly estimate: string;
    readonly slotSeconds: number;
    readonly intervals: number;
    readonly looks: readonly number[];
    readonly replicationsRaisedFrom: number | null;
  };
  readonly intervals: readonly StaffingReportInterval[];
  readonly total: {
    readonly currentIntervals: number;
    readonly agentIntervals: number;
    readonly scheduledIntervals: number;
    readonly erlangIntervals: number;
    readonly serviceLevel: Summary;
    readonly occupancy: Summary;
    readonly uncertain: number;
    readonly replications: number;
  };
  readonly search: {
    readonly evaluations: number;
    readonly steps: readonly {
      readonly phase: string;
      readonly offset: number | null;
      readonly agents: readonly number[];
      readonly replications: number;
      readonly serviceLevel: readonly (number | null)[];
      readonly undecided: number;
    }[];
  };
}

export interface StaffingReportInterval {
  readonly label: string;
  readonly warmup: boolean;
  readonly offered: number;
  readonly current: number;
  readonly erlang: number;
  readonly agents: number;
  readonly scheduled: number;
  readonly serviceLevel: Summary;
  readonly occupancy: Summary;
  /** `met`, `uncertain`, `unmet`, `warm-up`, `no-traffic`. */
  readonly status: string;
  readonly decision: {
    readonly reason: string | null;
    readonly serviceLevel: { readonly low: number | null; readonly high: number | null };
    readonly occupancy: { readonly low: number | null; readonly high: number | null };
    readonly replications: number;
    readonly t: number | null;
    readonly evidence?: {
      readonly above: number;
      readonly below: number;
      readonly needed: number;
    } | null;
  } | null;
}

export type { KpiSet };
