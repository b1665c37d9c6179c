import {
  agentIdsOf,
  arrivalsPerInterval,
  clockToOffsetMs,
  drainMs,
  horizonMs,
  intervalMs,
  kpiFrame,
  type Scenario,
  staffingPerInterval,
  toTenant,
  warmupMs,
} from '../src/scenario/index.js';
import { compileShrinkage, hasShrinkage } from '../src/scenario/shrinkage.js';
import type { AgentModel, AssetModel, GroupModel, SimPlan } from './model.js';

/**
 * Plans a scenario for the simulator: the router's tenant, arrival rates and staffing per
 * interval, agents by group and deletion times, all resolved once. Runs where the scenario was
 * loaded; the plan then goes to every worker as plain data, and the behaviour is compiled where
 * the model runs (`compileModel`).
 */
export function planModel(scenario: Scenario): SimPlan {
  const tenant = toTenant(scenario);
  const interval = intervalMs(scenario);
  const intervals = scenario.horizon.intervals;
  const arrivals = arrivalsPerInterval(scenario);
  const staffing = staffingPerInterval(scenario);

  const assets: AssetModel[] = scenario.tenant.assets.map((a, index) => ({
    index,
    id: a.id,
    ratePerMs: Float64Array.from(arrivals[a.id] ?? [], (n) => n / interval),
  }));
  const capacityById = new Map(tenant.agents.map((a) => [a.id, a.capacity ?? 1]));
  const agents: AgentModel[] = [];
  const groups: GroupModel[] = scenario.tenant.agentGroups.map((g, gi) => {
    const members: number[] = [];
    for (const id of agentIdsOf(g)) {
      members.push(agents.length);
      agents.push({ index: agents.length, id, group: gi, capacity: capacityById.get(id)! });
    }
    return {
      index: gi,
      id: g.id,
      agents: members,
      staffing: Int32Array.from(staffing[g.id] ?? new Array<number>(intervals).fill(0)),
    };
  });
  if (agents.some((a, i) => tenant.agents[i]?.id !== a.id)) {
    throw new Error('sim: the tenant agents are not the groups expanded in order');
  }

  return {
    scenario,
    tenant,
    intervalMs: interval,
    intervals,
    horizonMs: horizonMs(scenario),
    warmupMs: warmupMs(scenario),
    endMs: horizonMs(scenario) + drainMs(scenario),
    sampleMs: scenario.simulation.sampleSeconds * 1000,
    assets,
    groups,
    agents,
    deletions: scenario.behaviour.admin.assetDeletions
      .map((d) => ({
        asset: assets.findIndex((a) => a.id === d.asset),
        atMs: clockToOffsetMs(scenario, d.at),
      }))
      .filter((d) => d.asset >= 0)
      .sort((x, y) => x.atMs - y.atMs),
    kpiFrame: kpiFrame(scenario),
    shrinkage: hasShrinkage(scenario) ? compileShrinkage(scenario, staffing) : null,
  };
}
