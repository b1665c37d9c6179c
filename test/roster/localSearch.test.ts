import { describe, expect, it } from 'vitest';
import { greedyStart } from '../../src/roster/greedyStart.js';
import {
  highsSolver,
  type Requirement,
  rosterProgram,
  rosterRulesSchema,
} from '../../src/roster/index.js';
import { improveRoster } from '../../src/roster/localSearch.js';
import { rosterParts } from '../../src/roster/solvePart.js';

/** Issue 15: the local search on a part's start roster, bounded by a count of moves. */

function partOf(input: Parameters<typeof rosterRulesSchema.parse>[0], requirement: Requirement) {
  const parts = rosterParts(rosterRulesSchema.parse(input), requirement);
  const component = parts.components[0]!;
  const program = rosterProgram(parts.rules, parts.grid, parts.plans, parts.candidates, component);
  const plan = parts.plans[component.group]!;
  return { ...parts, program, plan };
}

const costOf = (cost: Float64Array, values: Float64Array) =>
  values.reduce((sum, v, j) => sum + v * cost[j]!, 0);

/** Every row of the program met: coverage in each slot, one start per break per agent, seats. */
function meetsEveryRow(lp: ReturnType<typeof rosterProgram>['lp'], values: Float64Array): boolean {
  const activity = new Float64Array(lp.numRows);
  for (let j = 0; j < lp.numCols; j++) {
    for (let q = lp.starts[j]!; q < lp.starts[j + 1]!; q++) {
      activity[lp.indices[q]!]! += lp.values[q]! * values[j]!;
    }
  }
  return [...activity].every((a, r) => a >= lp.rowLower[r]! - 1e-9 && a <= lp.rowUpper[r]! + 1e-9);
}

describe('roster local search', () => {
  it('takes a roster of 12 paid hours down to the hand-checked optimum of 6', () => {
    // Hourly 08–12 requiring 1, 2, 2, 1, shifts of 2 h at 08, 09 or 10 and no breaks: the optimum
    // is one agent on each shift (test/roster/solveRoster.test.ts works it out). Start: two on each.
    const part = partOf(
      {
        objective: 'paid-hours',
        starts: [{ from: '08:00', to: '10:00', every: 60 }],
        shifts: [{ id: 'two', minutes: 120 }],
      },
      {
        startMinute: 480,
        intervalMinutes: 60,
        intervals: 4,
        groups: [{ id: 'g', agents: [1, 2, 2, 1] }],
      },
    );
    const start = new Float64Array(part.program.lp.numCols);
    for (const column of part.program.shiftColumn) start[column] = 2;
    const { values, timedOut } = improveRoster(
      part.program,
      part.grid,
      part.plan,
      part.candidates,
      start,
      {
        movesPerAgent: 200,
        seed: 0,
      },
    );
    expect(timedOut).toBe(false);
    expect([...part.program.shiftColumn].map((c) => values[c])).toEqual([1, 1, 1]);
    expect(costOf(part.program.lp.colCost, values)).toBe(6);
  });

  // A 16-hour day peaking at 25 agents, starts every 15 min, an 8-h shift with three breaks and a
  // 4-h one: far from what a greedy roster gets right.
  const day = () =>
    partOf(
      {
        costPerHour: 28,
        starts: [{ from: '07:00', to: '15:00', every: 15 }],
        shifts: [
          {
            id: 'full',
            minutes: 480,
            breaks: [
              { minutes: 15, earliest: 90, latest: 150 },
              { minutes: 30, earliest: 210, latest: 300, paid: false },
              { minutes: 15, earliest: 360, latest: 420 },
            ],
          },
          {
            id: 'part',
            minutes: 240,
            costFactor: 1.1,
            breaks: [{ minutes: 15, earliest: 90, latest: 150 }],
          },
        ],
      },
      {
        startMinute: 7 * 60,
        intervalMinutes: 30,
        intervals: 32,
        groups: [
          {
            id: 'g',
            agents: Array.from(
              { length: 32 },
              (_, i) =>
                3 +
                Math.round(
                  22 * Math.exp(-(((i - 8) / 6) ** 2)) + 6 * Math.exp(-(((i - 22) / 4) ** 2)),
                ),
            ),
          },
        ],
      },
    );

  it('returns a roster that meets every row, no dearer than its start nor cheaper than the LP bound, the same on every run', async () => {
    const part = day();
    const start = greedyStart(part.program, part.grid, part.plan, part.candidates);
    const search = () =>
      improveRoster(part.program, part.grid, part.plan, part.candidates, start, {
        movesPerAgent: 500,
        seed: 0,
      }).values;
    const first = search();
    expect(meetsEveryRow(part.program.lp, start)).toBe(true);
    expect(meetsEveryRow(part.program.lp, first)).toBe(true);
    const cost = costOf(part.program.lp.colCost, first);
    const lp = await highsSolver(part.program.lp, {
      timeLimitSeconds: 60,
      relativeGap: 0,
      relax: true,
    });
    expect(cost).toBeLessThan(costOf(part.program.lp.colCost, start));
    expect(cost).toBeGreaterThanOrEqual(lp.objective! - 1e-6);
    expect([...search()]).toEqual([...first]);
    // Another seed is another search: a check that the seed reaches the moves.
    const other = improveRoster(part.program, part.grid, part.plan, part.candidates, start, {
      movesPerAgent: 500,
      seed: 1,
    }).values;
    expect([...other]).not.toEqual([...first]);
  });

  it('stops at a deadline already past, with a roster that still meets every row', () => {
    const part = day();
    const start = greedyStart(part.program, part.grid, part.plan, part.candidates);
    const { values, timedOut } = improveRoster(
      part.program,
      part.grid,
      part.plan,
      part.candidates,
      start,
      {
        movesPerAgent: 1e6,
        seed: 0,
        deadline: Date.now() - 1,
      },
    );
    expect(timedOut).toBe(true);
    expect(meetsEveryRow(part.program.lp, values)).toBe(true);
  });
});
