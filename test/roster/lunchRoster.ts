import { type Requirement, rosterRulesSchema } from '../../src/roster/index.js';

/**
 * The lunch instance three roster tests work on: 09:00–13:00 in half hours, 2 agents required in
 * each, one 4-hour shift starting 09:00 with an unpaid 30-min lunch 90, 120 or 150 min in
 * (10:30, 11:00 or 11:30). test/roster/solveRoster.test.ts works out its optima by hand.
 */
export const lunchRules = (startEvery?: number) =>
  rosterRulesSchema.parse({
    // `every` also sets the rules' slot (15 min by default).
    starts: [
      { from: '09:00', to: '09:00', ...(startEvery === undefined ? {} : { every: startEvery }) },
    ],
    shifts: [
      {
        id: 'morning',
        minutes: 240,
        breaks: [
          { minutes: 30, earliest: 90, latest: 150, every: 30, paid: false, idleCode: 'lunch' },
        ],
      },
    ],
  });

/** Its requirement; `breakAllowance` minutes on the group when given. */
export const lunchRequirement = (breakAllowance?: number): Requirement => {
  const agents = [2, 2, 2, 2, 2, 2, 2, 2];
  return {
    startMinute: 9 * 60,
    intervalMinutes: 30,
    intervals: agents.length,
    groups: [{ id: 'g', agents, ...(breakAllowance === undefined ? {} : { breakAllowance }) }],
  };
};
