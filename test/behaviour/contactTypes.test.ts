import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/scenario/index.js';
import { FakeShell } from './fakeShell.js';
import { AGENTS, behaviourOf } from './scenarios.js';

/**
 * Which contact type an agent handles a leg as, driven directly: the conversation's own type
 * (fixed at arrival by its asset) in the queue it arrived in, the type of the queue the popover
 * shows after a transfer elsewhere, and the group × queue handle-time factor. Times are the
 * suite's deterministic ones (accept 2 s, reply 10 s, close 3 s, wrap-up 4 s).
 */

const TYPED = {
  behaviour: {
    queues: {
      billing: {
        agent: {
          acceptDelay: { dist: 'deterministic', value: 7 },
          handling: { replyTime: { dist: 'deterministic', value: 50 } },
          wrapUpTime: { dist: 'deterministic', value: 30 },
        },
      },
    },
    assets: { 'pn-1': { agent: { acceptDelay: { dist: 'deterministic', value: 1 } } } },
  },
};

function shellOf(over: Record<string, unknown>) {
  const shell = new FakeShell({
    behaviour: behaviourOf(over),
    agents: AGENTS,
    expectedMessages: () => 3,
    customerDone: () => false,
  });
  for (const a of AGENTS) shell.login(a.id);
  return shell;
}

describe('the contact type of a leg', () => {
  it("is the asset's in the queue the conversation arrived in, the other queue's after a transfer", () => {
    const shell = shellOf(TYPED);
    const c = shell.model.conversation(0, createRandom(1, 'c'), null, 0);
    c.id = 'c1';
    expect(c.type.name).toBe('asset pn-1');
    expect(c.queue).toBe(0);
    const a1 = shell.agent('a1');
    shell.model.offered(a1, c, 'route', 'Sales');
    // The asset's accept delay (1 s), not the tenant's (2 s).
    expect(shell.wakeNames()).toEqual(['1000 accept']);
    shell.runUntil(1000);
    shell.model.accepted(a1, c, 1, 0);
    expect(c.leg.name).toBe('asset pn-1');
    expect(shell.wakeNames()).toEqual(['11000 owner']);
    // Transferred to billing: b1's offer shows the Billing queue.
    shell.model.wrapUpRequired(a1, c);
    const b1 = shell.agent('b1');
    shell.model.offered(b1, c, 'transfer', 'Billing');
    // a1's wrap-up is its own leg's (the asset's type: the tenant's 4 s); b1 accepts after
    // billing's 7 s.
    expect(shell.wakeNames()).toEqual(['5000 wrap-up', '8000 accept']);
    shell.runUntil(8000);
    shell.model.accepted(b1, c, 1, 0);
    expect(c.leg.name).toBe('queue billing');
    // Billing's reply time: 50 s after the accept; billing's wrap-up, 30 s.
    expect(shell.wakeNames()).toEqual(['58000 owner']);
    shell.model.wrapUpRequired(b1, c);
    expect(shell.wakeNames()).toEqual(['38000 wrap-up']);
  });

  it('an agent-group transfer stays in the queue, and so keeps the type', () => {
    const shell = shellOf(TYPED);
    const c = shell.model.conversation(0, createRandom(1, 'c'), null, 0);
    c.id = 'c1';
    shell.model.offered(shell.agent('b2'), c, 'transfer', 'Sales');
    expect(shell.wakeNames()).toEqual(['1000 accept']);
  });

  it("a conversation the shell cannot place (no asset) is the tenant's type", () => {
    const shell = shellOf(TYPED);
    const c = shell.model.conversation(0, createRandom(1, 'c'), null);
    expect(c.type.name).toBe('tenant');
    expect(c.queue).toBe(-1);
  });

  it("multiplies the leg's handling times by its group's factor on the offer's queue", () => {
    const shell = shellOf({
      tenant: {
        agentGroups: [
          { id: 'front', size: 2, capacity: 2 },
          {
            id: 'back',
            size: 3,
            capacity: 3,
            queues: ['sales', { queue: 'billing', handleTimeFactor: 2 }],
          },
        ],
      },
    });
    expect(shell.behaviour.perQueue).toBe(true);
    const c = shell.model.conversation(0, createRandom(1, 'c'), null, 0);
    c.id = 'c1';
    const b1 = shell.agent('b1');
    // From sales: factor 1, the reply after 10 s.
    shell.model.offered(b1, c, 'route', 'Sales');
    shell.runUntil(2000);
    shell.model.accepted(b1, c, 1, 0);
    expect(shell.wakeNames()).toEqual(['12000 owner']);
    shell.model.wrapUpRequired(b1, c);
    shell.runUntil(10_000);
    // From billing: b1's group takes twice as long (reply 20 s, close 6 s).
    const b2 = shell.agent('b2');
    shell.model.offered(b2, c, 'transfer', 'Billing');
    shell.runUntil(12_000);
    shell.model.accepted(b2, c, 1, 0);
    expect(shell.wakeNames()).toEqual(['32000 owner']);
  });
});
