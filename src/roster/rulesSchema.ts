import { z } from 'zod';
import { clockMinutes } from '../scenario/clock.js';

/**
 * Shift rules for `ccsim schedule` (docs/roster.md): which shifts may be worked, where their breaks
 * may go, what a paid hour costs. The same object is the optional `roster:` section of a scenario
 * and the whole of a stand-alone rules file. It imports nothing but zod and the clock, so that the scenario
 * schema can embed it without depending on the solver.
 *
 * Units: times of day as "HH:MM"; lengths and offsets in whole minutes (a roster's grid is minutes,
 * not the seconds of the behaviour section).
 */

const id = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'ids use letters, digits, "_", "." and "-"');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as "HH:MM"');
const minutes = z.number().int().positive();
const offset = z.number().int().nonnegative();

const startWindowSchema = z
  .object({
    from: clock.describe('Earliest shift start, every day of the horizon'),
    to: clock.describe('Latest shift start (inclusive)'),
    every: minutes.default(15).describe('Minutes between allowed starts, from `from`'),
  })
  .strict()
  .refine((w) => !((clockMinutes(w.to) ?? 0) < (clockMinutes(w.from) ?? 0)), {
    message: 'to must not be before from (start windows do not cross midnight)',
    path: ['to'],
  });

const breakSchema = z
  .object({
    minutes: minutes.describe('Length of the break'),
    earliest: offset.describe('Earliest start of the break, in minutes after the shift start'),
    latest: offset.describe('Latest start of the break, in minutes after the shift start'),
    every: minutes.default(15).describe('Minutes between allowed break starts, from `earliest`'),
    paid: z.boolean().default(true).describe('Whether the break counts as paid time'),
    idleCode: id
      .optional()
      .describe("The tenant's idle code the agent takes for the break (for the simulator)"),
  })
  .strict()
  .refine((b) => b.latest >= b.earliest, {
    message: 'latest must be at least earliest',
    path: ['latest'],
  });

const shiftTypeSchema = z
  .object({
    id,
    minutes: minutes.describe('Length of the shift from its start to its end, breaks included'),
    breaks: z
      .array(breakSchema)
      .default([])
      .describe(
        'Breaks every agent on this shift takes, in order; their windows may not overlap, so any choice of one start per break is a valid day',
      ),
    starts: z
      .array(startWindowSchema)
      .min(1)
      .optional()
      .describe('Start windows of this shift type; the top-level `starts` when absent'),
    costFactor: z
      .number()
      .positive()
      .default(1)
      .describe("Multiplies the group's cost per paid hour on this shift type (a night premium)"),
  })
  .strict()
  .superRefine((shift, ctx) => {
    shift.breaks.forEach((b, k) => {
      if (b.latest + b.minutes > shift.minutes) {
        ctx.addIssue({
          code: 'custom',
          path: ['breaks', k, 'latest'],
          message: `a break starting ${b.latest} min after the start of a ${shift.minutes}-min shift ends after the shift`,
        });
      }
      const next = shift.breaks[k + 1];
      if (next && b.latest + b.minutes > next.earliest) {
        ctx.addIssue({
          code: 'custom',
          path: ['breaks', k + 1, 'earliest'],
          message: `break ${k + 1} may still run until ${b.latest + b.minutes} min; the next break's window must start after it (windows in order, not overlapping)`,
        });
      }
    });
  });

const groupRulesSchema = z
  .object({
    costPerHour: z
      .number()
      .nonnegative()
      .optional()
      .describe('Cost of one paid hour of this group; the top-level `costPerHour` when absent'),
    minAgents: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe('At least this many agents on duty in every interval that requires anyone'),
    maxAgents: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        "At most this many agents on shift at once, breaks included (seats); the group's size in a scenario",
      ),
    shifts: z
      .array(id)
      .min(1)
      .optional()
      .describe('Ids of the shift types this group may work; every type when absent'),
  })
  .strict();

const solverSchema = z
  .object({
    timeLimitSeconds: z
      .number()
      .positive()
      .default(60)
      .describe('Stop the solver after this long and keep the best roster found so far'),
    relativeGap: z
      .number()
      .min(0)
      .max(1)
      .default(0.0001)
      .describe('Stop once the best roster is proven within this fraction of the optimum'),
    searchMoves: z
      .number()
      .int()
      .nonnegative()
      .default(3000)
      .describe("Local-search moves per agent on each part's start roster (0: none)"),
    maxNodes: z
      .number()
      .int()
      .nonnegative()
      .default(1000)
      .describe(
        "Branch-and-bound nodes per part; 0: none, the local search's roster with the LP bound",
      ),
  })
  .strict()
  .default({ timeLimitSeconds: 60, relativeGap: 0.0001, searchMoves: 3000, maxNodes: 1000 });

export const rosterRulesSchema = z
  .object({
    $schema: z.string().optional(),
    objective: z
      .enum(['cost', 'paid-hours'])
      .default('cost')
      .describe('Minimise the cost of paid hours, or the paid hours themselves'),
    costPerHour: z
      .number()
      .nonnegative()
      .default(1)
      .describe('Cost of one paid hour, for groups that do not give their own'),
    starts: z
      .array(startWindowSchema)
      .min(1)
      .describe('When shifts may start, every day of the horizon'),
    shifts: z.array(shiftTypeSchema).min(1).describe('The shift types that may be worked'),
    groups: z
      .record(id, groupRulesSchema)
      .default({})
      .describe('Per agent group: cost, minimum and maximum agents, allowed shift types'),
    solver: solverSchema,
  })
  .strict()
  .superRefine((rules, ctx) => {
    const seen = new Map<string, number>();
    rules.shifts.forEach((shift, i) => {
      const first = seen.get(shift.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['shifts', i, 'id'],
          message: `duplicate shift id "${shift.id}" (also shifts[${first}])`,
        });
      } else seen.set(shift.id, i);
    });
    for (const [group, g] of Object.entries(rules.groups)) {
      g.shifts?.forEach((shiftId, j) => {
        if (!seen.has(shiftId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['groups', group, 'shifts', j],
            message: `unknown shift type "${shiftId}"; the types are ${[...seen.keys()].map((k) => `"${k}"`).join(', ')}`,
          });
        }
      });
    }
  })
  .meta({
    id: 'RosterRules',
    description:
      'Shift rules for `ccsim schedule`: starts, shift types, breaks, costs (docs/roster.md).',
  });

export type RosterRules = z.infer<typeof rosterRulesSchema>;
export type RosterRulesInput = z.input<typeof rosterRulesSchema>;
export type ShiftType = RosterRules['shifts'][number];
export type BreakRule = ShiftType['breaks'][number];
export type StartWindow = RosterRules['starts'][number];
export type GroupRules = RosterRules['groups'][string];
