import { describe, expect, it } from 'vitest';
import {
  type IntervalOutcome,
  measuredBreakAllowances,
  rosterDocument,
  solveRoster,
} from '../../src/roster/index.js';
import { lunchRequirement, lunchRules } from './lunchRoster.js';

/**
 * Issue 15: how much longer than planned a simulated roster's breaks keep agents from new work
 * (src/roster/breakAllowance.ts), on a roster worked out by hand and a simulation's Available
 * agents given by the test.
 */

// 09:00–13:00 in half hours, 2 agents each: 3 agents 09:00–13:00, their 30-min lunches at
// 10:30, 11:00 and 11:30 (test/roster/solveRoster.test.ts works it out), so on duty on average
// 3, 3, 3, 2, 2, 2, 3, 3 per half hour.
const lunchRoster = async () =>
  rosterDocument(
    await solveRoster({
      rules: lunchRules(30),
      requirement: lunchRequirement(),
    }),
    { version: 'test', source: 'code' },
  );

const outcomes = (available: (number | null)[], warmUp = 1): IntervalOutcome[] =>
  available.map((mean, i) => ({
    label: `${i}`,
    verdict: i < warmUp ? 'warm-up' : 'met',
    queues: {},
    groups: { g: { occupancy: { mean: 0.8 }, availableAgents: { mean } } },
  }));

describe('measuredBreakAllowances (issue 15)', () => {
  it('planned on-duty agent-minutes not shown Available, per agent-break, rounded down to the slots', async () => {
    const roster = await lunchRoster();
    expect(roster.coverage[0]!.intervals.map((i) => i.meanOnDuty)).toEqual([
      3, 3, 3, 2, 2, 2, 3, 3,
    ]);
    expect(roster.rules.slotMinutes).toBe(30);
    // The warm-up (0.5 Available of 3 planned) does not count. Then lost agents 0, 0, 1, 1, 1, 1, 0
    // in half hours: 4 × 30 = 120 agent-minutes over the 3 lunches = 40 min each, down to the
    // 30-min slots: 30.
    const [a] = measuredBreakAllowances(roster, outcomes([0.5, 3, 3, 1, 1, 1, 2, 3]));
    expect(a).toEqual({ group: 'g', breaks: 3, lostMinutes: 120, perBreak: 40, allowance: 30 });
    // Fewer than a slot's worth per break: nothing the program could count.
    const [b] = measuredBreakAllowances(roster, outcomes([3, 3, 3, 1.5, 1.5, 2, 3, 3]));
    expect(b).toMatchObject({ lostMinutes: 30, perBreak: 10, allowance: 0 });
    // More Available than planned (agents logged in before their shift by the midpoint rule)
    // is no allowance either.
    const [c] = measuredBreakAllowances(roster, outcomes([3, 4, 4, 2, 2, 2, 3, 3]));
    expect(c).toMatchObject({ lostMinutes: -60, allowance: 0 });
  });

  it('breaks in the warm-up, and a simulation without Available agents, measure nothing', async () => {
    const roster = await lunchRoster();
    // Warm-up through 11:00: only the 11:30 lunch starts in a measured interval.
    const [a] = measuredBreakAllowances(roster, outcomes([3, 3, 3, 2, 2, 1, 2, 3], 5));
    expect(a).toMatchObject({ breaks: 1, lostMinutes: 60, perBreak: 60, allowance: 60 });
    expect(measuredBreakAllowances(roster, outcomes([null, null, null, null]))).toEqual([]);
  });
});
