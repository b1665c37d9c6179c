// The week bench:roster solves: 4 agent groups × 7 days × 48 half-hours, required agents from
// Erlang C (80% in 20 s) on a two-peak day curve per group, scaled per weekday, with seeded noise
// on the arrivals; shift starts every 15 minutes, three shift lengths with their breaks.
import { minimumAgents } from '../src/analytic/index.js';
import { type Requirement, type RosterRules, rosterRulesSchema } from '../src/roster/index.js';
import { createRandom } from '../src/scenario/index.js';

const GROUPS = [
  { id: 'sales', peakPerHour: 260, ahtSeconds: 300 },
  { id: 'support', peakPerHour: 420, ahtSeconds: 360 },
  { id: 'billing', peakPerHour: 150, ahtSeconds: 420 },
  { id: 'experts', peakPerHour: 40, ahtSeconds: 600 },
] as const;
/** Monday to Sunday. */
const DAY_FACTOR = [1.15, 1.05, 1, 1, 0.95, 0.6, 0.45];
const OPEN = 7 * 60;
const CLOSE = 23 * 60;

/** Share of the peak arriving in the half hour starting at minute m: peaks at 10:30 and 14:30. */
function dayCurve(m: number): number {
  if (m < OPEN || m >= CLOSE) return 0;
  const h = (m + 15) / 60;
  const bump = (at: number, width: number) => Math.exp(-(((h - at) / width) ** 2));
  return 0.15 + 0.85 * Math.max(bump(10.5, 1.8), 0.9 * bump(14.5, 2.2), 0.5 * bump(20, 1.5));
}

export function weekRequirement(seed = 1): Requirement {
  const intervals = 7 * 48;
  return {
    startMinute: 0,
    intervalMinutes: 30,
    intervals,
    groups: GROUPS.map((g) => {
      const random = createRandom(seed, `roster-week:${g.id}`);
      return {
        id: g.id,
        agents: Array.from({ length: intervals }, (_, i) => {
          const day = Math.floor(i / 48);
          const rate = g.peakPerHour * dayCurve((i % 48) * 30) * DAY_FACTOR[day]!;
          const noisy = rate * (0.9 + 0.2 * random.next());
          if (noisy <= 0) return 0;
          const request = {
            model: 'c',
            arrivalsPerHour: noisy,
            ahtSeconds: g.ahtSeconds,
            thresholdSeconds: 20,
          } as const;
          return minimumAgents(request, { serviceLevel: 0.8 }).agents;
        }),
      };
    }),
  };
}

export function weekRules(
  overrides: { timeLimitSeconds?: number; maxNodes?: number } = {},
): RosterRules {
  return rosterRulesSchema.parse({
    objective: 'cost',
    costPerHour: 30,
    starts: [{ from: '07:00', to: '19:00', every: 15 }],
    shifts: [
      {
        id: 'full',
        minutes: 480,
        breaks: [
          { minutes: 15, earliest: 90, latest: 150, idleCode: 'break' },
          { minutes: 30, earliest: 210, latest: 300, paid: false, idleCode: 'lunch' },
          { minutes: 15, earliest: 360, latest: 420, idleCode: 'break' },
        ],
      },
      {
        id: 'six',
        minutes: 360,
        breaks: [
          { minutes: 15, earliest: 60, latest: 120, idleCode: 'break' },
          { minutes: 30, earliest: 165, latest: 225, paid: false, idleCode: 'lunch' },
        ],
      },
      {
        id: 'part',
        minutes: 240,
        costFactor: 1.1,
        breaks: [{ minutes: 15, earliest: 90, latest: 150, idleCode: 'break' }],
      },
    ],
    groups: {
      sales: { costPerHour: 28, minAgents: 2 },
      support: { costPerHour: 30, minAgents: 2 },
      billing: { costPerHour: 32, minAgents: 1 },
      experts: { costPerHour: 45, minAgents: 1 },
    },
    // No branch-and-bound: on a group-day of this size HiGHS (WebAssembly) needs seconds for its
    // root node alone and overruns a short share of the limit, and within 10 s it improved on no
    // part's searched roster (docs/roster.md, Benchmark). The LP bound and the local search's
    // roster, both bounded by counts, make the week's roster the same on every run.
    solver: {
      timeLimitSeconds: overrides.timeLimitSeconds ?? 60,
      maxNodes: overrides.maxNodes ?? 0,
    },
  });
}
