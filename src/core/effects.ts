import type { AgentStateRecord, AgentStatus, ConversationRecord } from './records.js';
import type {
  HistoryTileView,
  InteractionPaneView,
  MessageView,
  NotificationView,
  PopoverView,
  TaskListView,
} from './views.js';

/** Why an offer disappeared from an agent's desktop before it was accepted. */
export type OfferRevokedReason =
  | 'rona'
  | 'abandoned'
  | 'interrupted'
  | 'agent-state'
  | 'conference-cancelled';

/** Why an agent has to submit a wrap-up for a conversation. */
export type WrapUpCause = 'ended' | 'transferred' | 'left-conference' | 'released' | 'disconnected';

/** What the agent desktop receives (the WebSocket protocol carries these as frames). */
export type DesktopEvent =
  | {
      readonly type: 'agent.state';
      readonly status: AgentStatus;
      readonly idleCode: string | null;
      readonly since: number;
    }
  | {
      readonly type: 'offer';
      readonly conversationId: string;
      readonly popover: PopoverView;
      readonly notification: NotificationView;
      readonly task: TaskListView;
      readonly deadline: number;
      /** The shell's id of the message that opened the conversation, for correlating clients. */
      readonly firstMessageId: string | null;
    }
  | {
      readonly type: 'offer.revoked';
      readonly conversationId: string;
      readonly reason: OfferRevokedReason;
    }
  | {
      readonly type: 'conversation.accepted';
      readonly conversationId: string;
      readonly pane: InteractionPaneView;
      readonly task: TaskListView;
    }
  | {
      readonly type: 'message';
      readonly conversationId: string;
      readonly message: MessageView;
      /** Customer messages only: the desktop notification and the task list update. */
      readonly notification: NotificationView | null;
      readonly task: TaskListView | null;
    }
  | {
      readonly type: 'conference.requested';
      readonly conversationId: string;
      readonly target: { readonly kind: 'queue' | 'agent'; readonly id: string };
    }
  | {
      readonly type: 'conference.failed';
      readonly conversationId: string;
      readonly reason: OfferRevokedReason;
    }
  | {
      /** The interaction state changed (SPEC R18: Conference on join, Active after). */
      readonly type: 'conversation.state';
      readonly conversationId: string;
      readonly state: InteractionPaneView['state'];
    }
  | {
      readonly type: 'conversation.interrupted';
      readonly conversationId: string;
      readonly warning: string;
    }
  | {
      readonly type: 'wrapup.required';
      readonly conversationId: string;
      readonly cause: WrapUpCause;
    }
  | {
      readonly type: 'wrapup.done';
      readonly conversationId: string;
      readonly reasonId: string;
      readonly history: HistoryTileView;
    };

export type Effect =
  /**
   * A customer message opened a new conversation (always the first effect of that command), so
   * that a shell can map its own customer or message to the router's conversation id.
   */
  | {
      readonly type: 'conversation.opened';
      readonly conversationId: string;
      readonly assetId: string;
      readonly queueId: string;
      readonly customerId: string;
      readonly messageId: string;
    }
  /** Deliver an event to one agent's desktop. */
  | { readonly type: 'desktop'; readonly agentId: string; readonly event: DesktopEvent }
  /** Send an agent's reply to the customer (SPEC R7); never masked. */
  | {
      readonly type: 'customer.send';
      readonly conversationId: string;
      readonly assetId: string;
      readonly customerId: string;
      readonly agentId: string;
      readonly text: string;
      readonly seq: number;
    }
  /** Fire `{type: 'timer.fired', timerId}` at time `at` unless cancelled first. */
  | { readonly type: 'timer.set'; readonly timerId: string; readonly at: number }
  | { readonly type: 'timer.cancel'; readonly timerId: string }
  /** A conversation is final: every participant has wrapped up. */
  | { readonly type: 'record'; readonly record: ConversationRecord }
  /** An agent's status changed. */
  | { readonly type: 'agent.state'; readonly record: AgentStateRecord };
