import { describe, expect, it } from 'vitest';
import {
  type Requirement,
  type RosterProgress,
  rosterDocument,
  rosterRulesSchema,
  solveRoster,
} from '../../src/roster/index.js';

/** Issue 15: the same input gives the same roster; a time limit gives the best so far and a gap. */

describe('roster determinism', () => {
  const rules = rosterRulesSchema.parse({
    starts: [{ from: '08:00', to: '14:00', every: 30 }],
    shifts: [
      {
        id: 'full',
        minutes: 480,
        breaks: [{ minutes: 30, earliest: 180, latest: 300, every: 30, paid: false }],
      },
      { id: 'half', minutes: 240, breaks: [{ minutes: 15, earliest: 90, latest: 150 }] },
    ],
    groups: { sales: { costPerHour: 25 }, support: { costPerHour: 30, minAgents: 2 } },
    solver: { timeLimitSeconds: 120 },
  });
  // A day of 28 half hours rising to 5 and 8 agents: solved to optimality in about a second, so
  // no time limit decides where the search stops.
  const curve = (peak: number) =>
    Array.from({ length: 28 }, (_, i) =>
      Math.max(1, Math.round(peak * Math.sin((Math.PI * (i + 0.5)) / 28))),
    );
  const requirement: Requirement = {
    startMinute: 8 * 60,
    intervalMinutes: 30,
    intervals: 28,
    groups: [
      { id: 'sales', agents: curve(5) },
      { id: 'support', agents: curve(8) },
    ],
  };

  it('gives byte-identical roster.json for the same input', async () => {
    const run = async () => {
      const solution = await solveRoster({ rules, requirement });
      expect(solution.solver.status).toBe('optimal');
      return JSON.stringify(rosterDocument(solution, { version: 'test', source: 'code' }));
    };
    const first = await run();
    expect(await run()).toBe(first);
    // Each roster line is a valid day: its breaks inside the shift, in their windows, in order.
    const doc = JSON.parse(first) as ReturnType<typeof rosterDocument>;
    const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3));
    for (const line of doc.shifts) {
      const type = rules.shifts.find((t) => t.id === line.type)!;
      line.breaks.forEach((b, k) => {
        const offset = minutes(b.start) - minutes(line.start);
        expect(offset).toBeGreaterThanOrEqual(type.breaks[k]!.earliest);
        expect(offset).toBeLessThanOrEqual(type.breaks[k]!.latest);
      });
    }
    expect(doc.coverage.every((g) => g.intervals.every((i) => i.under === 0))).toBe(true);
  });
});

describe('roster time limit', () => {
  // A 16-hour day peaking at 25 agents, starts every 15 min, an 8-h shift with three breaks and a
  // 4-h one: hundreds of break variables, far from provable in a fraction of a second.
  const rules = rosterRulesSchema.parse({
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
    solver: { timeLimitSeconds: 0.3 },
  });
  const agents = Array.from(
    { length: 32 },
    (_, i) =>
      3 + Math.round(22 * Math.exp(-(((i - 8) / 6) ** 2)) + 6 * Math.exp(-(((i - 22) / 4) ** 2))),
  );
  const requirement: Requirement = {
    startMinute: 7 * 60,
    intervalMinutes: 30,
    intervals: 32,
    groups: [{ id: 'g', agents }],
  };

  it('returns the best roster found so far, with the gap the solver reports', async () => {
    const progress: RosterProgress[] = [];
    const solution = await solveRoster({
      rules,
      requirement,
      onProgress: (p) => progress.push(p),
    });
    expect(solution.solver.status).toBe('time-limit');
    expect(solution.shifts.length).toBeGreaterThan(0);
    expect(solution.solver.gap).toBeGreaterThan(rules.solver.relativeGap);
    expect(solution.solver.bound).toBeLessThan(solution.solver.objective!);
    // The best-so-far roster is a whole roster: every interval covered, counted from its lines.
    expect(solution.coverage[0]!.intervals.every((i) => i.under === 0)).toBe(true);
    const doc = rosterDocument(solution, { version: 'test', source: 'code' });
    expect(doc.solver.status).toBe('time-limit');
    expect(doc.totals.cost).toBeCloseTo(solution.solver.objective!, 6);
    for (const p of progress) expect(p.parts).toBe(1);
  });

  it('gives the same roster on 0, 1 or 2 worker threads when work limits, not the clock, stop it', async () => {
    // No branch-and-bound: the LP bound and a local search of a fixed number of moves per part,
    // on two parts (the day split by the night between two days).
    const twoDays: Requirement = {
      ...requirement,
      intervals: 48 + 32,
      groups: [{ id: 'g', agents: [...agents, ...Array(16).fill(0), ...agents] }],
    };
    const run = async (workers: number) => {
      const solution = await solveRoster({
        rules: { ...rules, solver: { ...rules.solver, timeLimitSeconds: 120, maxNodes: 0 } },
        requirement: twoDays,
        workers,
      });
      expect(solution.model.parts).toBe(2);
      expect(solution.solver.status).toBe('work-limit');
      return JSON.stringify(rosterDocument(solution, { version: 'test', source: 'code' }));
    };
    const inThread = await run(0);
    expect(await run(1)).toBe(inThread);
    expect(await run(2)).toBe(inThread);
  });

  it('leaves the event loop free while it solves: timers fire during the search', async () => {
    // Held to a 1 s limit with the branch-and-bound allowed all the nodes it wants, the solve
    // lasts about that long; on a worker thread, a 20 ms timer here ticks all along (blocked, it
    // would tick at most once, after the solve).
    let ticks = 0;
    const timer = setInterval(() => {
      ticks++;
    }, 20);
    try {
      const solution = await solveRoster({
        rules: { ...rules, solver: { ...rules.solver, maxNodes: 1_000_000 } },
        requirement,
        timeLimitSeconds: 1,
      });
      expect(solution.solver.status).toBe('time-limit');
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(5);
  });

  it('reports progress while it solves', async () => {
    const progress: RosterProgress[] = [];
    await solveRoster({
      rules,
      requirement,
      timeLimitSeconds: 1.5,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.length).toBeGreaterThan(0);
    const last = progress[progress.length - 1]!;
    expect(last.objective).not.toBeNull();
    expect(last.seconds).toBeGreaterThan(0);
  });
});
