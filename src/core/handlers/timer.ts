import type { TimerFired } from '../commands.js';
import type { Ctx } from '../context.js';
import type { RouterError } from '../errors.js';
import { returnOffer, withdrawOffer } from '../lifecycle.js';
import { overflowTimerFired } from '../overflow.js';

/**
 * An offer deadline passed without Accept (SPEC R4): the agent goes to RONA, the offer and the
 * agent's other pending offers go back where they came from. Or an overflow timer passed
 * (overflow.ts). A timer for an offer or a queue entry that no longer exists (accepted,
 * withdrawn, dispatched) is stale and does nothing: shells may race it.
 */
export function timerFired(ctx: Ctx, cmd: TimerFired): RouterError | undefined {
  const { state } = ctx;
  if (overflowTimerFired(ctx, cmd.timerId)) return undefined;
  const offer = state.offers.get(cmd.timerId);
  if (!offer) return undefined;
  const { agent, conversation } = offer;
  conversation.ronaCount++;
  withdrawOffer(ctx, offer, 'rona', true);
  const others = [...agent.offers.values()];
  for (const other of others) withdrawOffer(ctx, other, 'rona', false);
  ctx.setStatus(agent, 'RONA', null);
  // Others first, the missed offer last: it ends up at the very head of its queue.
  for (const other of others) returnOffer(ctx, other, 'rona');
  returnOffer(ctx, offer, 'rona');
  return undefined;
}
