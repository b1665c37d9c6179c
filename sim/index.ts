export { Checker, type CheckFailureContext, SimCheckError } from './checks.js';
export { Engine } from './engine.js';
export type { IdentityPool, PoolText, SecretKind, SecretSpan } from './identities.js';
export { identityPool } from './identityPool.js';
export type { SimModel, SimPlan } from './model.js';
export { defaultWorkers, type RunReplicationsOptions, runReplications } from './pool.js';
export {
  kpisOf,
  modelOf,
  planOf,
  type ReplicationOptions,
  type ReplicationResult,
  simulateReplication,
} from './replication.js';
export {
  meanSeries,
  type ReplicationRecord,
  replicationRecords,
  type SimulationSummary,
  type SummaryContext,
  summarizeRun,
} from './summary.js';
export type { TimeSeries } from './timeSeries.js';
export type { CustomerTraceEvent } from './trace.js';
export type { SimCounts } from './world.js';
