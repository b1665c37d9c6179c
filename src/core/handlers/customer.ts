import type { CustomerAbandon, CustomerMessage } from '../commands.js';
import { type Ctx, fail, RouterErrorCode } from '../context.js';
import type { RouterError } from '../errors.js';
import { endConversation, enqueue, showMessage, storeMessage } from '../lifecycle.js';
import { NOT_YET } from '../notYet.js';
import { queueFull } from '../queueCap.js';
import { type Conversation, NO_CONSULTED, type RouterState } from '../state.js';
import { customerInitials, notificationView, taskListView } from '../views.js';

/**
 * A customer message joins the customer's open conversation on that asset, or opens a new one
 * in the asset's queue.
 */
export function customerMessage(ctx: Ctx, cmd: CustomerMessage): RouterError | undefined {
  const { state, now } = ctx;
  const refused = checkCustomerMessage(state, cmd.assetId, cmd.customer.id);
  if (refused) return refused;
  const asset = state.assets.get(cmd.assetId)!;
  let conversation = state.openByCustomer.get(asset.id, cmd.customer.id);
  if (!conversation) {
    conversation = newConversation(ctx, cmd);
    state.conversations.set(conversation.id, conversation);
    state.openByCustomer.set(asset.id, cmd.customer.id, conversation);
    ctx.effects.push({
      type: 'conversation.opened',
      conversationId: conversation.id,
      assetId: asset.id,
      queueId: asset.queueId,
      customerId: cmd.customer.id,
      messageId: cmd.messageId,
    });
    enqueue(ctx, conversation, asset.queueId, false, now);
  }
  const message = storeMessage(ctx, conversation, 'customer', null, cmd.text, cmd.messageId);
  conversation.customerMessages++;
  if (conversation.status === 'active') {
    const notification = notificationView(state, conversation);
    const task = taskListView(state, conversation);
    showMessage(ctx, conversation, message, notification, task);
  }
  return undefined;
}

/**
 * Why a message of `customerId` to `assetId` would be refused, or undefined when it would be
 * taken: the asset is unknown or deleted, or it would open a conversation in a full queue. Shells
 * ask it (`Router.messageAdmission`) before they journal a message.
 */
export function checkCustomerMessage(
  state: RouterState,
  assetId: string,
  customerId: string,
): RouterError | undefined {
  const asset = state.assets.get(assetId);
  if (!asset) return fail(RouterErrorCode.unknownAsset, `unknown asset "${assetId}"`);
  if (state.deletedAssets.has(asset.id)) {
    return fail(RouterErrorCode.assetDeleted, `asset "${asset.id}" was deleted`);
  }
  if (state.openByCustomer.get(asset.id, customerId) !== undefined) return undefined;
  return queueFull(state, asset.queueId);
}

function newConversation(ctx: Ctx, cmd: CustomerMessage): Conversation {
  const asset = ctx.state.assets.get(cmd.assetId)!;
  return {
    id: ctx.state.nextConversationId(),
    asset,
    customer: { id: cmd.customer.id, name: cmd.customer.name, phone: cmd.customer.phone },
    initials: customerInitials(cmd.customer.name),
    masked: null,
    entryQueueId: asset.queueId,
    arrivedAt: ctx.now,
    status: 'queued',
    queueId: asset.queueId,
    interrupted: false,
    item: null,
    offer: null,
    owner: null,
    consulted: NO_CONSULTED,
    conferenceItem: null,
    conferenceOffer: null,
    queuedAt: ctx.now,
    queueWaitMs: 0,
    firstOfferedAt: NOT_YET,
    acceptedAt: NOT_YET,
    endedAt: NOT_YET,
    outcome: null,
    firstAgentId: null,
    lastAgentId: null,
    lastWrapUpReason: null,
    offerCount: 0,
    ronaCount: 0,
    transferCount: 0,
    conferenceCount: 0,
    customerMessages: 0,
    agentMessages: 0,
    messages: [],
    legs: [],
    openLegs: 0,
  };
}

/** The customer gives up while waiting: queued, or offered and not yet accepted. */
export function customerAbandon(ctx: Ctx, cmd: CustomerAbandon): RouterError | undefined {
  const conversation = ctx.state.conversations.get(cmd.conversationId);
  if (!conversation) {
    return fail(
      RouterErrorCode.unknownConversation,
      `unknown conversation "${cmd.conversationId}"`,
    );
  }
  if (conversation.status !== 'queued' && conversation.status !== 'offered') {
    return fail(
      RouterErrorCode.notWaiting,
      `conversation "${conversation.id}" is ${conversation.status}, not waiting`,
    );
  }
  endConversation(ctx, conversation, 'abandoned', 'disconnected');
  return undefined;
}
