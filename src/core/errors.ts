/**
 * Why the router refused a command. Codes are stable: the server maps them to error frames and
 * HTTP statuses, tests and clients branch on them.
 */
export const RouterErrorCode = {
  invalidCommand: 'INVALID_COMMAND',
  unknownAgent: 'UNKNOWN_AGENT',
  unknownQueue: 'UNKNOWN_QUEUE',
  unknownAsset: 'UNKNOWN_ASSET',
  assetDeleted: 'ASSET_DELETED',
  unknownConversation: 'UNKNOWN_CONVERSATION',
  unknownIdleCode: 'UNKNOWN_IDLE_CODE',
  unknownWrapUpReason: 'UNKNOWN_WRAPUP_REASON',
  invalidStateTransition: 'INVALID_STATE_TRANSITION',
  agentHasConversations: 'AGENT_HAS_CONVERSATIONS',
  agentLoggedOut: 'AGENT_LOGGED_OUT',
  notOffered: 'NOT_OFFERED_TO_AGENT',
  notParticipant: 'NOT_A_PARTICIPANT',
  notOwner: 'NOT_CONVERSATION_OWNER',
  conversationNotActive: 'CONVERSATION_NOT_ACTIVE',
  conversationInterrupted: 'CONVERSATION_INTERRUPTED',
  messageEmpty: 'MESSAGE_EMPTY',
  messageTooLong: 'MESSAGE_TOO_LONG',
  targetUnavailable: 'TARGET_AGENT_UNAVAILABLE',
  targetIsSelf: 'TARGET_IS_SELF',
  conferenceInProgress: 'CONFERENCE_IN_PROGRESS',
  noConference: 'NO_CONFERENCE',
  notInWrapUp: 'NOT_IN_WRAPUP',
  notWaiting: 'CONVERSATION_NOT_WAITING',
  queueFull: 'QUEUE_FULL',
} as const;

export type RouterErrorCode = (typeof RouterErrorCode)[keyof typeof RouterErrorCode];

export interface RouterError {
  readonly code: RouterErrorCode;
  readonly message: string;
}

/** Thrown only at construction, for a tenant that cannot be routed (a shell configuration bug). */
export class TenantConfigError extends Error {
  readonly code = 'TENANT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'TenantConfigError';
  }
}
