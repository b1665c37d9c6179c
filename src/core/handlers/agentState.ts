import type { AgentSetState } from '../commands.js';
import { type Ctx, fail, RouterErrorCode } from '../context.js';
import type { RouterError } from '../errors.js';
import { returnOffer, withdrawOffer } from '../lifecycle.js';
import type { AgentRuntime } from '../state.js';

/**
 * Manual status changes. RONA is never set by hand and never left automatically: only this
 * command takes an agent out of it (SPEC R4). Leaving Available withdraws pending offers.
 */
export function agentSetState(ctx: Ctx, cmd: AgentSetState): RouterError | undefined {
  const { state } = ctx;
  const agent = state.agents.get(cmd.agentId);
  if (!agent) return fail(RouterErrorCode.unknownAgent, `unknown agent "${cmd.agentId}"`);

  switch (cmd.status) {
    case 'Available': {
      if (agent.status === 'Available') {
        return fail(
          RouterErrorCode.invalidStateTransition,
          `agent "${agent.id}" is already Available`,
        );
      }
      ctx.setStatus(agent, 'Available', null);
      return undefined;
    }
    case 'Idle': {
      let idleCode: string | null;
      if (cmd.idleCode !== undefined) {
        if (!state.idleCodes.has(cmd.idleCode)) {
          return fail(RouterErrorCode.unknownIdleCode, `unknown idle code "${cmd.idleCode}"`);
        }
        idleCode = cmd.idleCode;
      } else {
        idleCode = state.tenant.idleCodes[0]?.id ?? null;
      }
      if (agent.status === 'Idle' && agent.idleCode === idleCode) {
        return fail(RouterErrorCode.invalidStateTransition, `agent "${agent.id}" is already Idle`);
      }
      withdrawAll(ctx, agent);
      ctx.setStatus(agent, 'Idle', idleCode);
      return undefined;
    }
    case 'LoggedOut': {
      if (agent.status === 'LoggedOut') {
        return fail(
          RouterErrorCode.invalidStateTransition,
          `agent "${agent.id}" is already logged out`,
        );
      }
      if (agent.active.size > 0 || agent.wrapUps.size > 0) {
        return fail(
          RouterErrorCode.agentHasConversations,
          `agent "${agent.id}" still holds ${agent.active.size} conversation(s) and ${agent.wrapUps.size} wrap-up(s)`,
        );
      }
      withdrawAll(ctx, agent);
      ctx.setStatus(agent, 'LoggedOut', null);
      return undefined;
    }
    default:
      return fail(RouterErrorCode.invalidCommand, `status must be Available, Idle or LoggedOut`);
  }
}

/** Withdraws every pending offer of an agent that stops taking work (no RONA: it was not a miss). */
export function withdrawAll(ctx: Ctx, agent: AgentRuntime): void {
  for (const offer of [...agent.offers.values()]) {
    withdrawOffer(ctx, offer, 'agent-state', false);
    returnOffer(ctx, offer, 'agent-state');
  }
}
