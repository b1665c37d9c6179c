export {
  type AgentBehaviour,
  type Behaviour,
  type ConferencePlan,
  type CustomerBehaviour,
  compileBehaviour,
  type HandOverPlan,
  type HandOverTarget,
} from './behaviour.js';
export { clockMinutes, formatClock } from './clock.js';
export { didYouMean } from './didYouMean.js';
export {
  meanOf,
  normalQuantile,
  type Sampler,
  sampler,
  varianceOf,
} from './distributions.js';
export {
  formatIssue,
  ScenarioError,
  ScenarioErrorCode,
  type ScenarioIssue,
} from './errors.js';
export { scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema.js';
export { loadScenario } from './load.js';
export { parseScenario } from './parse.js';
export {
  type QueueServiceLevel,
  queueServiceLevels,
} from './queueServiceLevels.js';
export {
  createRandom,
  fmix32,
  hashString,
  type Random,
  replicationSeed,
  xoshiro128FromState,
} from './random.js';
export * from './schema.js';
export {
  agentIdsOf,
  agentTokens,
  arrivalsPerInterval,
  clockToOffsetMs,
  drainMs,
  horizonMs,
  intervalLabels,
  intervalMs,
  type KpiFrame,
  kpiFrame,
  servedQueues,
  staffingPerInterval,
  toTenant,
  warmupMs,
} from './views.js';
