export { Checker, type CheckFailureContext, SimCheckError } from './checks.js';
export { EventScheduler, PRIORITY_NORMAL, PRIORITY_URGENT } from './eventScheduler.js';
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
export { formatShard, inShard, type Shard, shardIndexes, WHOLE_RUN } from './shard.js';
export type { SimCounts } from './simCounts.js';
export {
  assembleSummary,
  meanHistogram,
  meanSeries,
  type ReplicationData,
  type ReplicationRecord,
  replicationRecords,
  type SimulationSummary,
  type SummaryContext,
  type SummaryHeader,
  summarizeRun,
  summaryHeader,
} from './summary.js';
export type { TimeSeries } from './timeSeries.js';
export { type WaitHistogram, waitHistogram, waitHistogramEdges } from './waitHistogram.js';
