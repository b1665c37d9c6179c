export type * from './commands.js';
export {
  EFFECT_AGENT_STATE,
  EFFECT_DESKTOP,
  EFFECT_OTHER,
  EFFECT_RECORD,
  EFFECT_TIMER_CANCEL,
  EFFECT_TIMER_SET,
  EffectBuffer,
  type EffectKind,
} from './effectBuffer.js';
export type { DesktopEvent, Effect, OfferRevokedReason, WrapUpCause } from './effects.js';
export { type RouterError, RouterErrorCode, TenantConfigError } from './errors.js';
export { characterCount } from './handlers/send.js';
export { checkInvariants } from './invariants.js';
export { NeverEmptyMap } from './neverEmptyMap.js';
export type {
  AgentListEntry,
  AgentLoad,
  AgentOverview,
  AssetStatus,
  ConversationOverview,
  DesktopSnapshot,
  OpenConversation,
  PendingOffer,
  PendingTimer,
  QueueListEntry,
  RouterStats,
} from './queries.js';
export type * from './records.js';
export { type HandleResult, Router, type RouterOptions } from './router.js';
export {
  chooseAgent,
  leastLoaded,
  longestWaiting,
  type RoutableAgent,
  type RoutingPolicy,
  type RoutingPolicyName,
  routingPolicies,
} from './routingPolicy.js';
export { SmallMap, SmallSet } from './smallMap.js';
export { snapshot } from './snapshot.js';
export type { ConversationStatus } from './state.js';
export {
  type RouterStateExport,
  STATE_EXPORT_VERSION,
  StateRestoreError,
} from './stateExport.js';
export * from './tenant.js';
export { createViewMasker } from './viewMasker.js';
export * from './views.js';
export {
  OVERFLOW_RANK,
  SKILL_RANK,
  skillThenPriority,
  type WorkKey,
  type WorkOrder,
} from './workOrder.js';
