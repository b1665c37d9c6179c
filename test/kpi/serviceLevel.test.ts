import { describe, expect, it } from 'vitest';
import { serviceLevelOf } from '../../src/kpi/serviceLevel.js';

const counts = {
  offered: 100,
  answered: 80,
  answeredWithinThreshold: 60,
  shortAbandoned: 4,
  abandonedAfterThreshold: 10,
};

describe('serviceLevelOf', () => {
  it('each definition has its own denominator', () => {
    expect(serviceLevelOf(counts, 'offered')).toBe(60 / 100);
    expect(serviceLevelOf(counts, 'offered-minus-short-abandons')).toBe(60 / 96);
    expect(serviceLevelOf(counts, 'answered-plus-late-abandons')).toBe(60 / 90);
  });

  it('all three coincide without abandonment', () => {
    const none = { ...counts, answered: 100, shortAbandoned: 0, abandonedAfterThreshold: 0 };
    const values = (
      ['offered', 'offered-minus-short-abandons', 'answered-plus-late-abandons'] as const
    ).map((d) => serviceLevelOf(none, d));
    expect(values).toEqual([0.6, 0.6, 0.6]);
  });

  it('an empty denominator is null, not 1', () => {
    const empty = {
      offered: 0,
      answered: 0,
      answeredWithinThreshold: 0,
      shortAbandoned: 0,
      abandonedAfterThreshold: 0,
    };
    expect(serviceLevelOf(empty, 'offered')).toBeNull();
    expect(
      serviceLevelOf({ ...empty, offered: 3, shortAbandoned: 3 }, 'offered-minus-short-abandons'),
    ).toBeNull();
  });
});
