import {
  agentIdsOf,
  type Behaviour,
  clockToOffsetMs,
  compileBehaviour,
  type Scenario,
  staffingPerInterval,
} from '../scenario/index.js';
import { compileShrinkage, hasShrinkage, type ShrinkageSpec } from '../scenario/shrinkage.js';

/**
 * The scenario read for live agent clients: who the agents are, the staffing plan, the asset
 * deletions, and the behaviour (`compileBehaviour`, the simulator's reading of the scenario:
 * samplers in scenario milliseconds, which the replayer divides by the speed-up), drawn from the
 * load test's own seeded streams.
 */

export interface AgentSpec {
  /** Position among all agents of the scenario (groups expanded in order). */
  readonly index: number;
  readonly id: string;
  readonly groupId: string;
  /** Position within its group (a segment's share of the staffing counts the first ones). */
  readonly position: number;
  readonly capacity: number;
}

export interface AgentModel {
  readonly agents: readonly AgentSpec[];
  readonly groups: readonly { readonly id: string; readonly agentIds: readonly string[] }[];
  readonly intervalMs: number;
  /** Agents logged in per interval, per group id (before shrinkage). */
  readonly staffing: Readonly<Record<string, readonly number[]>>;
  /**
   * Breaks and absenteeism, as the simulator reads them (null: none): each replication's plan
   * is `planShrinkage(shrinkage, seed)`, the simulator's (src/behaviour/shrinkagePlan.ts).
   */
  readonly shrinkage: ShrinkageSpec | null;
  readonly behaviour: Behaviour;
  /** Asset deletions by the administrator, in time order (ms from the horizon start). */
  readonly deletions: readonly { readonly assetId: string; readonly atMs: number }[];
}

export function compileAgentModel(scenario: Scenario): AgentModel {
  const agents: AgentSpec[] = [];
  const groups = scenario.tenant.agentGroups.map((g) => {
    const agentIds = agentIdsOf(g);
    agentIds.forEach((id, position) => {
      agents.push({ index: agents.length, id, groupId: g.id, position, capacity: g.capacity });
    });
    return { id: g.id, agentIds };
  });
  const staffing = staffingPerInterval(scenario);
  return {
    agents,
    groups,
    intervalMs: scenario.horizon.intervalMinutes * 60_000,
    staffing,
    shrinkage: hasShrinkage(scenario) ? compileShrinkage(scenario, staffing) : null,
    behaviour: compileBehaviour(scenario),
    deletions: scenario.behaviour.admin.assetDeletions
      .map((d) => ({ assetId: d.asset, atMs: clockToOffsetMs(scenario, d.at) }))
      .sort((x, y) => x.atMs - y.atMs),
  };
}
