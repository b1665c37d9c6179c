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
export { formatShard, inShard, type Shard, shardIndexes, WHOLE_RUN } from './shard.js';
export { SimError, SimErrorCode } from './simError.js';
export {
  type MergeRequest,
  mergeSimulationShards,
  type ShardOutput,
} from './simulationMerge.js';
export { formatSimulateCommand, type SimulationRequest } from './simulationRequest.js';
export {
  type CandidateEvaluation,
  candidateOffsets,
  type IntervalStatus,
  type StaffingStep,
  shiftedVector,
  simulationEvaluator,
} from './staffing.js';
export { MIN_STAFFING_REPLICATIONS } from './staffingBounds.js';
export { erlangEstimates } from './staffingEstimate.js';
export {
  CANDIDATES_FILE,
  checkStaffingShards,
  mergeStaffingShards,
  type StaffingCandidatesFile,
  type StaffingShard,
} from './staffingMerge.js';
export {
  formatStaffCommand,
  resolveSettings,
  type StaffRequest,
  type StaffSettings,
} from './staffingRequest.js';
export {
  runStaffing,
  type StaffingDocument,
  type StaffingInterval,
  type StaffRunContext,
  settingsEvaluator,
} from './staffingRun.js';
export {
  assembleSummary,
  meanHistogram,
  meanSeries,
  type ReplicationData,
  type ReplicationRecord,
  replicationRecords,
  type SimulationGates,
  type SimulationSummary,
  type SummaryContext,
  type SummaryHeader,
  summarizeRun,
  summaryHeader,
  warmupIntervals,
} from './summary.js';
export type { TimeSeries } from './timeSeries.js';
export type { CustomerTraceEvent } from './trace.js';
export { type WaitHistogram, waitHistogram, waitHistogramEdges } from './waitHistogram.js';
export type { SimCounts } from './world.js';
