import { type Behaviour, compileBehaviour, type Scenario } from '../../src/scenario/index.js';
import { merge, scenarioFrom } from '../sim/fixtures.js';

/**
 * Small scenarios for the behaviour suite, with deterministic times so that a test can say when
 * each step falls: accept after 2 s, wrap-up 4 s, reply 10 s, think 20 s, close 3 s, handle
 * 100 s, patience 60 s. Two groups: `front` (a1, a2, capacity 2) and `back` (b1, b2, b3,
 * capacity 1..3 by override).
 */
const json = {
  name: 'behaviour',
  horizon: { start: '09:00', intervalMinutes: 15, intervals: 2, warmupMinutes: 0 },
  tenant: {
    queues: [
      { id: 'sales', name: 'Sales' },
      { id: 'billing', name: 'Billing' },
    ],
    assets: [{ id: 'pn-1', number: '+31 20 555 0100', queue: 'sales' }],
    agentGroups: [
      { id: 'front', size: 2, capacity: 2 },
      { id: 'back', size: 3, capacity: 3 },
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
    masking: { enabled: false },
  },
  arrivals: { perInterval: { 'pn-1': [10, 10] } },
  staffing: { perInterval: { front: 2, back: 3 } },
  behaviour: {
    customer: { patience: { dist: 'deterministic', value: 60 }, shortAbandonSeconds: 5 },
    agent: {
      acceptDelay: { dist: 'deterministic', value: 2 },
      missProbability: 0,
      ronaReturn: { probability: 1, delay: { dist: 'deterministic', value: 30 } },
      handling: {
        model: 'dialogue',
        messages: { dist: 'deterministic', value: 3 },
        thinkTime: { dist: 'deterministic', value: 20 },
        replyTime: { dist: 'deterministic', value: 10 },
        closeTime: { dist: 'deterministic', value: 3 },
      },
      wrapUpTime: { dist: 'deterministic', value: 4 },
      wrapUpReasonWeights: { solved: 3, callback: 1 },
      concurrencySlowdown: [1, 1.5],
    },
  },
  serviceLevel: { thresholdSeconds: 60, definition: 'offered' },
  simulation: { replications: 1, seed: 1, sampleSeconds: 60 },
};

export function scenario(over: Record<string, unknown> = {}): Scenario {
  return scenarioFrom(merge(json, over));
}

export function behaviourOf(over: Record<string, unknown> = {}): Behaviour {
  return compileBehaviour(scenario(over));
}

/** The handle-time variant: 100 s. */
export function handleTimeOver(over: Record<string, unknown> = {}): Record<string, unknown> {
  return merge(
    {
      behaviour: {
        agent: {
          handling: { model: 'handle-time', handleTime: { dist: 'deterministic', value: 100 } },
        },
      },
    },
    over,
  );
}

/** Agents of the two groups as FakeShell takes them. */
export const AGENTS = [
  { id: 'a1', group: 0, capacity: 2 },
  { id: 'a2', group: 0, capacity: 2 },
  { id: 'b1', group: 1, capacity: 3 },
  { id: 'b2', group: 1, capacity: 3 },
  { id: 'b3', group: 1, capacity: 3 },
];
