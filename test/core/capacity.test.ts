import { describe, expect, it } from 'vitest';
import {
  chooseAgent,
  DEFAULT_CAPACITY,
  leastLoaded,
  longestWaiting,
} from '../../src/core/index.js';
import { Harness, offeredTo, tenant } from './harness.js';

describe('channel capacity and routing', () => {
  it('capacity 1: an agent holds one conversation; the next waits until wrap-up is submitted', () => {
    const h = new Harness();
    h.login('ann');
    h.message(1);
    h.accept('ann', 'c1');
    expect(offeredTo(h.message(2), 'c2')).toBeUndefined();
    h.end('ann', 'c1');
    expect(h.router.stats().waiting.sales).toBe(1);
    expect(offeredTo(h.wrapUp('ann', 'c1'), 'c2')).toBe('ann');
  });

  it('capacity 5 (the default): five concurrent conversations, the sixth waits', () => {
    const h = new Harness(tenant({ agents: [{ id: 'ann', name: 'Ann' }] }));
    expect(DEFAULT_CAPACITY).toBe(5);
    h.login('ann');
    for (let n = 1; n <= 6; n++) h.at(n).message(n);
    const ann = h.router.state.agents.get('ann')!;
    expect(ann.offers.size).toBe(5);
    expect(h.router.stats().waiting.sales).toBe(1);
    for (let n = 1; n <= 5; n++) h.accept('ann', `c${n}`);
    expect(ann.active.size).toBe(5);
    h.end('ann', 'c3');
    expect(h.router.stats().waiting.sales).toBe(1);
    expect(offeredTo(h.wrapUp('ann', 'c3'), 'c6')).toBe('ann');
  });

  it('longest-waiting: the agent ready the longest gets the offer; an offer resets the wait', () => {
    const h = new Harness();
    h.at(10).login('bob');
    h.at(20).login('ann');
    expect(offeredTo(h.at(30).message(1), 'c1')).toBe('bob');
    expect(offeredTo(h.at(40).message(2), 'c2')).toBe('ann');
  });

  it('routing policies are pure functions over eligible agents with deterministic ties', () => {
    const agents = [
      { index: 0, readySince: 50, engaged: 2, capacity: 5 },
      { index: 1, readySince: 10, engaged: 4, capacity: 5 },
      { index: 2, readySince: 10, engaged: 1, capacity: 5 },
    ];
    expect(chooseAgent(longestWaiting, agents)).toBe(1);
    expect(chooseAgent(leastLoaded, agents)).toBe(2);
    // Tie on readySince: the lower index, wherever it stands in the list.
    expect(chooseAgent(longestWaiting, [agents[2]!, agents[1]!])).toBe(1);
    expect(longestWaiting(agents[1]!, agents[2]!)).toBeLessThan(0);
    // The same share of capacity in use (2/4 = 1/2): longest waiting decides.
    const half = [
      { index: 0, readySince: 30, engaged: 2, capacity: 4 },
      { index: 1, readySince: 20, engaged: 1, capacity: 2 },
    ];
    expect(chooseAgent(leastLoaded, half)).toBe(1);
  });

  it('least-loaded spreads conversations over multi-slot agents', () => {
    const h = new Harness(
      tenant({
        routingPolicy: 'least-loaded',
        agents: [
          { id: 'ann', name: 'Ann', capacity: 3 },
          { id: 'bob', name: 'Bob', capacity: 3 },
        ],
      }),
    );
    h.at(0).login('ann', 'bob');
    const to = [1, 2, 3, 4].map((n) => offeredTo(h.at(n).message(n), `c${n}`));
    expect(to).toEqual(['ann', 'bob', 'ann', 'bob']);
  });

  it('agents only get queues they serve; across queues the oldest waiting conversation goes first', () => {
    const h = new Harness(
      tenant({
        agents: [
          { id: 'ann', name: 'Ann', capacity: 1, queues: ['support'] },
          { id: 'bob', name: 'Bob', capacity: 1, queues: ['sales', 'support'] },
        ],
      }),
    );
    h.at(1).message(1, 'sales first', 'pn-sales');
    h.at(2).message(2, 'support second', 'pn-support');
    expect(
      offeredTo(h.at(3).ok({ type: 'agent.setState', agentId: 'ann', status: 'Available' }), 'c1'),
    ).toBeUndefined();
    expect(offeredTo(h.effects, 'c2')).toBe('ann');
    expect(
      offeredTo(h.at(4).ok({ type: 'agent.setState', agentId: 'bob', status: 'Available' }), 'c1'),
    ).toBe('bob');
  });

  it('rejects tenants it cannot route', () => {
    expect(() => new Harness(tenant({ agents: [{ id: 'a', name: 'A', capacity: 0 }] }))).toThrow(
      /capacity/,
    );
    expect(
      () => new Harness(tenant({ assets: [{ id: 'x', number: '1', queueId: 'nope' }] })),
    ).toThrow(/unknown queue/);
    expect(() => new Harness(tenant({ wrapUpReasons: [] }))).toThrow(/wrap-up/);
    expect(
      () => new Harness(tenant({ agents: [{ id: 'a', name: 'A', queues: ['zzz'] }] })),
    ).toThrow(/unknown queue/);
  });
});
