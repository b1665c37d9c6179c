/**
 * Everything that can happen to the router, as plain serialisable objects. The simulator
 * produces them in virtual time, the server in real time; the server journals them so that a
 * replay through a fresh router rebuilds the same state.
 */

/** Who a customer is, as the WhatsApp webhook gives it. */
export interface CustomerIdentity {
  /** Stable customer id: the WhatsApp id (wa_id), i.e. the phone number in digits. */
  readonly id: string;
  /** Profile name; may itself be a phone number (SPEC R13). */
  readonly name: string;
  /** The customer's phone number as displayed, e.g. "+447966197542". */
  readonly phone: string;
}

export interface CustomerMessage {
  readonly type: 'customer.message';
  /** Asset (phone_number_id) the customer wrote to. */
  readonly assetId: string;
  readonly customer: CustomerIdentity;
  /** The shell's id for this message (WhatsApp message id); carried into events. */
  readonly messageId: string;
  readonly text: string;
}

/** The customer gives up while waiting (queued or offered); the shell decides when. */
export interface CustomerAbandon {
  readonly type: 'customer.abandon';
  readonly conversationId: string;
}

export type SettableAgentStatus = 'Available' | 'Idle' | 'LoggedOut';

export interface AgentSetState {
  readonly type: 'agent.setState';
  readonly agentId: string;
  readonly status: SettableAgentStatus;
  /** Required for Idle when the tenant has idle codes; the first code is the default otherwise. */
  readonly idleCode?: string;
}

export interface AgentAccept {
  readonly type: 'agent.accept';
  readonly agentId: string;
  readonly conversationId: string;
}

export interface AgentSend {
  readonly type: 'agent.send';
  readonly agentId: string;
  readonly conversationId: string;
  readonly text: string;
}

export type Target =
  | { readonly kind: 'queue'; readonly queueId: string }
  | { readonly kind: 'agent'; readonly agentId: string };

export interface AgentTransfer {
  readonly type: 'agent.transfer';
  readonly agentId: string;
  readonly conversationId: string;
  readonly target: Target;
}

export interface AgentConference {
  readonly type: 'agent.conference';
  readonly agentId: string;
  readonly conversationId: string;
  readonly target: Target;
}

/** The consulted agent leaves the conference (SPEC R19). */
export interface AgentLeaveConference {
  readonly type: 'agent.leaveConference';
  readonly agentId: string;
  readonly conversationId: string;
}

/** The owner ends the conference: consulted agents leave, the owner keeps the customer (R19). */
export interface AgentEndConference {
  readonly type: 'agent.endConference';
  readonly agentId: string;
  readonly conversationId: string;
}

/** The owner ends the conversation; every participant goes to wrap-up (SPEC R20). */
export interface AgentEnd {
  readonly type: 'agent.end';
  readonly agentId: string;
  readonly conversationId: string;
}

export interface AgentWrapUp {
  readonly type: 'agent.wrapUp';
  readonly agentId: string;
  readonly conversationId: string;
  readonly reasonId: string;
}

/** An administrator deletes an asset; its conversations are interrupted (SPEC R8). */
export interface AdminDeleteAsset {
  readonly type: 'admin.deleteAsset';
  readonly assetId: string;
}

/** A timer the router asked for (an offer deadline) has expired. */
export interface TimerFired {
  readonly type: 'timer.fired';
  readonly timerId: string;
}

export type Command =
  | CustomerMessage
  | CustomerAbandon
  | AgentSetState
  | AgentAccept
  | AgentSend
  | AgentTransfer
  | AgentConference
  | AgentLeaveConference
  | AgentEndConference
  | AgentEnd
  | AgentWrapUp
  | AdminDeleteAsset
  | TimerFired;

export type CommandType = Command['type'];
