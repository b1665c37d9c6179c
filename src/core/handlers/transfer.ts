import type { AgentTransfer, Target } from '../commands.js';
import { type Ctx, fail, RouterErrorCode } from '../context.js';
import type { RouterError } from '../errors.js';
import { enqueue, makeOffer, releaseParticipant } from '../lifecycle.js';
import { queueFull } from '../queueCap.js';
import type { AgentRuntime, Conversation, RouterState } from '../state.js';
import { ownedConversation } from './send.js';

/**
 * Transfer (SPEC R14-R16): to a queue (the conversation waits there like a new arrival) or to an
 * available agent (offered straight to that agent). The transferring agent goes to wrap-up as
 * soon as the transfer starts.
 */
export function agentTransfer(ctx: Ctx, cmd: AgentTransfer): RouterError | undefined {
  const { state, now } = ctx;
  const handOver = checkHandOver(state, cmd);
  if ('code' in handOver) return handOver;
  const { conversation, target } = handOver;

  conversation.transferCount++;
  releaseParticipant(ctx, conversation, cmd.agentId, 'transferred');
  conversation.owner = null;
  if (target.kind === 'queue') {
    enqueue(ctx, conversation, target.queueId, false, now);
  } else {
    makeOffer(ctx, conversation, target.agent, 'transfer', {
      fromAgentId: cmd.agentId,
      queueId: null,
      orderAt: now,
    });
  }
  return undefined;
}

/**
 * What a transfer and a conference both start with: the requesting agent owns the conversation,
 * it is live with no conference going on, and the target exists (and is available, for an agent).
 */
export function checkHandOver(
  state: RouterState,
  cmd: { readonly agentId: string; readonly conversationId: string; readonly target: Target },
): { readonly conversation: Conversation; readonly target: ResolvedTarget } | RouterError {
  const conversation = ownedConversation(state, cmd.agentId, cmd.conversationId);
  if ('code' in conversation) return conversation;
  if (conversation.interrupted) {
    return fail(
      RouterErrorCode.conversationInterrupted,
      `conversation "${conversation.id}" was interrupted: its asset was deleted; end it`,
    );
  }
  if (
    conversation.consulted.length > 0 ||
    conversation.conferenceItem ||
    conversation.conferenceOffer
  ) {
    return fail(
      RouterErrorCode.conferenceInProgress,
      `conversation "${conversation.id}" has a conference going on; end it first`,
    );
  }
  const target = resolveTarget(state, cmd.agentId, conversation, cmd.target);
  if ('code' in target) return target;
  return { conversation, target };
}

export type ResolvedTarget =
  | { readonly kind: 'queue'; readonly queueId: string }
  | { readonly kind: 'agent'; readonly agent: AgentRuntime };

/**
 * A transfer or conference target: any queue of the tenant, or an agent that is Available with
 * a free slot and not already in (or wrapping up) this conversation: the agents the desktop's
 * list offers (SPEC R14).
 */
function resolveTarget(
  state: RouterState,
  requesterId: string,
  conversation: Conversation,
  target: Target,
): ResolvedTarget | RouterError {
  if (target.kind === 'queue') {
    if (!state.queues.has(target.queueId)) {
      return fail(RouterErrorCode.unknownQueue, `unknown queue "${target.queueId}"`);
    }
    const full = queueFull(state, target.queueId);
    if (full) return full;
    return { kind: 'queue', queueId: target.queueId };
  }
  const agent = state.agents.get(target.agentId);
  if (!agent) return fail(RouterErrorCode.unknownAgent, `unknown agent "${target.agentId}"`);
  if (agent.id === requesterId) {
    return fail(RouterErrorCode.targetIsSelf, 'an agent cannot transfer to or invite itself');
  }
  const id = conversation.id;
  if (
    agent.status !== 'Available' ||
    agent.engaged >= agent.capacity ||
    agent.active.has(id) ||
    agent.offers.has(id) ||
    agent.wrapUps.has(id)
  ) {
    return fail(
      RouterErrorCode.targetUnavailable,
      `agent "${agent.id}" is not available (${agent.status}, ${agent.engaged}/${agent.capacity} slots)`,
    );
  }
  return { kind: 'agent', agent };
}
