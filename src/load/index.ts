export {
  ABANDON_PATH,
  type AbandonMode,
  type AbandonOutcome,
  AbandonReplayer,
  type AbandonReplayerOptions,
  abandonOutcome,
  planAbandons,
  type ScheduledAbandon,
} from './abandonReplayer.js';
export { AdminClient } from './adminClient.js';
export { type AgentModel, compileAgentModel } from './agentModel.js';
export {
  alignClocks,
  type ClockAlignment,
  type ClockSample,
  toScenarioMs,
} from './clockAlignment.js';
export {
  CustomerReplayer,
  type CustomerReplayerOptions,
  type ScheduledWebhook,
  type WebhookOutcome,
} from './customerReplayer.js';
export { ErrorCounts } from './errorCounts.js';
export { formatLoadSummary, formatMs } from './formatSummary.js';
export { type GraphSink, type SinkMessage, startGraphSink } from './graphSink.js';
export { HttpClientError, HttpPool, type HttpResponse } from './httpClient.js';
export { formatK6Trace, K6_TRACE_FORMAT, type K6TraceDocument, toK6Trace } from './k6Trace.js';
export {
  encodedForms,
  LeakDetector,
  type LeakEncoding,
  type LeakHit,
  type Secret,
} from './leakDetector.js';
export { type LiveRunCounts, LoadLiveSampler } from './liveSampler.js';
export { LoadError, LoadErrorCode } from './loadError.js';
export {
  type LoadProgress,
  type LoadTarget,
  type LoadTestOptions,
  type LoadTestResult,
  type PreparedLoadTest,
  prepareLoadTest,
} from './loadRun.js';
export { type CustomerAccount, type LossReport, MessageLedger } from './messageLedger.js';
export { Counter, LoadMetrics, Rate, Trend, type TrendSummary } from './metrics.js';
export { opaqueMessageId } from './opaqueMessageId.js';
export { type ComparisonRow, compareKpis, kpisOfRecords } from './predicted.js';
export { type ReplayClock, systemClock } from './replayClock.js';
export {
  type IdentifiedMessage,
  ReplayMessageIds,
  type ResolvedMessage,
  whatsappStyleMessageId,
} from './replayMessageIds.js';
export { formatSegment, inSegment, parseSegment, type Segment, WHOLE } from './segment.js';
export type { AbandonInfo, LoadSummary } from './summary.js';
export {
  evaluateThreshold,
  type MetricType,
  type MetricValues,
  parseThreshold,
  parseThresholds,
  type Threshold,
  type ThresholdResult,
} from './thresholds.js';
export {
  parseMessageId,
  replayMessageId,
  TRACE_FORMAT,
  TRACE_VERSION,
  type Trace,
  type TraceAbandon,
  type TraceEvent,
  type TraceHeader,
  type TraceMessage,
} from './trace.js';
export { formatTraceNdjson, parseTraceNdjson } from './traceFormat.js';
export { displayDigits, signature, webhookBody } from './webhook.js';
