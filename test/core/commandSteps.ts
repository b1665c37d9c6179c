import fc from 'fast-check';
import type { Command, Router } from '../../src/core/index.js';
import { customer, tenant } from './harness.js';

/**
 * Random command sequences against the router. Each step is drawn as an intent with indices; the
 * intent is turned into a command against the current state, so that most commands are valid
 * (random ids alone would almost never hit a real offer) while some are deliberately not.
 */
export const step = fc.record({
  kind: fc.constantFrom(
    'message',
    'message',
    'message',
    'abandon',
    'state',
    'state',
    'accept',
    'accept',
    'accept',
    'send',
    'transfer',
    'conference',
    'leave',
    'endConference',
    'end',
    'end',
    'wrapUp',
    'wrapUp',
    'wrapUp',
    'timer',
    'timer',
    'deleteAsset',
    'garbage',
  ),
  a: fc.nat(20),
  b: fc.nat(20),
  c: fc.nat(20),
  // Mostly quick steps, so offers are often accepted before their 30 s RONA deadline.
  dt: fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 3_000 }), weight: 6 },
    { arbitrary: fc.integer({ min: 0, max: 45_000 }), weight: 1 },
  ),
});

export const config = tenant({
  agents: [
    { id: 'ann', name: 'Ann', capacity: 1 },
    { id: 'bob', name: 'Bob', capacity: 2, queues: ['sales', 'billing'] },
    { id: 'cat', name: 'Cat', capacity: 3, queues: ['support'] },
    { id: 'dan', name: 'Dan', capacity: 5 },
  ],
});

function pick<T>(items: readonly T[], i: number): T | undefined {
  return items.length === 0 ? undefined : items[i % items.length];
}

export type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** A command for step `s` against the router's current state, its agents and its queues. */
export function toCommand(router: Router, s: Step, pendingTimers: string[]): Command {
  const state = router.state;
  const agentIds = state.agentList.map((a) => a.config.id);
  const queueIds = [...state.queueList.map((q) => q.config.id), 'nope'];
  // Usually act as an agent that can do the step (holds an offer, a conversation...), else anyone.
  const able = agentIds.filter((id) => {
    const a = state.agents.get(id)!;
    if (s.kind === 'accept') return a.offers.size > 0;
    if (s.kind === 'wrapUp') return a.wrapUps.size > 0;
    if (s.kind === 'leave')
      return [...a.active].some((c) => state.conversations.get(c)!.consulted.includes(id));
    if (['send', 'transfer', 'conference', 'endConference', 'end'].includes(s.kind))
      return a.active.size > 0;
    return false;
  });
  const agentId = (s.c % 5 !== 0 ? pick(able, s.a) : undefined) ?? pick(agentIds, s.a)!;
  const agent = state.agents.get(agentId)!;
  const conversations = [...state.conversations.keys()];
  const anyConversation = pick(conversations, s.b) ?? `c${s.b}`;
  const held = [...agent.active];
  const target =
    s.c % 3 === 0
      ? ({ kind: 'queue', queueId: pick(queueIds, s.c)! } as const)
      : ({ kind: 'agent', agentId: pick([...agentIds, 'zed'], s.c)! } as const);
  switch (s.kind) {
    case 'message':
      return {
        type: 'customer.message',
        assetId: pick(['pn-sales', 'pn-support'], s.b)!,
        customer: customer(s.c % 6),
        messageId: `m${s.a}${s.b}${s.c}`,
        text: pick(['hi', 'card 4111 1111 1111 1111', 'bye', ''], s.a)!,
      };
    case 'abandon':
      return { type: 'customer.abandon', conversationId: anyConversation };
    case 'state':
      return {
        type: 'agent.setState',
        agentId,
        status: pick(['Available', 'Available', 'Idle', 'LoggedOut'] as const, s.b)!,
        ...(s.c % 4 === 0 ? { idleCode: pick(['break', 'lunch', 'nap'], s.c)! } : {}),
      };
    case 'accept':
      return {
        type: 'agent.accept',
        agentId,
        conversationId: pick([...agent.offers.keys()], s.b) ?? anyConversation,
      };
    case 'send':
      return {
        type: 'agent.send',
        agentId,
        conversationId: pick(held, s.b) ?? anyConversation,
        text: s.c === 0 ? 'x'.repeat(4097) : 'ok',
      };
    case 'transfer':
      return {
        type: 'agent.transfer',
        agentId,
        conversationId: pick(held, s.b) ?? anyConversation,
        target,
      };
    case 'conference':
      return {
        type: 'agent.conference',
        agentId,
        conversationId: pick(held, s.b) ?? anyConversation,
        target,
      };
    case 'leave': {
      const consulted = held.filter((c) => state.conversations.get(c)!.consulted.includes(agentId));
      return {
        type: 'agent.leaveConference',
        agentId,
        conversationId: pick(consulted, s.b) ?? pick(held, s.b) ?? anyConversation,
      };
    }
    case 'endConference':
      return {
        type: 'agent.endConference',
        agentId,
        conversationId: pick(held, s.b) ?? anyConversation,
      };
    case 'end':
      return { type: 'agent.end', agentId, conversationId: pick(held, s.b) ?? anyConversation };
    case 'wrapUp':
      return {
        type: 'agent.wrapUp',
        agentId,
        conversationId: pick([...agent.wrapUps.keys()], s.b) ?? anyConversation,
        reasonId: s.c === 7 ? 'nope' : 'resolved',
      };
    case 'timer':
      return { type: 'timer.fired', timerId: pick(pendingTimers, s.b) ?? `offer-${s.b}` };
    case 'deleteAsset':
      // Rare on purpose: a deleted asset stops its traffic for the rest of the run.
      return s.c === 13
        ? { type: 'admin.deleteAsset', assetId: pick(['pn-sales', 'pn-support'], s.b)! }
        : { type: 'agent.setState', agentId, status: 'Available' };
    default:
      return { type: 'agent.accept', agentId: 42, conversationId: null } as unknown as Command;
  }
}

/**
 * Priorities, skills and overflow (docs/router.md, "Routing"): the same tenant's agents, with
 * secondary skills, a priority queue, and overflow to a group after 20 s and 50 s.
 */
export const routingConfig = tenant({
  queues: [
    {
      id: 'sales',
      name: 'Sales',
      overflow: [
        { afterMs: 50_000, agentGroups: ['back'] },
        { afterMs: 20_000, agentGroups: ['front'] },
      ],
    },
    { id: 'support', name: 'Support', priority: 2 },
    { id: 'billing', name: 'Billing', priority: -1 },
  ],
  agents: [
    { id: 'ann', name: 'Ann', capacity: 1, queues: ['support'], group: 'front' },
    {
      id: 'bob',
      name: 'Bob',
      capacity: 2,
      queues: [{ queue: 'sales', skill: 'secondary' }, 'billing'],
      group: 'front',
    },
    { id: 'cat', name: 'Cat', capacity: 3, queues: ['support'], group: 'back' },
    {
      id: 'dan',
      name: 'Dan',
      capacity: 5,
      queues: ['billing', { queue: 'support', skill: 'secondary' }],
    },
  ],
});
