import { parseScenario, type Scenario } from '../../src/scenario/index.js';

/**
 * Scenarios for the simulator's tests, built in code. `stress` switches on everything at once
 * (misses and RONA, agents that stay Idle after RONA, staffing that jumps between intervals,
 * transfers and conferences to queues and groups, an asset deleted while busy, patience) so
 * that the test-mode checks see every path of the models.
 */

type Json = Record<string, unknown>;

/** Deep merge of plain objects; a distribution (`dist`) or a handling model (`model`) is replaced. */
export function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  const isObject = (x: unknown): x is Json => !!x && typeof x === 'object' && !Array.isArray(x);
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    const leaf = isObject(v) && ('dist' in v || 'model' in v);
    out[k] = isObject(v) && isObject(b) && !leaf ? merge(b, v) : v;
  }
  return out;
}

export function scenarioFrom(json: Json): Scenario {
  return parseScenario(JSON.stringify(json), 'test.yaml');
}

export const stressJson: Json = {
  name: 'stress',
  horizon: {
    start: '09:00',
    intervalMinutes: 15,
    intervals: 8,
    warmupMinutes: 0,
    drainMinutes: 60,
  },
  tenant: {
    queues: [
      { id: 'sales', name: 'Sales' },
      { id: 'support', name: 'Support' },
      { id: 'billing', name: 'Billing' },
    ],
    assets: [
      { id: 'pn-sales', number: '+31 20 555 0100', queue: 'sales' },
      { id: 'pn-support', number: '+31 20 555 0200', queue: 'support' },
      { id: 'pn-promo', number: '+31 20 555 0300', queue: 'sales' },
    ],
    agentGroups: [
      { id: 'solo', size: 4, capacity: 1, queues: ['sales'] },
      { id: 'multi', size: 5, capacity: 3 },
      { id: 'billing', size: 3, capacity: 2, queues: ['billing', 'support'] },
    ],
    wrapUpReasons: [
      { id: 'solved', label: 'Solved' },
      { id: 'callback', label: 'Call back' },
    ],
    idleCodes: [
      { id: 'break', label: 'Break' },
      { id: 'end-of-shift', label: 'End of shift' },
    ],
    ronaTimeoutSeconds: 20,
    transferPolicy: 'disconnect',
    masking: { enabled: true },
  },
  arrivals: {
    perInterval: {
      'pn-sales': [8, 15, 25, 10, 20, 4, 15, 8],
      'pn-support': [10, 10, 30, 8, 20, 15, 0, 10],
      'pn-promo': [4, 8, 12, 15, 15, 15, 15, 15],
    },
  },
  staffing: {
    perInterval: {
      solo: [2, 4, 1, 3, 0, 4, 2, 3],
      multi: [3, 5, 2, 4, 5, 1, 3, 2],
      billing: [1, 3, 3, 0, 2, 3, 1, 2],
    },
  },
  behaviour: {
    customer: { patience: { dist: 'exponential', mean: 180 }, shortAbandonSeconds: 5 },
    agent: {
      acceptDelay: { dist: 'uniform', min: 0, max: 25 },
      missProbability: 0.15,
      ronaReturn: { probability: 0.6, delay: { dist: 'exponential', mean: 40 } },
      handling: {
        model: 'dialogue',
        messages: { dist: 'empirical', values: [1, 2, 3, 5], weights: [3, 3, 2, 1] },
        thinkTime: { dist: 'lognormal', mean: 30, sd: 20 },
        replyTime: { dist: 'gamma', mean: 25, shape: 2 },
        closeTime: { dist: 'uniform', min: 0, max: 10 },
      },
      wrapUpTime: { dist: 'exponential', mean: 15 },
      wrapUpReasonWeights: { solved: 3, callback: 1 },
      concurrencySlowdown: [1, 1.3, 1.7],
    },
    transfer: {
      probability: 0.3,
      targets: [{ queue: 'billing' }, { agentGroup: 'multi', weight: 2 }, { queue: 'support' }],
      at: 0.5,
    },
    conference: {
      probability: 0.3,
      targets: [{ agentGroup: 'billing' }, { queue: 'sales' }],
      at: 0.2,
      duration: { dist: 'uniform', min: 5, max: 90 },
      ownerEndsProbability: 0.5,
    },
    admin: { assetDeletions: [{ asset: 'pn-promo', at: '10:05' }] },
  },
  serviceLevel: { thresholdSeconds: 60, definition: 'offered' },
  simulation: { replications: 4, seed: 7, sampleSeconds: 60 },
};

export function stress(over: Json = {}): Scenario {
  return scenarioFrom(merge(stressJson, over));
}

/** The stress scenario with the handle-time model instead of the dialogue. */
export function stressHandleTime(over: Json = {}): Scenario {
  const json = structuredClone(stressJson) as { behaviour: { agent: Json } };
  json.behaviour.agent.handling = {
    model: 'handle-time',
    handleTime: { dist: 'lognormal', mean: 240, sd: 150 },
  };
  return scenarioFrom(merge(json as Json, over));
}
