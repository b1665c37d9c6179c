import { describe, expect, it } from 'vitest';
import type { AgentStateRecord } from '../../src/core/index.js';
import { computeKpis } from '../../src/kpi/index.js';
import { Harness, tenant } from '../core/harness.js';
import { input, s } from './builders.js';

/** Records and agent states produced by the real router, through computeKpis. */
describe('computeKpis on the router’s own records', () => {
  it('a RONA, a queue, an abandon: the KPIs a planner would read off the timeline', () => {
    const h = new Harness(tenant({ agents: [{ id: 'ann', name: 'Ann Smith', capacity: 1 }] }));
    h.at(0).login('ann');
    h.at(0).message(1); // c1: offered to ann at once
    h.at(s(5)).accept('ann', 'c1');
    h.at(s(10)).message(2); // c2: queued, ann is full
    h.at(s(20)).message(3); // c3: queued
    h.at(s(30)).ok({ type: 'customer.abandon', conversationId: 'c3' });
    h.at(s(65)).end('ann', 'c1');
    h.at(s(70)).wrapUp('ann', 'c1'); // frees the slot: c2 offered to ann at 70 s
    h.fireTimers(s(100)); // ann misses it: RONA, c2 back to the queue
    h.at(s(110)).login('ann'); // c2 offered again
    h.at(s(112)).accept('ann', 'c2');
    h.at(s(150)).end('ann', 'c2');
    h.at(s(150)).wrapUp('ann', 'c2');

    const agentStates: AgentStateRecord[] = h.effects.flatMap((e) =>
      e.type === 'agent.state' ? [e.record] : [],
    );
    expect(agentStates.map((a) => a.status)).toEqual(['Available', 'RONA', 'Available']);
    const { total } = computeKpis(
      input({ records: h.records, agentStates, agentCapacity: { ann: 1 } }),
    );
    expect(total).toMatchObject({
      offered: 3,
      answered: 2,
      handled: 2,
      abandoned: 1,
      shortAbandoned: 0,
      answeredWithinThreshold: 1,
      offers: 3,
      ronaCount: 1,
      maxQueueLength: 2,
      maxWait: 102,
      aht: 49, // (60 + 38) / 2
      avgWrapUp: 2.5, // (5 + 0) / 2
    });
    expect(total.serviceLevel).toBeCloseTo(1 / 3, 12); // c1 answered after 5 s
    expect(total.asa).toBeCloseTo((5 + 102) / 2, 12);
    expect(total.ronaRate).toBeCloseTo(1 / 3, 12);
    // c1 fills ann's slot 0–70 s, c2's accepted offer 110–150 s. The missed offer 70–100 s left no
    // leg, so it is not in the busy time: a documented limit of records.
    expect(total.occupancy).toBeCloseTo(110 / 180, 12);
    expect(total.staffedAgents).toBe(1); // RONA is staffed
    // Waits 5 + 102 + 10 = 117 s, all over by the end of the horizon.
    expect(total.littlesLaw.meanWaiting).toBeCloseTo(117 / 180, 12);
    expect(total.littlesLaw.lambdaW).toBeCloseTo(117 / 180, 12);
  });

  it('transfer to a queue, a conference, an asset deletion', () => {
    const h = new Harness(
      tenant({
        agents: [
          { id: 'ann', name: 'Ann Smith', capacity: 2 },
          { id: 'bob', name: 'Bob Jones', capacity: 2 },
        ],
      }),
    );
    h.at(0).login('ann');
    h.at(0).message(1); // c1 → ann
    h.at(s(2)).accept('ann', 'c1');
    h.at(s(10)).ok({
      type: 'agent.transfer',
      agentId: 'ann',
      conversationId: 'c1',
      target: { kind: 'queue', queueId: 'billing' },
    });
    h.at(s(10)).ok({ type: 'agent.setState', agentId: 'ann', status: 'Idle' });
    h.at(s(12)).wrapUp('ann', 'c1');
    h.at(s(40)).login('bob'); // c1 → bob after 30 s in billing
    h.at(s(45)).accept('bob', 'c1');
    h.at(s(50)).message(2, 'hi', 'pn-support'); // c2 → bob (second slot)
    h.at(s(51)).accept('bob', 'c2');
    h.at(s(55)).login('ann');
    h.at(s(60)).ok({
      type: 'agent.conference',
      agentId: 'bob',
      conversationId: 'c1',
      target: { kind: 'agent', agentId: 'ann' },
    });
    h.at(s(62)).accept('ann', 'c1');
    h.at(s(70)).ok({ type: 'agent.leaveConference', agentId: 'ann', conversationId: 'c1' });
    h.at(s(72)).wrapUp('ann', 'c1');
    h.at(s(80)).ok({ type: 'admin.deleteAsset', assetId: 'pn-support' });
    h.at(s(85)).end('bob', 'c2');
    h.at(s(86)).wrapUp('bob', 'c2');
    h.at(s(90)).end('bob', 'c1');
    h.at(s(95)).wrapUp('bob', 'c1');

    const agentStates = h.effects.flatMap((e) => (e.type === 'agent.state' ? [e.record] : []));
    const { total } = computeKpis(
      input({ records: h.records, agentStates, agentCapacity: { ann: 2, bob: 2 } }),
    );
    expect(h.records.map((r) => [r.conversationId, r.outcome])).toEqual([
      ['c2', 'interrupted'],
      ['c1', 'handled'],
    ]);
    expect(total).toMatchObject({
      offered: 2,
      answered: 2,
      handled: 1,
      interrupted: 1,
      transfers: 1,
      conferences: 1,
      aht: 8 + 45, // ann 2–10, bob 45–90; ann's conference leg is not handle time
      avgWrapUp: 2 + 5,
      waitP50: 1,
      waitP99: 2,
      maxQueueLength: 1, // c1 waiting in billing 10–40 s
    });
    // Slots: ann 0–12 and 62–72 (offered 60), bob 40–95 and 50–86; staffed: ann 2·180, bob 2·140.
    expect(total.occupancy).toBeCloseTo((12 + 12 + 55 + 36) / (360 + 280), 12);
  });
});
