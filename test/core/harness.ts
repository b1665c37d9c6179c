import { expect } from 'vitest';
import {
  type Command,
  type ConversationRecord,
  checkInvariants,
  type DesktopEvent,
  type Effect,
  Router,
  type RouterOptions,
  snapshot,
  type TenantConfig,
} from '../../src/core/index.js';

export const tenant = (overrides: Partial<TenantConfig> = {}): TenantConfig => ({
  queues: [
    { id: 'sales', name: 'Sales' },
    { id: 'support', name: 'Support' },
    { id: 'billing', name: 'Billing' },
  ],
  assets: [
    { id: 'pn-sales', number: '+31 20 555 0100', queueId: 'sales' },
    { id: 'pn-support', number: '+31 20 555 0200', queueId: 'support' },
  ],
  agents: [
    { id: 'ann', name: 'Ann Smith', capacity: 1 },
    { id: 'bob', name: 'Bob Jones', capacity: 1 },
    { id: 'cat', name: 'Cat Lee', capacity: 1 },
  ],
  wrapUpReasons: [
    { id: 'resolved', label: 'Resolved' },
    { id: 'follow-up', label: 'Needs follow-up' },
    { id: 'spam', label: 'Spam' },
  ],
  idleCodes: [
    { id: 'break', label: 'Break' },
    { id: 'lunch', label: 'Lunch' },
  ],
  ronaTimeoutMs: 30_000,
  transferPolicy: 'disconnect',
  masking: { enabled: false },
  ...overrides,
});

export const customer = (n: number) => ({
  id: `4479661975${String(n).padStart(2, '0')}`,
  name: `Customer ${n}`,
  phone: `+4479661975${String(n).padStart(2, '0')}`,
});

/**
 * Drives a router with explicit times, keeps every effect, and checks the router's invariants
 * after each command. `ok` expects success; `refuses` expects a code and an unchanged state.
 */
export class Harness {
  readonly router: Router;
  readonly effects: Effect[] = [];
  readonly records: ConversationRecord[] = [];
  /** Timers set and not cancelled or fired, by id. */
  readonly timers = new Map<string, number>();
  now = 0;
  private messageSeq = 0;

  constructor(config: TenantConfig = tenant(), options: RouterOptions = {}) {
    this.router = new Router(config, options);
  }

  at(now: number): this {
    this.now = now;
    return this;
  }

  ok(command: Command): Effect[] {
    const result = this.router.handle(this.now, command);
    if (!result.ok)
      throw new Error(`${command.type} refused: ${result.error.code} ${result.error.message}`);
    this.apply(result.effects);
    expect(checkInvariants(this.router.state)).toEqual([]);
    return [...result.effects];
  }

  refuses(command: Command, code: string): void {
    const before = JSON.stringify(snapshot(this.router.state));
    const result = this.router.handle(this.now, command);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
    expect(JSON.stringify(snapshot(this.router.state))).toBe(before);
  }

  private apply(effects: readonly Effect[]): void {
    for (const effect of effects) {
      this.effects.push(effect);
      if (effect.type === 'timer.set') this.timers.set(effect.timerId, effect.at);
      if (effect.type === 'timer.cancel') this.timers.delete(effect.timerId);
      if (effect.type === 'record') this.records.push(effect.record);
    }
  }

  /** Fires every pending timer due at or before `now`, in deadline order. */
  fireTimers(now: number): Effect[] {
    this.now = now;
    const due = [...this.timers.entries()]
      .filter(([, at]) => at <= now)
      .sort((a, b) => a[1] - b[1]);
    const out: Effect[] = [];
    for (const [timerId] of due) {
      if (!this.timers.has(timerId)) continue;
      this.timers.delete(timerId);
      out.push(...this.ok({ type: 'timer.fired', timerId }));
    }
    return out;
  }

  // Shorthands for the commands tests use most.
  login(...agentIds: string[]): void {
    for (const agentId of agentIds)
      this.ok({ type: 'agent.setState', agentId, status: 'Available' });
  }

  message(n: number, text = 'hello', assetId = 'pn-sales'): Effect[] {
    return this.ok({
      type: 'customer.message',
      assetId,
      customer: customer(n),
      messageId: `wamid.${++this.messageSeq}`,
      text,
    });
  }

  accept(agentId: string, conversationId: string): Effect[] {
    return this.ok({ type: 'agent.accept', agentId, conversationId });
  }

  send(agentId: string, conversationId: string, text: string): Effect[] {
    return this.ok({ type: 'agent.send', agentId, conversationId, text });
  }

  end(agentId: string, conversationId: string): Effect[] {
    return this.ok({ type: 'agent.end', agentId, conversationId });
  }

  wrapUp(agentId: string, conversationId: string, reasonId = 'resolved'): Effect[] {
    return this.ok({ type: 'agent.wrapUp', agentId, conversationId, reasonId });
  }

  status(agentId: string): string {
    return this.router.state.agents.get(agentId)!.status;
  }
}

export function desktopEvents(effects: readonly Effect[], agentId?: string): DesktopEvent[] {
  return effects.flatMap((e) =>
    e.type === 'desktop' && (agentId === undefined || e.agentId === agentId) ? [e.event] : [],
  );
}

export function eventsOfType<T extends DesktopEvent['type']>(
  effects: readonly Effect[],
  type: T,
  agentId?: string,
): Extract<DesktopEvent, { type: T }>[] {
  return desktopEvents(effects, agentId).filter(
    (e): e is Extract<DesktopEvent, { type: T }> => e.type === type,
  );
}

/** The agent a conversation was just offered to, from the effects of one command. */
export function offeredTo(effects: readonly Effect[], conversationId = 'c1'): string | undefined {
  for (const e of effects) {
    if (
      e.type === 'desktop' &&
      e.event.type === 'offer' &&
      e.event.conversationId === conversationId
    ) {
      return e.agentId;
    }
  }
  return undefined;
}
