import { describe, expect, it } from 'vitest';
import { decisionDiff, simulatorAndLoadTest } from './decisionDiff.js';

/**
 * Issue 11, "Done means" 1: the smoke scenario from one seed through the simulator, and through
 * a fast load test against the reference deployment (the `ccsim serve` the load test starts),
 * finds the same decisions, conversation by conversation: who answered, the agents of each
 * transfer and conference, the replies, the wrap-up reasons, the abandons. The two sides are the
 * simulator's records of the traced replication (what predicted-vs-measured compares with) and
 * the deployment's records read back through its admin API.
 *
 * What makes them equal (docs/load.md, "Differences from the simulator"): agents draw from
 * streams keyed by the conversation and offer number, not in event order; the replayer sends an
 * agent's state changes one after the other, so agents logged in at one instant become ready in
 * the model's order as in the simulator; a hand-over refused as TARGET_AGENT_UNAVAILABLE is
 * chosen again from a fresh list. No difference is allowed: the test fails on any.
 */
const SMOKE = 'scenarios/whatsapp-smoke.yaml';
/** The scenario's own seed; at it the run has transfers, conferences, abandons and RONAs. */
const SEED = 1;
const SPEED = 120;

describe('differential: the simulator and a load test make the same decisions', () => {
  it(`smoke, seed ${SEED}, --speed ${SPEED}: every conversation's decisions alike`, async () => {
    const { simulated, measured } = await simulatorAndLoadTest(SMOKE, SEED, SPEED);
    const { compared, differences, decisions } = decisionDiff(simulated.records, measured.records);
    // Not a vacuous comparison: the run has conversations of every kind the test compares.
    expect(compared).toBe(simulated.records.length);
    expect(decisions.transfers).toBeGreaterThan(0);
    expect(decisions.conferences).toBeGreaterThan(0);
    expect(decisions.abandoned).toBeGreaterThan(0);
    expect(decisions.ronas).toBeGreaterThan(0);
    expect(new Set(decisions.wrapUpReasons).size).toBeGreaterThan(1);
    expect(differences).toEqual([]);
  }, 180_000);
});
