import { describe, expect, it } from 'vitest';
import { breakTaker, planShrinkage } from '../../src/behaviour/index.js';
import type { GroupShrinkage, ShrinkageSpec } from '../../src/scenario/shrinkage.js';

/**
 * The replication's shrinkage draws (src/behaviour/shrinkagePlan.ts): absenteeism against the
 * binomial it must be, break starts on their window's minute grid and uniform in it.
 */

const MIN = 60_000;

function spec(group: Partial<GroupShrinkage>, intervals = 4): ShrinkageSpec {
  return {
    intervals,
    intervalMs: 30 * MIN,
    groups: [
      { id: 'g', absenteeism: 0, shifts: null, perInterval: [], size: 40, rules: [], ...group },
    ],
  };
}

/**
 * Run seeds 1..4000 (4000 replications): the binomial CI is then ±0.06 agents. (A first try with
 * 400 seeds from 1000 gave 14.76 against 15, 2.5 sd off: p ≈ 1.2%, and 4000 from 1 or from 5000
 * give 14.98 and 15.06, so the draws are unbiased; the larger sample is the precision this needs.)
 */
const SEEDS = Array.from({ length: 4000 }, (_, i) => 1 + i);

describe('absenteeism', () => {
  // Each of n scheduled agents is absent with probability a, independently: present ~ Bin(n, 1−a),
  // E = (1−a)n exactly, and the mean over the seeds has sd sqrt(n a (1−a) / seeds).
  const n = 20;
  const a = 0.25;
  const within = (values: number[]) => {
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    const halfWidth = 1.96 * Math.sqrt((n * a * (1 - a)) / values.length);
    expect(Math.abs(mean - (1 - a) * n), `mean ${mean}, ±${halfWidth}`).toBeLessThanOrEqual(
      halfWidth,
    );
  };

  it('perInterval: E[present] = (1 − a)·n within the binomial 95% CI; the present are the same all day', () => {
    const present = SEEDS.map((seed) => {
      const plan = planShrinkage(spec({ absenteeism: a, perInterval: [n, n, 10, n] }), seed);
      const counts = [...plan.staffing[0]!];
      // The agents of the first 10 positions are a subset of the first 20.
      expect(counts[2]).toBeLessThanOrEqual(counts[0]!);
      expect(counts[3]).toBe(counts[0]);
      return counts[0]!;
    });
    within(present);
  });

  it('shifts: per agent per shift, and an absent agent takes none of its breaks', () => {
    const present = SEEDS.slice(0, 1000).map((seed) => {
      const plan = planShrinkage(
        spec({
          absenteeism: a,
          shifts: [
            {
              line: 0,
              agents: n,
              firstInterval: 1,
              endInterval: 3,
              breaks: [{ fromMs: 40 * MIN, toMs: 40 * MIN, durationMs: 15 * MIN, idleCode: 'b' }],
            },
          ],
        }),
        seed,
      );
      const counts = [...plan.staffing[0]!];
      expect([counts[0], counts[3]]).toEqual([0, 0]);
      expect(counts[2]).toBe(counts[1]);
      expect(plan.breaks).toHaveLength(counts[1]!);
      return counts[1]!;
    });
    within(present);
  });

  it('no absenteeism draws nothing and keeps the plan', () => {
    const plan = planShrinkage(spec({ perInterval: [3, 5, 0, 2] }), 7);
    expect([...plan.staffing[0]!]).toEqual([3, 5, 0, 2]);
    expect(plan.breaks).toEqual([]);
  });
});

describe('break starts', () => {
  it('a fixed start is taken as written; a window start is a whole minute in [from, to], uniform', () => {
    const starts: number[] = [];
    for (const seed of SEEDS.slice(0, 400)) {
      const plan = planShrinkage(
        spec({
          shifts: [
            {
              line: 0,
              agents: 2,
              firstInterval: 0,
              endInterval: 4,
              breaks: [
                { fromMs: 30 * MIN, toMs: 30 * MIN, durationMs: 10 * MIN, idleCode: 'b' },
                { fromMs: 60 * MIN, toMs: 80 * MIN, durationMs: 30 * MIN, idleCode: 'l' },
              ],
            },
          ],
        }),
        seed,
      );
      expect(plan.breaks.slice(0, 2).map((b) => [b.atMs, b.idleCode])).toEqual([
        [30 * MIN, 'b'],
        [30 * MIN, 'b'],
      ]);
      for (const b of plan.breaks.slice(2)) {
        expect(b.idleCode).toBe('l');
        expect(b.atMs % MIN).toBe(0);
        expect(b.atMs).toBeGreaterThanOrEqual(60 * MIN);
        expect(b.atMs).toBeLessThanOrEqual(80 * MIN);
        starts.push((b.atMs - 60 * MIN) / MIN);
      }
    }
    // Discrete uniform on 0..20: mean 10, variance (21² − 1)/12.
    const mean = starts.reduce((s, x) => s + x, 0) / starts.length;
    const halfWidth = 1.96 * Math.sqrt((21 * 21 - 1) / 12 / starts.length);
    expect(Math.abs(mean - 10)).toBeLessThanOrEqual(halfWidth);
    expect(new Set(starts).size).toBe(21);
  });

  it('a rule gives a break to every agent on shift at its window start, in time order overall', () => {
    const plan = planShrinkage(
      spec({
        perInterval: [3, 6, 6, 2],
        rules: [
          { rule: 0, fromMs: 35 * MIN, toMs: 50 * MIN, durationMs: 15 * MIN, idleCode: 'b' },
          { rule: 1, fromMs: 0, toMs: 0, durationMs: 5 * MIN, idleCode: 'c' },
        ],
      }),
      3,
    );
    expect(plan.breaks.filter((b) => b.idleCode === 'b')).toHaveLength(6);
    expect(plan.breaks.filter((b) => b.idleCode === 'c')).toHaveLength(3);
    const times = plan.breaks.map((b) => b.atMs);
    expect(times).toEqual([...times].sort((x, y) => x - y));
  });
});

describe('who takes a break', () => {
  const agent = (
    index: number,
    o: Partial<{ onShift: boolean; onBreak: boolean; status: string; held: number }>,
  ) => ({
    index,
    onShift: true,
    onBreak: false,
    stuckIdle: false,
    status: 'Available',
    held: 0,
    ...o,
  });
  const take = (members: ReturnType<typeof agent>[]) => breakTaker(members, (a) => a.index)?.index;

  it('an Available agent on shift and off a break, holding least, the first by index', () => {
    expect(take([agent(0, { held: 2 }), agent(1, { held: 1 }), agent(2, { held: 1 })])).toBe(1);
    expect(take([agent(0, { status: 'RONA' }), agent(1, { held: 3 })])).toBe(1);
    expect(
      take([
        agent(0, { onBreak: true }),
        agent(1, { onShift: false }),
        agent(2, { status: 'Idle' }),
      ]),
    ).toBe(2);
    expect(take([agent(0, { onBreak: true }), agent(1, { onShift: false })])).toBeUndefined();
  });
});
