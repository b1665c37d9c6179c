export {
  type Aggregated,
  type AggregatedKpiReport,
  type AggregatedKpiSet,
  aggregateReplications,
} from './aggregateReplications.js';
export {
  compareKpiSets,
  type KpiComparison,
  type KpiScope,
  type SummarySet,
  TOTAL_SCOPE,
} from './compareKpiSets.js';
export { type Comparison, compareSummaries } from './compareSummaries.js';
export { computeKpis } from './computeKpis.js';
export {
  type ConversationKpis,
  ConversationSums,
  conversationKpis,
} from './conversationKpis.js';
export {
  isKpiName,
  KPI_CATALOGUE,
  type KpiDirection,
  type KpiEntry,
  type KpiName,
  type KpiUnit,
  type OptionalKpiName,
  type QueueOnlyKpiName,
  RECONTACT_KPIS,
  type ScalarKpiName,
} from './kpiCatalogue.js';
export { KpiCollector, type KpiFrame } from './kpiCollector.js';
export { KpiError, type KpiErrorCode } from './kpiError.js';
export type {
  IntervalGrid,
  KpiInput,
  ServiceLevelDefinitionName,
  ServiceLevelSpec,
} from './kpiInput.js';
export type {
  ConversationKpiName,
  GroupKpiSet,
  KpiReport,
  KpiSet,
  LittlesLaw,
  QueueKpiSet,
  TransferredInKpis,
} from './kpiSet.js';
export { type MeanEvidence, meanEvidence } from './meanEvidence.js';
export { nearestRank } from './nearestRank.js';
export {
  type RecontactKpis,
  type RecontactLinks,
  recontactKpis,
  recontactLinks,
} from './recontactLinks.js';
export {
  checkTolerances,
  DEFAULT_TOLERANCES,
  type RegressionGate,
  regressionGate,
  type ScopeCoverage,
  tolerancesOf,
} from './regressionGate.js';
export { type ServiceLevelCounts, serviceLevelOf } from './serviceLevel.js';
export {
  type IntervalVerdict,
  type IntervalVerdictStatus,
  type ServiceLevelVerdict,
  serviceLevelVerdict,
  type TargetRequirement,
  type VerdictPoint,
  verdictPasses,
} from './serviceLevelVerdict.js';
export { studentTCdf, studentTQuantile } from './studentT.js';
export { type Summary, summarize } from './summarize.js';
