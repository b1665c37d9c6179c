import type { AgentEnd, AgentWrapUp } from '../commands.js';
import { type Ctx, fail, RouterErrorCode } from '../context.js';
import type { RouterError } from '../errors.js';
import { endConversation, submitWrapUp } from '../lifecycle.js';
import { ownedConversation } from './send.js';

/** End (SPEC R20): the owner ends the conversation; every participant goes to wrap-up. */
export function agentEnd(ctx: Ctx, cmd: AgentEnd): RouterError | undefined {
  const found = ownedConversation(ctx.state, cmd.agentId, cmd.conversationId);
  if ('code' in found) return found;
  endConversation(ctx, found, found.interrupted ? 'interrupted' : 'handled', 'ended');
  return undefined;
}

/**
 * Wrap-up (SPEC R20): a reason from the tenant's list frees the agent's slot. The conversation's
 * record is final only when every participant has wrapped up.
 */
export function agentWrapUp(ctx: Ctx, cmd: AgentWrapUp): RouterError | undefined {
  const { state } = ctx;
  const agent = state.agents.get(cmd.agentId);
  if (!agent) return fail(RouterErrorCode.unknownAgent, `unknown agent "${cmd.agentId}"`);
  const leg = agent.wrapUps.get(cmd.conversationId);
  if (!leg) {
    return fail(
      RouterErrorCode.notInWrapUp,
      `agent "${agent.id}" has no wrap-up pending for "${cmd.conversationId}"`,
    );
  }
  if (!state.wrapUpReasons.has(cmd.reasonId)) {
    return fail(RouterErrorCode.unknownWrapUpReason, `unknown wrap-up reason "${cmd.reasonId}"`);
  }
  // A pending wrap-up keeps its conversation open, so the conversation is still there.
  const conversation = state.conversations.get(cmd.conversationId)!;
  submitWrapUp(ctx, agent, leg, conversation, cmd.reasonId);
  return undefined;
}
