import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../sim/replication.js';
import type { TraceEvent } from '../../src/behaviour/index.js';
import { arrivalChain } from '../../src/behaviour/recontactDecision.js';
import type { ConversationRecord } from '../../src/core/index.js';
import type { Scenario } from '../../src/scenario/index.js';
import { ScenarioError } from '../../src/scenario/index.js';
import { stress, stressHandleTime, stressJson } from './fixtures.js';

/**
 * Re-contacts (issue 12 item 3) in the simulator: customers who abandoned or whose handled
 * conversation left them unsolved write again, as a new conversation on the same asset with the
 * same identity, and its record links it to the one before.
 *
 * - A re-contact block that cannot fire (probabilities 0) draws only from its own stream: every
 *   record of every replication is the same as without the block (byte-identical).
 * - With certain re-contacts and a fixed delay, every abandon (and every handled conversation
 *   wrapped up with an "unsolved" reason) ending before the horizon minus the delay is followed
 *   by exactly one re-contact, arriving exactly the delay after its end, linked to it.
 */

function records(scenario: Scenario, replication: number, check = false) {
  return simulateReplication(scenario, replication, { keepRecords: true, kpis: false, check })
    .records!;
}

const HORIZON_MS = 8 * 15 * 60_000;

describe('re-contacts that never fire (R11, issue 12: byte-identical)', () => {
  const neutral = {
    behaviour: {
      customer: {
        recontact: {
          afterAbandon: { probabilities: [0, 0], delay: { dist: 'exponential', mean: 600 } },
          afterUnsolved: { probability: 0, delay: { dist: 'exponential', mean: 900 } },
        },
      },
      queues: { sales: { customer: { recontact: { afterAbandon: null } } } },
    },
  };

  it('dialogue: the same records, replication by replication', () => {
    for (const i of [0, 1]) {
      expect(JSON.stringify(records(stress(neutral), i))).toBe(
        JSON.stringify(records(stress(), i)),
      );
    }
  });

  it('handle time: the same records, replication by replication', () => {
    for (const i of [0, 1]) {
      expect(JSON.stringify(records(stressHandleTime(neutral), i))).toBe(
        JSON.stringify(records(stressHandleTime(), i)),
      );
    }
  });
});

describe('re-contacts after an abandon and after an unsolved conversation', () => {
  const DELAY_S = 120;
  const certain = stress({
    behaviour: {
      customer: {
        recontact: {
          afterAbandon: { probabilities: [1, 1], delay: { dist: 'deterministic', value: DELAY_S } },
          afterUnsolved: {
            probability: 1,
            delay: { dist: 'deterministic', value: DELAY_S },
            reasons: ['callback'],
          },
        },
      },
    },
  });

  /** Does `r`'s customer come back after it, by the rules of the scenario above? */
  const followed = (r: ConversationRecord, all: readonly ConversationRecord[]) => {
    const abandonsBefore = chainOf(r, all).filter((x) => x.outcome === 'abandoned').length;
    if (r.outcome === 'abandoned') return abandonsBefore < 2;
    return r.outcome === 'handled' && r.wrapUpReason === 'callback';
  };
  /** The records of r's chain before r, oldest first. */
  const chainOf = (r: ConversationRecord, all: readonly ConversationRecord[]) => {
    const byId = new Map(all.map((x) => [x.conversationId, x]));
    const chain: ConversationRecord[] = [];
    for (let p = r.previousId; p !== undefined; p = byId.get(p)?.previousId)
      chain.unshift(byId.get(p)!);
    return chain;
  };

  it('every re-contact follows its previous conversation by the delay, same customer and asset', () => {
    const run = simulateReplication(certain, 0, { keepRecords: true, kpis: false, check: true });
    const all = run.records!;
    const byId = new Map(all.map((r) => [r.conversationId, r]));
    const recontacts = all.filter((r) => r.attempt !== undefined);
    expect(recontacts.length).toBeGreaterThan(20);
    for (const r of recontacts) {
      const previous = byId.get(r.previousId!)!;
      expect(previous, r.conversationId).toBeDefined();
      expect(r.customerId).toBe(previous.customerId);
      expect(r.assetId).toBe(previous.assetId);
      expect(r.attempt).toBe((previous.attempt ?? 0) + 1);
      expect(r.firstId).toBe(previous.firstId ?? previous.conversationId);
      // The decision is made when the record is final, after the wrap-up: never sooner.
      expect(r.arrivedAt).toBe(Math.max(previous.endedAt + DELAY_S * 1000, previous.finalizedAt));
      expect(followed(previous, all), previous.conversationId).toBe(true);
    }
    // Every conversation that should be followed, and ended early enough, is followed once;
    // a follower may still be open when the run stops (it has no record yet).
    const followers = new Map<string, number>();
    for (const r of recontacts)
      followers.set(r.previousId!, (followers.get(r.previousId!) ?? 0) + 1);
    const deleted = 65 * 60_000; // pn-promo is deleted at 10:05
    let missing = 0;
    for (const r of all) {
      const at = Math.max(r.endedAt + DELAY_S * 1000, r.finalizedAt);
      const open = r.assetId !== 'pn-promo' || at < deleted;
      const want = followed(r, all) && at < HORIZON_MS && open ? 1 : 0;
      const got = followers.get(r.conversationId) ?? 0;
      expect(got, r.conversationId).toBeLessThanOrEqual(want);
      missing += want - got;
    }
    expect(missing).toBeLessThanOrEqual(run.counts.inSystem);
    // Both kinds happen, and a second abandon in a chain is the last.
    expect(recontacts.some((r) => byId.get(r.previousId!)!.outcome === 'handled')).toBe(true);
    expect(recontacts.some((r) => r.attempt === 2)).toBe(true);
  });

  it('a contact type overrides the tenant: no re-contacts on the sales queue', () => {
    const typed = stress({
      behaviour: {
        customer: (certain as unknown as { behaviour: { customer: unknown } }).behaviour.customer,
        queues: { sales: { customer: { recontact: { afterAbandon: null, afterUnsolved: null } } } },
      },
    });
    const all = records(typed, 0);
    const recontacts = all.filter((r) => r.attempt !== undefined);
    expect(recontacts.length).toBeGreaterThan(10);
    expect(recontacts.every((r) => r.queueId !== 'sales')).toBe(true);
  });

  it('the trace carries re-contacts: their first message is from the same customer, numbered by the chain', () => {
    const events: TraceEvent[] = [];
    simulateReplication(certain, 0, { kpis: false, onCustomerEvent: (e) => events.push(e) });
    const opening = events.filter((e) => e.type === 'message' && e.seq === 1);
    const again = opening.filter((e) => arrivalChain(e.arrival).attempt > 0);
    expect(again.length).toBeGreaterThan(20);
    const firstOf = new Map(
      opening.filter((e) => arrivalChain(e.arrival).attempt === 0).map((e) => [e.arrival, e]),
    );
    for (const e of again) {
      if (e.type !== 'message') continue;
      const first = firstOf.get(arrivalChain(e.arrival).origin)!;
      expect(first.type === 'message' && first.customer).toEqual(e.customer);
      expect(first.assetId).toBe(e.assetId);
      expect(e.messageId).toBe(`wamid.${e.arrival}.1`);
    }
  });
});

describe('re-contact KPIs of a simulated run', () => {
  it('the window rule finds exactly the re-contacts the simulator linked (delays within the window)', () => {
    const scenario = stress({
      behaviour: {
        customer: {
          recontact: {
            afterAbandon: {
              probabilities: [0.7, 0.5],
              delay: { dist: 'uniform', min: 30, max: 900 },
            },
            afterUnsolved: { probability: 0.3, delay: { dist: 'uniform', min: 60, max: 1200 } },
            windowSeconds: 1200,
          },
        },
      },
    });
    const run = simulateReplication(scenario, 1, { keepRecords: true });
    const measured = run.records!.filter((r) => r.arrivedAt < HORIZON_MS);
    const linked = measured.filter((r) => r.attempt !== undefined).length;
    expect(linked).toBeGreaterThan(30);
    const total = run.kpis!.total;
    expect(total.offered).toBe(measured.length);
    expect(total.recontacts).toBe(linked);
    expect(total.recontactShare).toBe(linked / measured.length);
    const followed = new Set(run.records!.map((r) => r.previousId));
    const first = measured.filter((r) => r.attempt === undefined && r.outcome === 'handled');
    expect(total.fcr).toBe(
      first.filter((r) => !followed.has(r.conversationId)).length / first.length,
    );
    expect(Object.values(total.queues).reduce((n, q) => n + q.recontacts!, 0)).toBe(linked);
  });

  it('a scenario without re-contacts has no re-contact KPIs', () => {
    const total = simulateReplication(stress(), 0).kpis!.total;
    expect(total).not.toHaveProperty('recontacts');
    expect(total).not.toHaveProperty('fcr');
  });
});

describe('re-contact scenario errors', () => {
  it('an unknown wrap-up reason is refused with its path', () => {
    const bad = () =>
      stress({
        behaviour: {
          customer: {
            recontact: {
              afterUnsolved: {
                probability: 0.2,
                delay: { dist: 'exponential', mean: 60 },
                reasons: ['callbak'],
              },
            },
          },
        },
      });
    expect(bad).toThrow(ScenarioError);
    expect(bad).toThrow(
      /behaviour\.customer\.recontact\.afterUnsolved\.reasons\[0\].*unknown wrap-up reason "callbak"/s,
    );
  });

  it('the stress scenario file itself has no re-contacts', () => {
    expect((stressJson.behaviour as { customer: object }).customer).not.toHaveProperty('recontact');
  });
});
