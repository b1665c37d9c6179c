import { describe, expect, it } from 'vitest';
import { type Command, Router, type RoutingPolicyName } from '../../src/core/index.js';
import { tenant } from './harness.js';

/**
 * Issue 13: the work of an offer must not grow with the center. A center of `queues` queues with
 * `perQueue` agents each (each agent serves its own queue) runs at about 85% occupancy: one
 * conversation ends and is wrapped up, a new one arrives and is offered and accepted, over and
 * over. The router's own counters (RouterState.work) give, per offer, the agents examined (can it
 * take this conversation?), the routing-policy comparisons (the heaps' work) and the queues whose
 * candidate dispatch computed. Counted, never timed.
 */

interface Center {
  readonly queues: number;
  readonly perQueue: number;
  readonly capacity: number;
  readonly policy: RoutingPolicyName;
}

interface Cost {
  readonly examined: number;
  readonly compared: number;
  readonly queues: number;
}

const OCCUPANCY = 0.85;
const MEASURED_OFFERS = 2_000;

/** Work per offer over MEASURED_OFFERS offers in steady state. */
function costPerOffer(center: Center): Cost {
  const { queues, perQueue, capacity, policy } = center;
  const queueIds = Array.from({ length: queues }, (_, q) => `q${q}`);
  const router = new Router(
    tenant({
      queues: queueIds.map((id) => ({ id, name: id })),
      assets: queueIds.map((id, q) => ({ id: `pn-${id}`, number: `+31 20 555 ${q}`, queueId: id })),
      agents: queueIds.flatMap((id) =>
        Array.from({ length: perQueue }, (_, i) => ({
          id: `${id}-a${i}`,
          name: `Agent ${i}`,
          capacity,
          queues: [id],
        })),
      ),
      routingPolicy: policy,
    }),
    { trustedCommands: true },
  );
  let now = 0;
  const open: { agentId: string; conversationId: string }[] = [];
  /** Runs a command; every offer it makes is accepted at once (the conversation opens). */
  const run = (command: Command): void => {
    const result = router.handle(++now, command);
    if (!result.ok) throw new Error(`${command.type}: ${result.error.code}`);
    for (const e of result.effects) {
      if (e.type !== 'desktop' || e.event.type !== 'offer') continue;
      const conversationId = e.event.conversationId;
      run({ type: 'agent.accept', agentId: e.agentId, conversationId });
      open.push({ agentId: e.agentId, conversationId });
    }
  };
  for (const agent of router.state.agentList) {
    run({ type: 'agent.setState', agentId: agent.config.id, status: 'Available' });
  }
  // Park-Miller (exact in doubles): which conversation ends, which queue the next one joins.
  let seed = 12_345;
  const draw = (n: number) => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed % n;
  };
  let customers = 0;
  const arrive = () => {
    const n = ++customers;
    run({
      type: 'customer.message',
      assetId: `pn-q${draw(queues)}`,
      customer: { id: `cust-${n}`, name: `Customer ${n}`, phone: `+44 7700 ${n}` },
      messageId: `m${n}`,
      text: 'hi',
    });
  };
  const slots = queues * perQueue * capacity;
  while (open.length < Math.round(OCCUPANCY * slots)) arrive();
  const work = router.state.work;
  const before = { ...work };
  const offersBefore = router.state.offerSeq;
  for (let i = 0; i < MEASURED_OFFERS; i++) {
    const k = draw(open.length);
    const { agentId, conversationId } = open[k]!;
    open[k] = open[open.length - 1]!;
    open.pop();
    run({ type: 'agent.end', agentId, conversationId });
    run({ type: 'agent.wrapUp', agentId, conversationId, reasonId: 'resolved' });
    arrive();
  }
  const offers = router.state.offerSeq - offersBefore;
  return {
    examined: (work.examined - before.examined) / offers,
    compared: (work.compared - before.compared) / offers,
    queues: (work.queues - before.queues) / offers,
  };
}

describe('the work of an offer as the center grows (issue 13)', () => {
  for (const [policy, capacity] of [
    ['longest-waiting', 1],
    ['least-loaded', 3],
  ] as const) {
    it(`${policy}, capacity ${capacity}: constant agents examined, comparisons within c·log2 n, 14 to 14,000 agents`, () => {
      const sizes = [14, 140, 1_400, 14_000];
      const costs = sizes.map((n) => costPerOffer({ queues: 1, perQueue: n, capacity, policy }));
      costs.forEach((cost, i) => {
        const n = sizes[i]!;
        // One agent, the top of the heap, is looked at; the one queue with work is looked at.
        expect(cost.examined, `n=${n}`).toBe(1);
        expect(cost.queues, `n=${n}`).toBe(1);
        // Heap upkeep only: a freed agent goes in (up to log2 n comparisons), the one offered
        // leaves or moves down (up to 2 per level); the scan compared n - 1 agents per offer.
        expect(cost.compared, `n=${n}`).toBeLessThanOrEqual(3 * Math.log2(n));
      });
      // Ten times the agents add a few levels to the heaps, not ten times the work.
      expect(costs[3]!.compared - costs[2]!.compared).toBeLessThanOrEqual(3 * Math.log2(10));
    });
  }

  it('does not look at idle queues: 200 queues × 5 agents cost what 1 queue × 1,000 does, or less', () => {
    const one = costPerOffer({
      queues: 1,
      perQueue: 1_000,
      capacity: 1,
      policy: 'longest-waiting',
    });
    for (const queues of [50, 200]) {
      const many = costPerOffer({
        queues,
        perQueue: 1_000 / queues,
        capacity: 1,
        policy: 'longest-waiting',
      });
      expect(many.examined, `${queues} queues`).toBe(1);
      expect(many.queues, `${queues} queues`).toBe(1);
      expect(many.compared, `${queues} queues`).toBeLessThanOrEqual(one.compared);
    }
  });
});
