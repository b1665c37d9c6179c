import { describe, expect, it } from 'vitest';
import { countedOnDuty, type RosterDocument } from '../../src/roster/index.js';

/**
 * The verification's floor (issue 15): a roster's agents on duty per interval as the program
 * counts them, each break `allowance` minutes longer. Hand-checked: 2 agents 08:00–12:00 with a
 * 15-min break at 10:00, 1 agent 09:00–13:00 with a 30-min break at 12:15; hourly intervals from
 * 08:00 to 13:00.
 */
const roster = {
  requirement: { start: '08:00', intervalMinutes: 60 },
  coverage: [{ group: 'a', intervals: [{}, {}, {}, {}, {}] }],
  shifts: [
    {
      group: 'a',
      day: 1,
      start: '08:00',
      end: '12:00',
      agents: 2,
      breaks: [{ start: '10:00', minutes: 15 }],
    },
    {
      group: 'a',
      day: 1,
      start: '09:00',
      end: '13:00',
      agents: 1,
      breaks: [{ start: '12:15', minutes: 30 }],
    },
    { group: 'b', day: 1, start: '08:00', end: '13:00', agents: 5, breaks: [] },
  ],
} as unknown as RosterDocument;

describe('countedOnDuty', () => {
  it('the fewest on duty at any minute, breaks as planned', () => {
    // 08:00 2; 09:00 3; 10:00 1 (10:00–10:15); 11:00 3; 12:00 0 at 12:15–12:45.
    expect(countedOnDuty(roster, {})).toEqual({ a: [2, 3, 1, 3, 0] });
  });

  it('each break counted the allowance longer, cut at the shift end', () => {
    // 10:00 + 15 + 60 = 11:15: 11:00 has 1; 12:15 + 30 + 60 is cut at 13:00.
    expect(countedOnDuty(roster, { a: 60 })).toEqual({ a: [2, 3, 1, 1, 0] });
  });
});
