import type { Ctx } from './context.js';
import type { OfferRevokedReason, WrapUpCause } from './effects.js';
import { happened, NOT_YET, orNull } from './notYet.js';
import { noteQueued, removeFromQueue } from './overflow.js';
import type { ConversationOutcome, ConversationRecord, LegRole } from './records.js';
import {
  type AgentRuntime,
  type Conversation,
  type Leg,
  NO_CONSULTED,
  type Offer,
  type OfferKind,
  type StoredMessage,
  type WorkItem,
} from './state.js';
import {
  historyTileView,
  messageView,
  type NotificationView,
  notificationView,
  paneState,
  popoverView,
  type TaskListView,
  taskListView,
} from './views.js';

/**
 * The shared steps of a conversation's life that several commands take: queueing, offering,
 * withdrawing an offer, handing a participant to wrap-up, ending, and emitting the final record.
 */

export function enqueue(
  ctx: Ctx,
  conversation: Conversation,
  queueId: string,
  atHead: boolean,
  orderAt: number,
): void {
  const item: WorkItem = {
    kind: 'conversation',
    conversation,
    queueId,
    queuedAt: orderAt,
    fromAgentId: null,
    overflowTimer: null,
    removed: false,
  };
  conversation.status = 'queued';
  conversation.queueId = queueId;
  conversation.item = item;
  conversation.queuedAt = ctx.now;
  ctx.state.addItem(item, atHead);
  noteQueued(ctx, item);
}

/** Takes a waiting conversation out of its queue, adding the stint to its queue wait. */
export function dequeue(ctx: Ctx, conversation: Conversation): void {
  removeFromQueue(ctx, conversation.item!);
  conversation.item = null;
  conversation.queueWaitMs += ctx.now - conversation.queuedAt;
}

export function enqueueConference(
  ctx: Ctx,
  conversation: Conversation,
  queueId: string,
  fromAgentId: string,
  atHead: boolean,
  orderAt: number,
): void {
  const item: WorkItem = {
    kind: 'conference',
    conversation,
    queueId,
    queuedAt: orderAt,
    fromAgentId,
    overflowTimer: null,
    removed: false,
  };
  conversation.conferenceItem = item;
  ctx.state.addItem(item, atHead);
  noteQueued(ctx, item);
}

export interface OfferOrigin {
  readonly fromAgentId: string | null;
  readonly queueId: string | null;
  readonly orderAt: number;
}

export function makeOffer(
  ctx: Ctx,
  conversation: Conversation,
  agent: AgentRuntime,
  kind: OfferKind,
  origin: OfferOrigin,
): Offer {
  const { state, now } = ctx;
  const offer: Offer = {
    id: state.nextOfferId(),
    kind,
    conversation,
    agent,
    offeredAt: now,
    deadline: now + state.tenant.ronaTimeoutMs,
    // Field by field: spreading `origin` here ran a generic property copy for every offer.
    fromAgentId: origin.fromAgentId,
    queueId: origin.queueId,
    orderAt: origin.orderAt,
  };
  state.offers.set(offer.id, offer);
  agent.offers.set(conversation.id, offer);
  agent.readySince = now;
  ctx.touch(agent);
  if (kind === 'conference') {
    conversation.conferenceOffer = offer;
  } else {
    conversation.offer = offer;
    conversation.status = 'offered';
    if (!happened(conversation.firstOfferedAt)) conversation.firstOfferedAt = now;
    conversation.offerCount++;
  }
  ctx.effects.pushTimerSet(offer.id, offer.deadline);
  ctx.desktop(agent.id, {
    type: 'offer',
    conversationId: conversation.id,
    popover: popoverView(state, offer),
    notification: notificationView(state, conversation),
    task: taskListView(state, conversation),
    deadline: offer.deadline,
    firstMessageId: conversation.messages[0]?.messageId ?? null,
  });
  return offer;
}

/**
 * Removes a pending offer from the agent and the conversation. `timerFired` is true when its own
 * deadline withdrew it, so there is no timer left to cancel. What happens to the conversation is
 * the caller's decision (see `returnOffer`).
 */
export function withdrawOffer(
  ctx: Ctx,
  offer: Offer,
  reason: OfferRevokedReason,
  timerFired: boolean,
): void {
  const { agent, conversation } = offer;
  ctx.state.offers.delete(offer.id);
  agent.offers.delete(conversation.id);
  ctx.touch(agent);
  if (offer.kind === 'conference') conversation.conferenceOffer = null;
  else conversation.offer = null;
  if (!timerFired) ctx.effects.pushTimerCancel(offer.id);
  ctx.desktop(agent.id, { type: 'offer.revoked', conversationId: conversation.id, reason });
}

/**
 * After an offer was not accepted (RONA or the agent left Available): a routed conversation goes
 * back to the head of its queue; a transfer to an agent follows the tenant's transfer policy
 * (SPEC R15); a conference request goes back to its queue, or fails when it named an agent.
 */
export function returnOffer(ctx: Ctx, offer: Offer, reason: OfferRevokedReason): void {
  const { conversation } = offer;
  if (offer.kind === 'conference') {
    if (offer.queueId !== null) {
      enqueueConference(ctx, conversation, offer.queueId, offer.fromAgentId!, true, offer.orderAt);
    } else if (conversation.owner !== null) {
      ctx.desktop(conversation.owner, {
        type: 'conference.failed',
        conversationId: conversation.id,
        reason,
      });
    }
    return;
  }
  if (offer.kind === 'transfer' && ctx.state.tenant.transferPolicy === 'disconnect') {
    endConversation(ctx, conversation, 'transfer-disconnected', 'disconnected');
    return;
  }
  enqueue(ctx, conversation, conversation.queueId, true, offer.orderAt);
}

export function acceptOffer(ctx: Ctx, offer: Offer): void {
  const { agent, conversation } = offer;
  const { state, now } = ctx;
  state.offers.delete(offer.id);
  agent.offers.delete(conversation.id);
  ctx.effects.pushTimerCancel(offer.id);
  const role: LegRole =
    offer.kind === 'conference'
      ? 'conference'
      : conversation.transferCount > 0
        ? 'transfer'
        : 'answer';
  const leg: Leg = {
    agentId: agent.id,
    role,
    offeredAt: offer.offeredAt,
    acceptedAt: now,
    endedAt: NOT_YET,
    wrapUpAt: NOT_YET,
    wrapUpReason: null,
  };
  // The first leg makes an array of one, as the first message does (storeMessage).
  if (conversation.legs.length === 0) conversation.legs = [leg];
  else conversation.legs.push(leg);
  conversation.openLegs++;
  agent.active.add(conversation.id);
  ctx.touch(agent);
}

/** A participant stops handling the conversation and owes a wrap-up for it. */
export function releaseParticipant(
  ctx: Ctx,
  conversation: Conversation,
  agentId: string,
  cause: WrapUpCause,
): void {
  const agent = ctx.state.agents.get(agentId)!;
  const leg = openLeg(conversation, agentId);
  leg.endedAt = ctx.now;
  agent.active.delete(conversation.id);
  agent.wrapUps.set(conversation.id, leg);
  ctx.touch(agent);
  ctx.desktop(agentId, { type: 'wrapup.required', conversationId: conversation.id, cause });
}

function openLeg(conversation: Conversation, agentId: string): Leg {
  for (let i = conversation.legs.length - 1; i >= 0; i--) {
    const leg = conversation.legs[i]!;
    if (leg.agentId === agentId && !happened(leg.endedAt)) return leg;
  }
  throw new Error(`router invariant: no open leg for ${agentId} in ${conversation.id}`);
}

/** Cancels a conference request that is still waiting in a queue or offered to an agent. */
export function cancelConferenceRequest(ctx: Ctx, conversation: Conversation): void {
  if (conversation.conferenceItem) {
    removeFromQueue(ctx, conversation.conferenceItem);
    conversation.conferenceItem = null;
  }
  if (conversation.conferenceOffer) {
    withdrawOffer(ctx, conversation.conferenceOffer, 'conference-cancelled', false);
  }
}

/** Ends a conversation wherever it is; participants go to wrap-up (SPEC R20). */
export function endConversation(
  ctx: Ctx,
  conversation: Conversation,
  outcome: ConversationOutcome,
  cause: WrapUpCause,
): void {
  const { state } = ctx;
  if (conversation.item) dequeue(ctx, conversation);
  if (conversation.offer) {
    const reason: OfferRevokedReason = outcome === 'abandoned' ? 'abandoned' : 'interrupted';
    withdrawOffer(ctx, conversation.offer, reason, false);
  }
  cancelConferenceRequest(ctx, conversation);
  for (const agentId of conversation.consulted)
    releaseParticipant(ctx, conversation, agentId, cause);
  if (conversation.consulted.length > 0) conversation.consulted = NO_CONSULTED;
  if (conversation.owner !== null) releaseParticipant(ctx, conversation, conversation.owner, cause);
  conversation.owner = null;
  conversation.status = 'ended';
  conversation.endedAt = ctx.now;
  conversation.outcome = outcome;
  state.openByCustomer.deleteIf(conversation.asset.id, conversation.customer.id, conversation);
  finalizeIfDone(ctx, conversation);
}

export function submitWrapUp(
  ctx: Ctx,
  agent: AgentRuntime,
  leg: Leg,
  conversation: Conversation,
  reasonId: string,
): void {
  leg.wrapUpAt = ctx.now;
  leg.wrapUpReason = reasonId;
  if (leg.role !== 'conference') conversation.lastWrapUpReason = reasonId;
  agent.wrapUps.delete(conversation.id);
  conversation.openLegs--;
  ctx.touch(agent);
  ctx.desktop(agent.id, {
    type: 'wrapup.done',
    conversationId: conversation.id,
    reasonId,
    history: historyTileView(ctx.state, conversation),
  });
  finalizeIfDone(ctx, conversation);
}

function finalizeIfDone(ctx: Ctx, conversation: Conversation): void {
  if (conversation.status !== 'ended' || conversation.openLegs > 0) return;
  ctx.state.conversations.delete(conversation.id);
  ctx.effects.pushRecord(toRecord(conversation, ctx.now));
}

function toRecord(c: Conversation, now: number): ConversationRecord {
  return {
    conversationId: c.id,
    assetId: c.asset.id,
    queueId: c.entryQueueId,
    lastQueueId: c.queueId,
    customerId: c.customer.id,
    arrivedAt: c.arrivedAt,
    firstOfferedAt: orNull(c.firstOfferedAt),
    acceptedAt: orNull(c.acceptedAt),
    endedAt: c.endedAt,
    finalizedAt: now,
    queueWaitMs: c.queueWaitMs,
    agentId: c.firstAgentId,
    lastAgentId: c.lastAgentId,
    outcome: c.outcome!,
    interrupted: c.interrupted,
    wrapUpReason: c.lastWrapUpReason,
    offerCount: c.offerCount,
    ronaCount: c.ronaCount,
    transferCount: c.transferCount,
    conferenceCount: c.conferenceCount,
    customerMessages: c.customerMessages,
    agentMessages: c.agentMessages,
    legs: c.legs.map((leg) => ({
      agentId: leg.agentId,
      role: leg.role,
      offeredAt: leg.offeredAt,
      acceptedAt: leg.acceptedAt,
      endedAt: leg.endedAt,
      wrapUpAt: leg.wrapUpAt,
      wrapUpReason: leg.wrapUpReason!,
    })),
  };
}

/** Appends a message to the conversation's history. */
export function storeMessage(
  ctx: Ctx,
  conversation: Conversation,
  from: StoredMessage['from'],
  agentId: string | null,
  text: string,
  messageId: string | null,
): StoredMessage {
  const message: StoredMessage = {
    seq: ++ctx.state.messageSeq,
    from,
    agentId,
    text,
    at: ctx.now,
    messageId,
    masked: null,
  };
  // The first message makes an array of one: push() on an empty array reserves 17 slots, and
  // in a large center every open conversation outlives the young generation, so the scavenger
  // copies (and promotes) each of its arrays whole.
  if (conversation.messages.length === 0) conversation.messages = [message];
  else conversation.messages.push(message);
  const messages = conversation.messages;
  const cap = ctx.state.tenant.limits?.maxMessagesPerConversation;
  // Held in memory for the panes; the counts (records, KPIs) keep every message.
  if (cap !== undefined && messages.length > cap) messages.splice(0, messages.length - cap);
  return message;
}

/** Tells every participant that the interaction state changed (SPEC R18). */
export function broadcastPaneState(ctx: Ctx, conversation: Conversation): void {
  const state = paneState(conversation);
  for (const agentId of participants(conversation)) {
    ctx.desktop(agentId, { type: 'conversation.state', conversationId: conversation.id, state });
  }
}

/**
 * Shows a new message on the desktop of every participant, the owner first and then the
 * consulted agents (the order of `participants`), without making that list for each message.
 * `notification` and `task` are the customer's message's; an agent's reply has neither.
 */
export function showMessage(
  ctx: Ctx,
  conversation: Conversation,
  message: StoredMessage,
  notification: NotificationView | null,
  task: TaskListView | null,
): void {
  if (conversation.owner !== null) {
    showTo(ctx, conversation, message, notification, task, conversation.owner);
  }
  const consulted = conversation.consulted;
  for (let i = 0; i < consulted.length; i++) {
    showTo(ctx, conversation, message, notification, task, consulted[i]!);
  }
}

function showTo(
  ctx: Ctx,
  conversation: Conversation,
  message: StoredMessage,
  notification: NotificationView | null,
  task: TaskListView | null,
  agentId: string,
): void {
  ctx.desktop(agentId, {
    type: 'message',
    conversationId: conversation.id,
    message: messageView(ctx.state, conversation, message, agentId),
    notification,
    task,
  });
}

export function participants(conversation: Conversation): string[] {
  return conversation.owner === null
    ? [...conversation.consulted]
    : [conversation.owner, ...conversation.consulted];
}
