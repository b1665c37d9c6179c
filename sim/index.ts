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
export { SimError, SimErrorCode } from './simError.js';
export {
  type MergeRequest,
  mergeSimulationShards,
  type ShardOutput,
} from './simulationMerge.js';
export { formatSimulateCommand, type SimulationRequest } from './simulationRequest.js';
export {
  type StaffedVerification,
  type StaffedVerificationOptions,
  type VerifiedInterval,
  verifyStaffedScenario,
} from './staffedVerification.js';
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
export { type WaitHistogram, waitHistogram, waitHistogramEdges } from './waitHistogram.js';
