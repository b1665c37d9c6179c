import { describe, expect, it } from 'vitest';
import { identityPool } from '../../sim/identityPool.js';
import { ConversationStreams, type CustomerMind } from '../../src/behaviour/index.js';
import { FakeShell } from './fakeShell.js';
import { AGENTS, behaviourOf } from './scenarios.js';

/**
 * Simulated customers, driven directly: their plan at arrival, a follow-up a think time after
 * each agent reply until they have said everything, and patience. No engine, no router.
 */

const pool = identityPool(1);

function shellWith(over: Record<string, unknown> = {}) {
  const shell = new FakeShell({
    behaviour: behaviourOf(over),
    agents: AGENTS,
    customers: { pool, secretRate: 0.2 },
  });
  const streams = new ConversationStreams(11);
  let arrivals = 0;
  const arrive = (): CustomerMind => {
    const i = arrivals++;
    const identity = { id: `3161000000${i}`, name: `C ${i}`, phone: `+3161000000${i}` };
    const customer = shell.model.arrive(
      i,
      0,
      identity,
      shell.now,
      streams.customer(i),
      streams.handling(i),
    );
    customer.conversation!.id = `c${i}`;
    return customer;
  };
  return { shell, arrive };
}

describe('a simulated customer', () => {
  it('plans patience and messages at arrival, then writes its first message', () => {
    const { shell, arrive } = shellWith();
    const customer = arrive();
    expect(customer.messages).toBe(3);
    expect(customer.sent).toBe(1);
    expect(shell.log).toHaveLength(1);
    expect(shell.log[0]).toMatch(/^0 customer 0 writes 1: /);
    expect(shell.wakeNames()).toEqual(['60000 patience']);
  });

  it('answers each reply after its think time until it has sent all its messages', () => {
    const { shell, arrive } = shellWith();
    const customer = arrive();
    shell.now = 5_000;
    shell.model.replyReceived(customer);
    // A second reply before the answer is out does not make a second answer.
    shell.model.replyReceived(customer);
    expect(shell.wakeNames()).toEqual(['25000 customer-message', '60000 patience']);
    shell.runUntil(25_000);
    expect(customer.sent).toBe(2);
    shell.model.replyReceived(customer);
    shell.runUntil(50_000);
    expect(customer.sent).toBe(3);
    shell.model.replyReceived(customer);
    expect(shell.wakeNames()).toEqual(['60000 patience']);
    expect(shell.log.map((l) => l.replace(/: .*/, ''))).toEqual([
      '0 customer 0 writes 1',
      '25000 customer 0 writes 2',
      '45000 customer 0 writes 3',
    ]);
  });

  it('does not write into a conversation that is over', () => {
    const { shell, arrive } = shellWith();
    const customer = arrive();
    shell.model.replyReceived(customer);
    shell.open.delete(customer);
    shell.runUntil(100_000);
    expect(customer.sent).toBe(1);
  });

  it('abandons when its patience runs out while still waiting, not after a first answer', () => {
    const { shell, arrive } = shellWith();
    const waiting = arrive();
    const answered = arrive();
    shell.now = 30_000;
    shell.login('a1');
    shell.model.accepted(shell.agent('a1'), answered.conversation!, 1, 0);
    shell.runUntil(120_000);
    expect(shell.log.filter((l) => l.includes('abandons'))).toEqual(['60000 customer 0 abandons']);
    expect(waiting.patienceWake).toBe(-1);
  });

  it('leaves nothing pending once its conversation is final', () => {
    const { shell, arrive } = shellWith();
    const customer = arrive();
    shell.model.replyReceived(customer);
    shell.model.closed(customer);
    expect(shell.pending()).toEqual([]);
  });
});

describe('validation: abandonment against the exact probability', () => {
  it('with exponential patience (mean 60 s) and an answer after 30 s, P(abandon) = 1 − e^(−1/2)', () => {
    const { shell, arrive } = shellWith({
      behaviour: { customer: { patience: { dist: 'exponential', mean: 60 } } },
    });
    shell.login('a1');
    const n = 4000;
    const customers = Array.from({ length: n }, () => arrive());
    shell.runUntil(30_000);
    for (const c of customers) {
      if (shell.waiting.has(c)) {
        shell.waiting.delete(c);
        shell.model.accepted(shell.agent('a1'), c.conversation!, 1, 0);
      }
    }
    shell.runUntil(Number.POSITIVE_INFINITY);
    const abandoned = shell.log.filter((l) => l.includes('abandons')).length;
    const p = 1 - Math.exp(-0.5);
    // Binomial: 4.4 standard errors either side (a false alarm about once in 10^5 runs).
    expect(Math.abs(abandoned / n - p)).toBeLessThan(4.4 * Math.sqrt((p * (1 - p)) / n));
  });
});
