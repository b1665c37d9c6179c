import type {
  AgentStateRecord,
  Command,
  ConversationRecord,
  DesktopEvent,
  Effect,
  HandleResult,
  Router,
} from '../core/index.js';

export type CustomerSend = Extract<Effect, { type: 'customer.send' }>;

/** Where the effects of an applied command go. Replay uses sinks that do no I/O. */
export interface EffectSinks {
  desktop(agentId: string, event: DesktopEvent): void;
  customerSend(effect: CustomerSend, seq: number, now: number): void;
  timerSet(timerId: string, at: number): void;
  timerCancel(timerId: string): void;
  record(record: ConversationRecord, seq: number): void;
  agentState(record: AgentStateRecord, seq: number, idx: number): void;
}

/**
 * Applies one journaled command to the router and hands each effect to its sink, in the order
 * the router produced them. The same function serves live traffic and journal replay, so the two
 * cannot drift apart.
 */
export function applyCommand(
  router: Router,
  seq: number,
  now: number,
  command: Command,
  sinks: EffectSinks,
): HandleResult {
  const result = router.handle(now, command);
  if (!result.ok) return result;
  result.effects.forEach((effect, idx) => {
    switch (effect.type) {
      case 'desktop':
        sinks.desktop(effect.agentId, effect.event);
        break;
      case 'customer.send':
        sinks.customerSend(effect, seq, now);
        break;
      case 'timer.set':
        sinks.timerSet(effect.timerId, effect.at);
        break;
      case 'timer.cancel':
        sinks.timerCancel(effect.timerId);
        break;
      case 'record':
        sinks.record(effect.record, seq);
        break;
      case 'agent.state':
        sinks.agentState(effect.record, seq, idx);
        break;
    }
  });
  return result;
}
