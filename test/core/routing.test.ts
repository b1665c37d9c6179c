import { describe, expect, it } from 'vitest';
import { Router, type TenantConfig, TenantConfigError } from '../../src/core/index.js';
import { Harness, offeredTo, tenant } from './harness.js';

/**
 * The routing rules of docs/router.md ("Routing"): queue priorities, primary and secondary skills,
 * overflow after a wait. Agents have one slot, so an agent that holds a conversation is busy and
 * the next offer shows what the router chose.
 */

const priorityTenant = (): TenantConfig =>
  tenant({
    queues: [
      { id: 'sales', name: 'Sales' },
      { id: 'support', name: 'Support', priority: 1 },
      { id: 'billing', name: 'Billing' },
    ],
    agents: [{ id: 'ann', name: 'Ann Smith', capacity: 1 }],
  });

/** Busy an agent with a conversation on a third asset, so later arrivals wait. */
function occupy(h: Harness, agentId: string, n: number): string {
  const effects = h.message(n, 'hello', 'pn-billing');
  const offer = effects.find((e) => e.type === 'desktop' && e.event.type === 'offer');
  if (offer?.type !== 'desktop' || offer.event.type !== 'offer' || offer.agentId !== agentId)
    throw new Error(`expected an offer to ${agentId}`);
  h.accept(agentId, offer.event.conversationId);
  return offer.event.conversationId;
}

/** Ends and wraps up: the agent's slot frees, and the dispatch after the wrap-up offers. */
function free(h: Harness, agentId: string, conversationId: string) {
  h.end(agentId, conversationId);
  return h.wrapUp(agentId, conversationId);
}

const withBilling = (config: TenantConfig): TenantConfig => ({
  ...config,
  assets: [...config.assets, { id: 'pn-billing', number: '+31 20 555 0300', queueId: 'billing' }],
});

describe('routing: queue priorities', () => {
  it('a higher-priority queue is offered first, though its conversation waited less', () => {
    const h = new Harness(withBilling(priorityTenant()));
    h.at(0).login('ann');
    const busy = occupy(h, 'ann', 9);
    h.at(1000).message(1, 'hello', 'pn-sales'); // c2, sales, priority 0
    h.at(2000).message(2, 'hello', 'pn-support'); // c3, support, priority 1
    expect(
      offeredTo(h.at(3000).ok({ type: 'agent.end', agentId: 'ann', conversationId: busy }), 'c3'),
    ).toBeUndefined();
    expect(offeredTo(h.wrapUp('ann', busy), 'c3')).toBe('ann');
  });

  it('non-preemptive: a conversation already offered stays with its agent', () => {
    const h = new Harness(withBilling(priorityTenant()));
    h.at(0).login('ann');
    expect(offeredTo(h.message(1, 'hello', 'pn-sales'), 'c1')).toBe('ann');
    const effects = h.at(500).message(2, 'hello', 'pn-support');
    expect(offeredTo(effects, 'c2')).toBeUndefined();
    expect(effects.some((e) => e.type === 'desktop' && e.event.type === 'offer.revoked')).toBe(
      false,
    );
  });

  it('ties on priority go to the longest waiting, across queues', () => {
    const config = withBilling(
      tenant({
        queues: [
          { id: 'sales', name: 'Sales', priority: 2 },
          { id: 'support', name: 'Support', priority: 2 },
          { id: 'billing', name: 'Billing' },
        ],
        agents: [{ id: 'ann', name: 'Ann Smith', capacity: 1 }],
      }),
    );
    const h = new Harness(config);
    h.at(0).login('ann');
    const busy = occupy(h, 'ann', 9);
    h.at(1000).message(2, 'hello', 'pn-support'); // c2: older
    h.at(2000).message(1, 'hello', 'pn-sales'); // c3, first queue in the tenant
    expect(offeredTo(free(h.at(3000), 'ann', busy), 'c2')).toBe('ann');
  });

  it('an offer not accepted goes back to the head and keeps its priority over younger work', () => {
    const config = withBilling(
      tenant({
        queues: [
          { id: 'sales', name: 'Sales' },
          { id: 'support', name: 'Support', priority: 1 },
          { id: 'billing', name: 'Billing' },
        ],
        agents: [
          { id: 'ann', name: 'Ann Smith', capacity: 1 },
          { id: 'bob', name: 'Bob Jones', capacity: 1 },
        ],
      }),
    );
    const h = new Harness(config);
    h.at(0).message(1, 'hello', 'pn-sales'); // c1: nobody logged in
    h.at(1000).message(2, 'hello', 'pn-support'); // c2
    expect(
      offeredTo(
        h.at(2000).ok({ type: 'agent.setState', agentId: 'ann', status: 'Available' }),
        'c2',
      ),
    ).toBe('ann');
    h.fireTimers(32_000); // ann misses c2: RONA, c2 goes back to the head of support
    expect(h.status('ann')).toBe('RONA');
    const bob = h.at(33_000).ok({ type: 'agent.setState', agentId: 'bob', status: 'Available' });
    expect(offeredTo(bob, 'c2')).toBe('bob');
    expect(offeredTo(bob, 'c1')).toBeUndefined();
  });
});

describe('routing: primary and secondary skills', () => {
  // ann: support primary, sales secondary; bob: sales primary.
  const skills = (): TenantConfig =>
    withBilling(
      tenant({
        agents: [
          {
            id: 'ann',
            name: 'Ann Smith',
            capacity: 1,
            queues: ['support', { queue: 'sales', skill: 'secondary' }, 'billing'],
          },
          { id: 'bob', name: 'Bob Jones', capacity: 1, queues: ['sales', 'billing'] },
        ],
      }),
    );

  it('an agent takes its primary work before its secondary work, however long that waited', () => {
    const h = new Harness(skills());
    h.at(0).login('ann');
    const busy = occupy(h, 'ann', 9);
    h.at(1000).message(1, 'hello', 'pn-sales'); // c2: secondary for ann, older
    h.at(2000).message(2, 'hello', 'pn-support'); // c3: primary for ann
    expect(offeredTo(free(h.at(3000), 'ann', busy), 'c3')).toBe('ann');
  });

  it('an agent with only secondary work takes it', () => {
    const h = new Harness(skills());
    h.at(0).login('ann');
    expect(offeredTo(h.at(1000).message(1, 'hello', 'pn-sales'), 'c1')).toBe('ann');
  });

  it('a conversation goes to an agent for whom its queue is primary before a longer-waiting secondary one', () => {
    const h = new Harness(skills());
    h.at(0).login('ann'); // ready since 0: the longest waiting
    h.at(500).login('bob');
    expect(offeredTo(h.at(1000).message(1, 'hello', 'pn-sales'), 'c1')).toBe('bob');
  });

  it('among agents of the same skill, the routing policy chooses', () => {
    const config = skills();
    const h = new Harness({
      ...config,
      agents: [...config.agents, { id: 'cat', name: 'Cat Lee', capacity: 1, queues: ['sales'] }],
    });
    h.at(0).login('cat'); // primary, longest waiting
    h.at(500).login('bob');
    h.at(600).login('ann');
    expect(offeredTo(h.at(1000).message(1, 'hello', 'pn-sales'), 'c1')).toBe('cat');
  });
});

describe('routing: overflow after a wait', () => {
  // ann serves sales; cat is an expert who takes sales only after 60 s.
  const overflow = (): TenantConfig =>
    withBilling(
      tenant({
        queues: [
          { id: 'sales', name: 'Sales', overflow: [{ afterMs: 60_000, agentGroups: ['experts'] }] },
          { id: 'support', name: 'Support' },
          { id: 'billing', name: 'Billing' },
        ],
        agents: [
          {
            id: 'ann',
            name: 'Ann Smith',
            capacity: 1,
            queues: ['sales', 'billing'],
            group: 'front',
          },
          { id: 'cat', name: 'Cat Lee', capacity: 1, queues: ['support'], group: 'experts' },
          { id: 'dan', name: 'Dan Wu', capacity: 1, queues: ['support'], group: 'experts' },
        ],
      }),
    );

  it('the waiting conversation reaches the overflow group when its timer fires', () => {
    const h = new Harness(overflow());
    h.at(0).login('ann');
    occupy(h, 'ann', 9);
    h.login('cat');
    const queued = h.at(5000).message(1, 'hello', 'pn-sales'); // c2
    expect(offeredTo(queued, 'c2')).toBeUndefined();
    const set = queued.find((e) => e.type === 'timer.set');
    expect(set).toMatchObject({ type: 'timer.set', at: 65_000 });
    expect(h.fireTimers(64_999)).toEqual([]);
    expect(offeredTo(h.fireTimers(65_000), 'c2')).toBe('cat');
  });

  it('before its overflow time an item is not offered to the overflow group', () => {
    const h = new Harness(overflow());
    h.at(0).login('ann');
    occupy(h, 'ann', 9);
    h.at(5000).message(1, 'hello', 'pn-sales'); // c2
    // cat logs in before the 60 s: nothing; after: the login itself dispatches it.
    expect(
      offeredTo(
        h.at(30_000).ok({ type: 'agent.setState', agentId: 'cat', status: 'Available' }),
        'c2',
      ),
    ).toBeUndefined();
    expect(h.timers.size).toBe(1);
  });

  it('a conversation that leaves the queue cancels its timer, and a stale timer does nothing', () => {
    const h = new Harness(overflow());
    h.at(0).login('ann');
    const busy = occupy(h, 'ann', 9);
    const queued = h.at(5000).message(1, 'hello', 'pn-sales');
    const set = queued.find((e) => e.type === 'timer.set');
    if (set?.type !== 'timer.set') throw new Error('no overflow timer');
    const freed = free(h.at(10_000), 'ann', busy);
    expect(offeredTo(freed, 'c2')).toBe('ann');
    expect(freed).toContainEqual({ type: 'timer.cancel', timerId: set.timerId });
    h.login('cat');
    const before = JSON.stringify(h.router.snapshot());
    expect(h.at(65_000).ok({ type: 'timer.fired', timerId: set.timerId })).toEqual([]);
    expect(JSON.stringify(h.router.snapshot())).toBe(before);
  });

  it('an abandon cancels the overflow timer', () => {
    const h = new Harness(overflow());
    h.at(0).login('ann');
    occupy(h, 'ann', 9);
    h.at(5000).message(1, 'hello', 'pn-sales');
    const effects = h.at(6000).ok({ type: 'customer.abandon', conversationId: 'c2' });
    expect(effects.some((e) => e.type === 'timer.cancel')).toBe(true);
    expect(h.router.pendingTimers()).toEqual([]);
  });

  it('after overflow and a RONA the item keeps its place and its overflow, with no new timer', () => {
    const h = new Harness(overflow());
    h.at(0).login('ann');
    occupy(h, 'ann', 9);
    h.login('cat');
    h.at(5000).message(1, 'hello', 'pn-sales'); // c2
    expect(offeredTo(h.fireTimers(65_000), 'c2')).toBe('cat');
    h.at(70_000).message(2, 'hello', 'pn-sales'); // c3, younger, its own timer at 130 s
    const rona = h.fireTimers(95_000); // cat misses c2
    expect(h.status('cat')).toBe('RONA');
    expect(rona.filter((e) => e.type === 'timer.set')).toEqual([]);
    // dan, an expert, becomes ready: c2 is still past its overflow time, c3 is not.
    const offered = h
      .at(96_000)
      .ok({ type: 'agent.setState', agentId: 'dan', status: 'Available' });
    expect(offeredTo(offered, 'c2')).toBe('dan');
    expect(offeredTo(offered, 'c3')).toBeUndefined();
    expect(h.router.pendingTimers().map((t) => t.at)).toContain(130_000);
  });

  it('overflow work is secondary: an expert takes its own queue first', () => {
    const h = new Harness(overflow());
    h.at(0).login('ann');
    occupy(h, 'ann', 9);
    h.at(1000).message(1, 'hello', 'pn-sales'); // c2, overflows at 61 s
    h.at(2000).message(2, 'hello', 'pn-support'); // c3: cat is busy? not yet logged in
    h.fireTimers(61_000);
    expect(
      offeredTo(
        h.at(62_000).ok({ type: 'agent.setState', agentId: 'cat', status: 'Available' }),
        'c3',
      ),
    ).toBe('cat');
  });
});

describe('routing: tenant validation', () => {
  const refused = (config: TenantConfig, message: RegExp) => {
    expect(() => new Router(config)).toThrow(TenantConfigError);
    expect(() => new Router(config)).toThrow(message);
  };

  it('refuses unknown queues and groups, duplicates and bad priorities with a clear message', () => {
    refused(
      tenant({
        agents: [{ id: 'ann', name: 'Ann', queues: [{ queue: 'nope', skill: 'secondary' }] }],
      }),
      /agent "ann" serves unknown queue "nope"/,
    );
    refused(
      tenant({
        agents: [
          { id: 'ann', name: 'Ann', queues: ['sales', { queue: 'sales', skill: 'secondary' }] },
        ],
      }),
      /agent "ann" lists queue "sales" twice/,
    );
    refused(
      tenant({
        queues: [
          { id: 'sales', name: 'Sales', priority: 1.5 },
          { id: 'support', name: 'S' },
        ],
      }),
      /queue "sales" priority must be an integer/,
    );
    refused(
      tenant({
        queues: [
          { id: 'sales', name: 'Sales', overflow: [{ afterMs: 60_000, agentGroups: ['experts'] }] },
          { id: 'support', name: 'Support' },
        ],
      }),
      /queue "sales" overflow\[0\]: no agent is in group "experts"/,
    );
    refused(
      tenant({
        queues: [
          { id: 'sales', name: 'Sales', overflow: [{ afterMs: 0, agentGroups: ['g'] }] },
          { id: 'support', name: 'Support' },
        ],
        agents: [{ id: 'ann', name: 'Ann', group: 'g' }],
      }),
      /queue "sales" overflow\[0\]: afterMs must be > 0/,
    );
  });
});
