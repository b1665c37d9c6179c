import type { AgentConference, AgentEndConference, AgentLeaveConference } from '../commands.js';
import { type Ctx, fail, RouterErrorCode } from '../context.js';
import type { RouterError } from '../errors.js';
import {
  broadcastPaneState,
  cancelConferenceRequest,
  enqueueConference,
  makeOffer,
  participants,
  releaseParticipant,
  storeMessage,
} from '../lifecycle.js';
import type { Conversation } from '../state.js';
import { messageView } from '../views.js';
import { ownedConversation, participantConversation } from './send.js';
import { checkHandOver } from './transfer.js';

/**
 * Conference (SPEC R17): the owner invites an agent (offered straight away) or a queue (the
 * request waits there for the next eligible agent). One consulted agent at a time.
 */
export function agentConference(ctx: Ctx, cmd: AgentConference): RouterError | undefined {
  const { state, now } = ctx;
  const handOver = checkHandOver(state, cmd);
  if ('code' in handOver) return handOver;
  const { conversation, target } = handOver;

  if (target.kind === 'queue') {
    enqueueConference(ctx, conversation, target.queueId, cmd.agentId, false, now);
  } else {
    makeOffer(ctx, conversation, target.agent, 'conference', {
      fromAgentId: cmd.agentId,
      queueId: null,
      orderAt: now,
    });
  }
  ctx.desktop(cmd.agentId, {
    type: 'conference.requested',
    conversationId: conversation.id,
    target:
      target.kind === 'queue'
        ? { kind: 'queue', id: target.queueId }
        : { kind: 'agent', id: target.agent.id },
  });
  return undefined;
}

/** The consulted agent leaves (R19); the owner and the customer go on; wrap-up for the leaver. */
export function agentLeaveConference(ctx: Ctx, cmd: AgentLeaveConference): RouterError | undefined {
  const found = participantConversation(ctx.state, cmd.agentId, cmd.conversationId);
  if ('code' in found) return found;
  const conversation = found;
  if (!conversation.consulted.includes(cmd.agentId)) {
    return fail(
      RouterErrorCode.noConference,
      `agent "${cmd.agentId}" owns "${conversation.id}"; the owner ends the conference instead`,
    );
  }
  removeConsulted(ctx, conversation, cmd.agentId, 'left-conference', 'left');
  broadcastPaneState(ctx, conversation);
  return undefined;
}

/**
 * The owner ends the conference (R19): consulted agents are released to wrap-up, a pending
 * invitation is cancelled, and the conversation goes on between the owner and the customer.
 */
export function agentEndConference(ctx: Ctx, cmd: AgentEndConference): RouterError | undefined {
  const found = ownedConversation(ctx.state, cmd.agentId, cmd.conversationId);
  if ('code' in found) return found;
  const conversation = found;
  if (
    conversation.consulted.length === 0 &&
    !conversation.conferenceItem &&
    !conversation.conferenceOffer
  ) {
    return fail(
      RouterErrorCode.noConference,
      `conversation "${conversation.id}" has no conference`,
    );
  }
  cancelConferenceRequest(ctx, conversation);
  for (const agentId of [...conversation.consulted]) {
    removeConsulted(ctx, conversation, agentId, 'released', 'was released from');
  }
  broadcastPaneState(ctx, conversation);
  return undefined;
}

function removeConsulted(
  ctx: Ctx,
  conversation: Conversation,
  agentId: string,
  cause: 'left-conference' | 'released',
  verb: string,
): void {
  const { state } = ctx;
  conversation.consulted = conversation.consulted.filter((id) => id !== agentId);
  releaseParticipant(ctx, conversation, agentId, cause);
  const name = state.agents.get(agentId)!.config.name;
  const note = storeMessage(
    ctx,
    conversation,
    'system',
    null,
    `${name} ${verb} the conversation`,
    null,
  );
  for (const id of participants(conversation)) {
    ctx.desktop(id, {
      type: 'message',
      conversationId: conversation.id,
      message: messageView(state, conversation, note, id),
      notification: null,
      task: null,
    });
  }
}
