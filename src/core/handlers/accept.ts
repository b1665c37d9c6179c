import type { AgentAccept } from '../commands.js';
import { type Ctx, fail, RouterErrorCode } from '../context.js';
import type { RouterError } from '../errors.js';
import { acceptOffer, broadcastPaneState, storeMessage } from '../lifecycle.js';
import { happened } from '../notYet.js';
import { interactionPaneView, messageView, taskListView } from '../views.js';

/**
 * Accept (SPEC R5): opens the interaction pane and compose box. Accepting a conference request
 * makes the interaction state Conference and tells everyone that the agent joined (R18).
 */
export function agentAccept(ctx: Ctx, cmd: AgentAccept): RouterError | undefined {
  const { state, now } = ctx;
  const agent = state.agents.get(cmd.agentId);
  if (!agent) return fail(RouterErrorCode.unknownAgent, `unknown agent "${cmd.agentId}"`);
  const conversation = state.conversations.get(cmd.conversationId);
  if (!conversation) {
    return fail(
      RouterErrorCode.unknownConversation,
      `unknown conversation "${cmd.conversationId}"`,
    );
  }
  const offer = agent.offers.get(conversation.id);
  if (!offer) {
    return fail(
      RouterErrorCode.notOffered,
      `conversation "${conversation.id}" is not offered to agent "${agent.id}"`,
    );
  }

  acceptOffer(ctx, offer);
  if (offer.kind === 'conference') {
    conversation.conferenceOffer = null;
    conversation.consulted = [...conversation.consulted, agent.id];
    conversation.conferenceCount++;
    const joined = storeMessage(
      ctx,
      conversation,
      'system',
      null,
      `${agent.config.name} joined the conversation`,
      null,
    );
    ctx.desktop(agent.id, {
      type: 'conversation.accepted',
      conversationId: conversation.id,
      pane: interactionPaneView(state, conversation, agent.id),
      task: taskListView(state, conversation),
    });
    broadcastPaneState(ctx, conversation);
    if (conversation.owner !== null) {
      ctx.desktop(conversation.owner, {
        type: 'message',
        conversationId: conversation.id,
        message: messageView(state, conversation, joined, conversation.owner),
        notification: null,
        task: null,
      });
    }
    return undefined;
  }

  conversation.offer = null;
  conversation.status = 'active';
  conversation.owner = agent.id;
  if (!happened(conversation.acceptedAt)) conversation.acceptedAt = now;
  conversation.firstAgentId ??= agent.id;
  conversation.lastAgentId = agent.id;
  ctx.desktop(agent.id, {
    type: 'conversation.accepted',
    conversationId: conversation.id,
    pane: interactionPaneView(state, conversation, agent.id),
    task: taskListView(state, conversation),
  });
  return undefined;
}
