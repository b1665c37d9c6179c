import type { TenantConfig } from '../src/core/index.js';
// Deep imports on purpose: worker threads load this module, and the scenario module's index
// would bring the YAML parser and zod along (a third of a worker's start-up) for nothing.
import { type Behaviour, compileBehaviour } from '../src/scenario/behaviour.js';
import type { Scenario } from '../src/scenario/schema.js';
import type { ShrinkageSpec } from '../src/scenario/shrinkage.js';
import type { KpiFrame } from '../src/scenario/views.js';

/**
 * A scenario planned for the simulator (`planModel`, in sim/plan.ts): ids resolved to indexes,
 * rates to per-millisecond numbers, clock times to offsets. Plain data, so it crosses to worker
 * threads as is.
 */
export interface SimPlan {
  readonly scenario: Scenario;
  readonly tenant: TenantConfig;
  readonly intervalMs: number;
  readonly intervals: number;
  /** End of the last interval: arrivals stop here. */
  readonly horizonMs: number;
  readonly warmupMs: number;
  /** When the run stops: the horizon plus the drain. */
  readonly endMs: number;
  readonly sampleMs: number;
  readonly assets: readonly AssetModel[];
  readonly groups: readonly GroupModel[];
  readonly agents: readonly AgentModel[];
  /** Asset deletions, in time order. */
  readonly deletions: readonly { readonly asset: number; readonly atMs: number }[];
  /** What the KPIs of a replication are measured over (`kpiFrame`). */
  readonly kpiFrame: KpiFrame;
  /** Breaks and absenteeism; null when the scenario has none (the run is then as before). */
  readonly shrinkage: ShrinkageSpec | null;
}

/**
 * The plan with the scenario's behaviour compiled (`compileBehaviour`, src/scenario/behaviour.ts:
 * samplers in milliseconds, cumulative weights, transfer and conference targets with group
 * indexes). Made once per scenario per thread and shared by its replications; it holds no random
 * state.
 */
export interface SimModel extends SimPlan, Behaviour {}

export interface AssetModel {
  readonly index: number;
  readonly id: string;
  /** Arrival rate per millisecond, per interval. */
  readonly ratePerMs: Float64Array;
}

export interface GroupModel {
  readonly index: number;
  readonly id: string;
  /** Indexes into `SimModel.agents`, in id order. */
  readonly agents: readonly number[];
  /** Agents logged in per interval. */
  readonly staffing: Int32Array;
}

export interface AgentModel {
  readonly index: number;
  readonly id: string;
  readonly group: number;
  readonly capacity: number;
}

export function compileModel(plan: SimPlan): SimModel {
  return { ...plan, ...compileBehaviour(plan.scenario) };
}
