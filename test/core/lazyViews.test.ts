import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Command,
  type Effect,
  Router,
  type TenantConfig,
  type ViewField,
} from '../../src/core/index.js';
import { createViewMasker } from '../../src/core/viewMasker.js';
import { config, routingConfig, step, toCommand } from './commandSteps.js';

/**
 * RouterOptions.views 'lazy' (the simulator's): the same handlers, but a view's masked fields
 * are made when read. Whatever is read, and whenever, must be what the eager router (the live
 * server's) put in the event when it was made: random command sequences go through an eager and
 * a lazy router side by side; the eager effects are serialised as they come, the lazy ones only
 * after the whole sequence (the conversations have moved on: more messages, capped lists that
 * dropped their oldest, conversations closed), and the two must match byte for byte.
 */

function timersOf(effects: readonly Effect[], timers: Set<string>): void {
  for (const e of effects) {
    if (e.type === 'timer.set') timers.add(e.timerId);
    if (e.type === 'timer.cancel') timers.delete(e.timerId);
  }
}

const masked: TenantConfig = { ...config, masking: { enabled: true } };
const cappedMasked: TenantConfig = {
  ...config,
  masking: { enabled: true },
  limits: { maxQueueLength: 3, maxMessagesPerConversation: 4 },
};

/** The tenant's masker, counting its calls. */
function counting(tenant: TenantConfig) {
  const inner = createViewMasker(tenant.masking);
  const counter = {
    calls: 0,
    masker: (text: string, field: ViewField) => {
      counter.calls++;
      return inner(text, field);
    },
  };
  return counter;
}

describe("Router views: 'lazy'", () => {
  it.each([
    ['masking off', config],
    ['masking on', masked],
    ['masking on, capped lists', cappedMasked],
    ['priorities, skills and overflow', routingConfig],
  ] as const)(
    '%s: lazy views read late serialise exactly as the eager views made at the time',
    (_name, tenant) => {
      let compared = 0;
      fc.assert(
        fc.property(fc.array(step, { minLength: 40, maxLength: 250, size: 'max' }), (steps) => {
          const eager = new Router(tenant);
          const lazy = new Router(tenant, { views: 'lazy' });
          const timers = new Set<string>();
          const eagerJson: string[] = [];
          const lazyResults: unknown[] = [];
          let now = 0;
          for (const s of steps) {
            now += s.dt;
            const command: Command = toCommand(eager, s, [...timers]);
            const a = eager.handle(now, command);
            const b = lazy.handle(now, command);
            eagerJson.push(JSON.stringify(a));
            lazyResults.push(b);
            if (a.ok) timersOf(a.effects, timers);
          }
          expect(lazyResults.map((r) => JSON.stringify(r))).toEqual(eagerJson);
          compared += steps.length;
        }),
        { numRuns: 60, seed: 13 },
      );
      expect(compared).toBeGreaterThan(5000);
    },
  );

  it('masks nothing until a field is read, then each value once, as the eager router does', () => {
    const eagerCount = counting(masked);
    const lazyCount = counting(masked);
    const eager = new Router(masked, { masker: eagerCount.masker });
    const lazy = new Router(masked, { masker: lazyCount.masker, views: 'lazy' });
    const effects: Effect[] = [];
    const timers = new Set<string>();
    let now = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 300, maxLength: 300 }), (steps) => {
        for (const s of steps) {
          now += s.dt;
          const command = toCommand(eager, s, [...timers]);
          const a = eager.handle(now, command);
          const b = lazy.handle(now, command);
          if (a.ok) timersOf(a.effects, timers);
          if (b.ok) effects.push(...b.effects);
        }
      }),
      { numRuns: 1, seed: 5 },
    );
    expect(eagerCount.calls).toBeGreaterThan(100);
    // Nothing read yet: nothing masked (the popover's queue and kind, who sent a message and the
    // other unmasked fields are plain values).
    expect(lazyCount.calls).toBe(0);
    const desktop = effects.filter((e) => e.type === 'desktop');
    for (const e of desktop) {
      if (e.event.type === 'offer') expect(e.event.popover.queueName).not.toBe('');
      if (e.event.type === 'message') expect(typeof e.event.message.from).toBe('string');
    }
    expect(lazyCount.calls).toBe(0);
    // Everything read, twice: no more masking than the eager router did.
    const once = JSON.stringify(desktop);
    const calls = lazyCount.calls;
    expect(JSON.stringify(desktop)).toBe(once);
    expect(lazyCount.calls).toBe(calls);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(eagerCount.calls);
  });

  it('a lazy field reads the same as its JSON and the same every time', () => {
    const lazy = new Router(masked, { views: 'lazy' });
    lazy.handle(0, { type: 'agent.setState', agentId: 'ann', status: 'Available' });
    const r = lazy.handle(1000, {
      type: 'customer.message',
      assetId: 'pn-sales',
      customer: { id: '447966197501', name: '+44 7966 197501', phone: '+447966197501' },
      messageId: 'm1',
      text: 'my card is 4111 1111 1111 1111',
    });
    expect(r.ok).toBe(true);
    const offer = r.ok
      ? r.effects.find((e) => e.type === 'desktop' && e.event.type === 'offer')
      : undefined;
    if (offer?.type !== 'desktop' || offer.event.type !== 'offer') throw new Error('no offer');
    const { popover, notification, task } = offer.event;
    expect(JSON.parse(JSON.stringify(popover))).toEqual({
      customerName: popover.customerName,
      customerNumber: popover.customerNumber,
      sourceNumber: popover.sourceNumber,
      queueName: popover.queueName,
      offeredAt: popover.offeredAt,
      offerKind: popover.offerKind,
      fromAgentName: popover.fromAgentName,
    });
    expect(popover.customerNumber).toBe(popover.customerNumber);
    expect(popover.customerNumber).not.toContain('7966197501');
    expect(popover.customerName).not.toContain('7966 197501');
    expect(notification.preview).not.toContain('4111 1111 1111 1111');
    expect(task.preview).toBe(notification.preview);
  });
});
