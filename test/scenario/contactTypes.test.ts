import { describe, expect, it } from 'vitest';
import { compileBehaviour, intervalFactor } from '../../src/scenario/behaviour.js';
import { createRandom } from '../../src/scenario/random.js';
import { scenario } from '../behaviour/scenarios.js';

/**
 * Contact types (`behaviour.queues`, `behaviour.assets`) and per-interval overrides
 * (`behaviour.intervals`): how they merge and compile, and the scenario errors that refuse a
 * bad one before any work starts. The base is the behaviour suite's scenario: queues sales and
 * billing, asset pn-1 on sales, deterministic times (accept 2 s, reply 10 s, patience 60 s).
 */

const rng = createRandom(1, 'contact-types');

describe('compiled contact types', () => {
  it('one type, no look-ups, when the scenario has no blocks', () => {
    const b = compileBehaviour(scenario());
    expect(b.contactTypes.map((t) => t.name)).toEqual(['tenant']);
    expect(b.perQueue).toBe(false);
    expect([...b.assetContactType]).toEqual([0]);
    expect([...b.queueContactType]).toEqual([0, 0]);
    expect(b.groupQueueFactor).toBeNull();
  });

  it('merges asset over queue over tenant, key by key; null removes a plan or the patience', () => {
    const b = compileBehaviour(
      scenario({
        behaviour: {
          transfer: { probability: 0.5, targets: [{ queue: 'billing' }] },
          queues: {
            sales: {
              agent: { acceptDelay: { dist: 'deterministic', value: 5 } },
              transfer: null,
            },
            billing: { agent: { handling: { replyTime: { dist: 'deterministic', value: 40 } } } },
          },
          assets: {
            'pn-1': { customer: { patience: null }, agent: { missProbability: 0.5 } },
          },
        },
      }),
    );
    expect(b.contactTypes.map((t) => t.name)).toEqual([
      'tenant',
      'queue sales',
      'queue billing',
      'asset pn-1',
    ]);
    expect([...b.queueContactType]).toEqual([1, 2]);
    expect([...b.assetContactType]).toEqual([3]);
    expect(b.perQueue).toBe(true);
    const [tenant, sales, billing, asset] = b.contactTypes;
    expect(tenant!.transfer!.probability).toBe(0.5);
    expect(sales!.transfer).toBeNull();
    expect(sales!.agent.acceptDelayMs(rng)).toBe(5000);
    expect(sales!.agent.replyTimeMs!(rng)).toBe(10_000);
    expect(billing!.agent.replyTimeMs!(rng)).toBe(40_000);
    expect(billing!.agent.acceptDelayMs(rng)).toBe(2000);
    expect(billing!.transfer!.probability).toBe(0.5);
    // The asset's type: its own fields over its queue's (sales) over the tenant's.
    expect(asset!.customer.patienceMs).toBeNull();
    expect(asset!.agent.missProbability).toBe(0.5);
    expect(asset!.agent.acceptDelayMs(rng)).toBe(5000);
    expect(asset!.transfer).toBeNull();
    expect(tenant!.customer.patienceMs!(rng)).toBe(60_000);
  });

  it('turns per-interval means into factors of the distribution, and picks by time', () => {
    const b = compileBehaviour(
      scenario({
        behaviour: {
          intervals: { patienceMeanSeconds: [30, 120] },
          queues: { billing: { intervals: { handleTimeFactor: [1, 2] } } },
        },
      }),
    );
    const tenant = b.contactTypes[0]!;
    expect([...tenant.customer.patienceFactor!]).toEqual([0.5, 2]);
    expect(tenant.agent.handleFactor).toBeNull();
    const billing = b.contactTypes[b.queueContactType[1]!]!;
    expect([...billing.agent.handleFactor!]).toEqual([1, 2]);
    // The tenant's patience means are inherited: billing gives only a handle-time factor.
    expect([...billing.customer.patienceFactor!]).toEqual([0.5, 2]);
    const minute = 60_000;
    expect(intervalFactor(billing.agent.handleFactor, b.intervalMs, 0)).toBe(1);
    expect(intervalFactor(billing.agent.handleFactor, b.intervalMs, 15 * minute)).toBe(2);
    // The drain keeps the last interval's value.
    expect(intervalFactor(billing.agent.handleFactor, b.intervalMs, 90 * minute)).toBe(2);
    expect(intervalFactor(null, b.intervalMs, 0)).toBe(1);
  });

  it('factors of 1 compile to none: a neutral block costs nothing at run time', () => {
    const b = compileBehaviour(
      scenario({ behaviour: { intervals: { handleTimeFactor: 1, patienceFactor: [1, 1] } } }),
    );
    expect(b.agent.handleFactor).toBeNull();
    expect(b.customer.patienceFactor).toBeNull();
  });
});

describe('scenario errors of contact types (before any work starts)', () => {
  const refused = (over: Record<string, unknown>): string => {
    try {
      scenario(over);
    } catch (e) {
      return (e as Error).message;
    }
    return 'accepted';
  };

  it('names unknown queues and assets, with their path', () => {
    expect(refused({ behaviour: { queues: { nope: {} } } })).toContain(
      'behaviour.queues.nope: unknown queue "nope"; the queues are "sales", "billing"',
    );
    expect(refused({ behaviour: { assets: { 'pn-9': {} } } })).toContain(
      'behaviour.assets["pn-9"]: unknown asset "pn-9"; the assets are "pn-1"',
    );
  });

  it('refuses another handling model, or a distribution of another model', () => {
    expect(
      refused({
        behaviour: {
          queues: {
            sales: {
              agent: {
                handling: { model: 'handle-time', handleTime: { dist: 'exponential', mean: 9 } },
              },
            },
          },
        },
      }),
    ).toMatch(
      /model: "handle-time" differs from the tenant's handling model "dialogue"[\s\S]*handleTime: the dialogue model has no "handleTime"/,
    );
  });

  it('checks targets, wrap-up reasons and interval lengths inside a type', () => {
    const message = refused({
      behaviour: {
        queues: {
          billing: {
            transfer: { probability: 1, targets: [{ queue: 'nope' }] },
            agent: { wrapUpReasonWeights: { nope: 1 } },
            intervals: { handleTimeFactor: [1, 2, 3] },
          },
        },
      },
    });
    expect(message).toContain(
      'behaviour.queues.billing.transfer.targets[0].queue: unknown queue "nope"',
    );
    expect(message).toContain(
      'behaviour.queues.billing.agent.wrapUpReasonWeights.nope: unknown wrap-up reason "nope"',
    );
    expect(message).toContain(
      'behaviour.queues.billing.intervals.handleTimeFactor: 3 entries; horizon.intervals is 2',
    );
  });

  it('refuses a handle-time mean in the dialogue model, a patience mean without patience, both forms at once', () => {
    expect(refused({ behaviour: { intervals: { handleTimeMeanSeconds: 100 } } })).toContain(
      'behaviour.intervals.handleTimeMeanSeconds: the dialogue model has no handle-time distribution to rescale',
    );
    expect(
      refused({
        behaviour: {
          assets: {
            'pn-1': { customer: { patience: null }, intervals: { patienceMeanSeconds: 9 } },
          },
        },
      }),
    ).toContain(
      'behaviour.assets["pn-1"].intervals.patienceMeanSeconds: these customers have no patience',
    );
    expect(
      refused({ behaviour: { intervals: { patienceFactor: 2, patienceMeanSeconds: 9 } } }),
    ).toContain('give patienceFactor or patienceMeanSeconds, not both');
  });

  it('needs unique names for queues with a type (a popover shows the name)', () => {
    expect(
      refused({
        tenant: {
          queues: [
            { id: 'sales', name: 'Desk' },
            { id: 'billing', name: 'Desk' },
          ],
        },
        behaviour: { queues: { billing: {} } },
      }),
    ).toContain(
      'behaviour.queues.billing: queue "billing" has a contact type, so its name "Desk" must be unique',
    );
  });
});
