import type { Scenario } from '../src/scenario/index.js';
import { identityPool } from './identityPool.js';
import { compileModel, type SimModel, type SimPlan } from './model.js';
import { planModel } from './plan.js';
import { type ReplicationOptions, type ReplicationResult, runReplication } from './runModel.js';

export { kpisOf, type ReplicationOptions, type ReplicationResult } from './runModel.js';

const plans = new WeakMap<Scenario, SimPlan>();
const models = new WeakMap<Scenario, SimModel>();

/** The plan of a scenario (plain data, for worker threads), made once per scenario object. */
export function planOf(scenario: Scenario): SimPlan {
  let plan = plans.get(scenario);
  if (!plan) {
    plan = planModel(scenario);
    plans.set(scenario, plan);
  }
  return plan;
}

/** The compiled model of a scenario, made once per scenario object. */
export function modelOf(scenario: Scenario): SimModel {
  let model = models.get(scenario);
  if (!model) {
    model = compileModel(planOf(scenario));
    models.set(scenario, model);
  }
  return model;
}

/**
 * Replication `index` of a scenario, in this thread. Depends only on (scenario, run seed,
 * index): replications run in any order, on any worker or machine, and give the same result.
 */
export function simulateReplication(
  scenario: Scenario,
  index: number,
  options: ReplicationOptions = {},
): ReplicationResult {
  return runReplication(
    modelOf(scenario),
    identityPool(options.seed ?? scenario.simulation.seed),
    index,
    options,
  );
}
