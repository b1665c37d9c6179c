import type { Scenario } from '../src/scenario/index.js';
import { SimError, SimErrorCode } from './simError.js';
import { MIN_STAFFING_REPLICATIONS } from './staffingBounds.js';

/**
 * What `ccsim staff` was asked, as data — recorded in staffing.json and in each shard's
 * staffing-candidates.json, so that `ccsim merge` compares requests field by field and rebuilds
 * the command line one machine was given. Shares are fractions, the target a level and a
 * threshold: the values the flags were read as, not the text typed.
 */
export interface StaffRequest {
  readonly file: string;
  readonly target?:
    | { readonly serviceLevel: number; readonly thresholdSeconds: number }
    | undefined;
  readonly maxOccupancy?: number | undefined;
  readonly shrinkage?: number | undefined;
  readonly group?: string | undefined;
  readonly replications?: number | undefined;
  readonly maxReplications?: number | undefined;
  readonly seed?: number | undefined;
  readonly confidence?: number | undefined;
  readonly maxSteps?: number | undefined;
  readonly window?: number | undefined;
  readonly shard?: string | undefined;
  readonly out?: string | undefined;
  readonly json?: boolean | undefined;
}

const percent = (x: number) => `${Number((x * 100).toFixed(4))}%`;

/**
 * The command line in one canonical order, without what never changes the result: --workers,
 * --no-report, and --window (which candidates shards evaluate ahead). Shares are written as
 * percents, which read back the same under the CLI's one convention.
 */
export function formatStaffCommand(r: StaffRequest): string {
  const parts = ['ccsim staff', r.file];
  const add = (flag: string, value: unknown) => {
    if (value !== undefined) parts.push(`--${flag} ${value}`);
  };
  add(
    'target',
    r.target && `${Number((r.target.serviceLevel * 100).toFixed(4))}/${r.target.thresholdSeconds}`,
  );
  add('max-occupancy', r.maxOccupancy === undefined ? undefined : percent(r.maxOccupancy));
  add('shrinkage', r.shrinkage === undefined ? undefined : percent(r.shrinkage));
  add('group', r.group);
  add('replications', r.replications);
  add('max-replications', r.maxReplications);
  add('seed', r.seed);
  add('confidence', r.confidence === undefined ? undefined : percent(r.confidence));
  add('max-steps', r.maxSteps);
  add('shard', r.shard);
  add('out', r.out);
  if (r.json) parts.push('--json');
  return parts.join(' ');
}

/** What the search runs with, resolved from the request and the scenario's defaults. */
export interface StaffSettings {
  readonly group: string;
  readonly capacity: number;
  readonly serviceLevel: number;
  readonly thresholdSeconds: number;
  readonly maxOccupancy: number | undefined;
  readonly shrinkage: number;
  /** Replications of a candidate's first look (R). */
  readonly replications: number;
  /** The most replications a candidate may take (the budget per candidate). */
  readonly maxReplications: number;
  /** The scenario's own replications when they were below the minimum (then raised to it). */
  readonly replicationsRaisedFrom: number | null;
  readonly seed: number;
  readonly confidence: number;
  readonly maxSteps: number;
  readonly window: number;
}

/** A candidate may double its replications twice: R, 2R, 4R (three looks). */
export const DEFAULT_REPLICATION_DOUBLINGS = 2;

/**
 * The request's values, or the scenario's; STAFF_GROUP when the group is unknown or unnamed,
 * STAFF_REPLICATIONS when fewer replications are asked than a decision needs. A scenario whose
 * own `simulation.replications` is below the minimum is raised to it (and the document says so).
 */
export function resolveSettings(scenario: Scenario, r: StaffRequest): StaffSettings {
  if (r.replications !== undefined && r.replications < MIN_STAFFING_REPLICATIONS) {
    throw new SimError(
      SimErrorCode.staffReplications,
      `--replications ${r.replications}: a staffing decision needs at least ${MIN_STAFFING_REPLICATIONS} replications per candidate (with fewer, its simultaneous bounds are too wide to show anything; docs/reports.md)`,
    );
  }
  const own = scenario.simulation.replications;
  const replications = r.replications ?? Math.max(MIN_STAFFING_REPLICATIONS, own);
  const maxReplications = r.maxReplications ?? replications * 2 ** DEFAULT_REPLICATION_DOUBLINGS;
  if (maxReplications < replications) {
    throw new SimError(
      SimErrorCode.staffReplications,
      `--max-replications ${maxReplications} is below the ${replications} replications a candidate starts with`,
    );
  }
  const groups = scenario.tenant.agentGroups;
  const ids = groups.map((g) => g.id).join(', ');
  const group = r.group ?? (groups.length === 1 ? groups[0]!.id : undefined);
  if (group === undefined) {
    throw new SimError(
      SimErrorCode.staffGroup,
      `the scenario has ${groups.length} agent groups; name the one to staff with --group (${ids})`,
    );
  }
  const found = groups.find((g) => g.id === group);
  if (!found) {
    throw new SimError(
      SimErrorCode.staffGroup,
      `--group ${group}: no such agent group; the groups are ${ids}`,
    );
  }
  return {
    group,
    capacity: found.capacity,
    serviceLevel: r.target?.serviceLevel ?? scenario.serviceLevel.target,
    thresholdSeconds: r.target?.thresholdSeconds ?? scenario.serviceLevel.thresholdSeconds,
    maxOccupancy: r.maxOccupancy,
    shrinkage: r.shrinkage ?? 0,
    replications,
    maxReplications,
    replicationsRaisedFrom:
      r.replications === undefined && own < MIN_STAFFING_REPLICATIONS ? own : null,
    seed: r.seed ?? scenario.simulation.seed,
    confidence: r.confidence ?? 0.95,
    maxSteps: r.maxSteps ?? 10,
    window: r.window ?? 3,
  };
}
