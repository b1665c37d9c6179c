export { AgentDecisions } from './agentDecisions.js';
export {
  AgentMind,
  type AgentSlot,
  type AgentStreams,
  agentSlot,
  type OfferKind,
  SLOT_ACTIVE,
  SLOT_GONE,
  SLOT_OFFERED,
  SLOT_WRAP_UP,
} from './agentMind.js';
export {
  BehaviourModel,
  type BehaviourModelOptions,
  type CustomerSideOptions,
} from './behaviourModel.js';
export {
  ConversationHandling,
  MAX_RELISTS,
  type SkippedHandOvers,
} from './conversationHandling.js';
export {
  type ConversationMind,
  conversationMind,
  OWNER_END,
  OWNER_REPLY,
} from './conversationMind.js';
export { CustomerDecisions } from './customerDecisions.js';
export { type CustomerMind, customerMind } from './customerMind.js';
export {
  type TraceAbandon,
  type TraceEvent,
  type TraceMessage,
  traceMessageId,
} from './customerTrace.js';
export { type ListedAgent, mostFreeSlots } from './handOverTarget.js';
export {
  customerIdentity,
  customerText,
  type IdentityPool,
  type PoolText,
  type SecretKind,
  type SecretSpan,
} from './identities.js';
export {
  drawHandOvers,
  type FirstOwnerSchedule,
  type HandOverDraw,
  messageCount,
  nextHandleTimeStep,
  pick,
  planDialogueRounds,
  planHandleTime,
  slowdownFor,
} from './planning.js';
export type { AgentPort, BehaviourClock, CustomerPort } from './ports.js';
export { type BreakMember, breakTaker, type ShiftMember, shiftChanges } from './shiftChanges.js';
export { planShrinkage, type ScheduledBreak, type ShrinkagePlan } from './shrinkagePlan.js';
export { agentStreams, ConversationStreams, type DecisionStreams } from './streams.js';
export {
  NO_WAKE,
  REACTION_WAKES,
  WAKE_ACCEPT,
  WAKE_BREAK_END,
  WAKE_CONSULT_DONE,
  WAKE_FOLLOW_UP,
  WAKE_LOGOUT,
  WAKE_NAMES,
  WAKE_OWNER,
  WAKE_PATIENCE,
  WAKE_RONA_IDLE,
  WAKE_RONA_RETURN,
  WAKE_WRAP_UP,
  type WakeKind,
} from './wakes.js';
