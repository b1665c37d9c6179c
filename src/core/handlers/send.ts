import type { AgentSend } from '../commands.js';
import { type Ctx, fail, RouterErrorCode } from '../context.js';
import type { RouterError } from '../errors.js';
import { showMessage, storeMessage } from '../lifecycle.js';
import type { Conversation, RouterState } from '../state.js';
import { MAX_MESSAGE_LENGTH } from '../tenant.js';

/**
 * Send (SPEC R6, R7): a participant's reply goes to the customer unchanged. Over 4096
 * characters it is refused, never truncated; after an asset deletion nothing can be sent (R8).
 */
export function agentSend(ctx: Ctx, cmd: AgentSend): RouterError | undefined {
  const { state } = ctx;
  const found = participantConversation(state, cmd.agentId, cmd.conversationId);
  if ('code' in found) return found;
  const conversation = found;
  if (conversation.interrupted) {
    return fail(
      RouterErrorCode.conversationInterrupted,
      `conversation "${conversation.id}" was interrupted: its asset was deleted; end it`,
    );
  }
  if (cmd.text.trim().length === 0) return fail(RouterErrorCode.messageEmpty, 'message is empty');
  // Only a string longer than the limit in UTF-16 units can be over it in characters.
  if (cmd.text.length > MAX_MESSAGE_LENGTH) {
    const length = characterCount(cmd.text);
    if (length > MAX_MESSAGE_LENGTH) {
      return fail(
        RouterErrorCode.messageTooLong,
        `message has ${length} characters; the limit is ${MAX_MESSAGE_LENGTH}`,
      );
    }
  }

  const message = storeMessage(ctx, conversation, 'agent', cmd.agentId, cmd.text, null);
  conversation.agentMessages++;
  ctx.effects.push({
    type: 'customer.send',
    conversationId: conversation.id,
    assetId: conversation.asset.id,
    customerId: conversation.customer.id,
    agentId: cmd.agentId,
    text: cmd.text,
    seq: message.seq,
  });
  showMessage(ctx, conversation, message, null, null);
  return undefined;
}

/** WhatsApp counts characters, not UTF-16 units: an emoji is one character. */
export function characterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** The conversation an agent takes part in (owner or consulted), or the error why not. */
export function participantConversation(
  state: RouterState,
  agentId: string,
  conversationId: string,
): Conversation | RouterError {
  const agent = state.agents.get(agentId);
  if (!agent) return fail(RouterErrorCode.unknownAgent, `unknown agent "${agentId}"`);
  const conversation = state.conversations.get(conversationId);
  if (!conversation) {
    return fail(RouterErrorCode.unknownConversation, `unknown conversation "${conversationId}"`);
  }
  if (!agent.active.has(conversation.id)) {
    return fail(
      RouterErrorCode.notParticipant,
      `agent "${agentId}" is not in conversation "${conversationId}"`,
    );
  }
  return conversation;
}

/** Like participantConversation, but the agent must be the owner (who accepted it first). */
export function ownedConversation(
  state: RouterState,
  agentId: string,
  conversationId: string,
): Conversation | RouterError {
  const found = participantConversation(state, agentId, conversationId);
  if ('code' in found) return found;
  if (found.owner !== agentId) {
    return fail(
      RouterErrorCode.notOwner,
      `agent "${agentId}" is a consulted agent in "${conversationId}"; only its owner can do this`,
    );
  }
  return found;
}
