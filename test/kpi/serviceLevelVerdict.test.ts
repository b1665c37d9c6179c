import { describe, expect, it } from 'vitest';
import { serviceLevelVerdict, summarize, verdictPasses } from '../../src/kpi/index.js';

/**
 * Issue 14 item 4: the planner's verdict on the SL target. Each summary is built from explicit
 * replication values, so the means and the 95% Student-t intervals are known exactly:
 * summarize([0.7, 0.8, 0.9]) has mean 0.8 and half-width t(0.975, 2)·0.1/√3 = 4.303·0.0577 = 0.248.
 */
describe('serviceLevelVerdict', () => {
  const s = (...values: number[]) => summarize(values);

  it('marks each measured interval met or missed by its mean, and says when that is clear', () => {
    const v = serviceLevelVerdict(
      {
        total: s(0.85, 0.86, 0.87),
        intervals: [s(), s(0.95, 0.96, 0.97), s(0.7, 0.8, 0.86), s(0.5, 0.51, 0.52), s()],
      },
      0.8,
      [true, false, false, false, false],
    );
    expect(v.intervals.map((i) => i.status)).toEqual([
      'warm-up',
      'met',
      'missed',
      'missed',
      'no-traffic',
    ]);
    // 0.787 ± 0.2: within noise; 0.51 ± 0.025: clearly below; 0.96 ± 0.025: clearly above.
    expect(v.intervals.map((i) => i.clear)).toEqual([false, true, false, true, false]);
    expect(v.missed).toEqual([2, 3]);
    expect(v.day).toMatchObject({ met: true, clear: true });
    expect(v.day.serviceLevel).toBeCloseTo(0.86, 12);
  });

  it('calls nothing clear without spread: one replication, or every replication alike', () => {
    const v = serviceLevelVerdict({ total: s(1, 1), intervals: [s(1, 1, 1), s(0.7)] }, 0.8, [
      false,
      false,
    ]);
    expect(v.intervals.map((i) => [i.status, i.clear])).toEqual([
      ['met', false],
      ['missed', false],
    ]);
    expect(v.day.clear).toBe(false);
  });

  it('--require-target: day fails on the day only, intervals on any missed interval too', () => {
    const missedOne = serviceLevelVerdict(
      { total: s(0.85, 0.9), intervals: [s(0.9, 0.95), s(0.6, 0.7)] },
      0.8,
      [false, false],
    );
    expect(verdictPasses(missedOne, 'day')).toBe(true);
    expect(verdictPasses(missedOne, 'intervals')).toBe(false);
    const missedDay = serviceLevelVerdict({ total: s(0.7, 0.75), intervals: [s(0.7, 0.75)] }, 0.8, [
      false,
    ]);
    expect(verdictPasses(missedDay, 'day')).toBe(false);
    const nothing = serviceLevelVerdict({ total: s(), intervals: [s()] }, 0.8, [false]);
    expect(nothing.day.met).toBeNull();
    expect(verdictPasses(nothing, 'intervals')).toBe(true);
  });
});
