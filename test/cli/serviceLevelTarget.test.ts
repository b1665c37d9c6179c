import { describe, expect, it } from 'vitest';
import { parseServiceLevelTarget } from '../../src/cli/serviceLevelTarget.js';

describe('parseServiceLevelTarget', () => {
  it('reads percent/seconds in the ways planners write it', () => {
    expect(parseServiceLevelTarget('80/20', 'X')).toEqual({
      serviceLevel: 0.8,
      thresholdSeconds: 20,
    });
    expect(parseServiceLevelTarget(' 80% / 20s ', 'X')).toEqual({
      serviceLevel: 0.8,
      thresholdSeconds: 20,
    });
    expect(parseServiceLevelTarget('0.9/60', 'X')).toEqual({
      serviceLevel: 0.9,
      thresholdSeconds: 60,
    });
    expect(parseServiceLevelTarget('95', 'X')).toEqual({ serviceLevel: 0.95 });
    expect(parseServiceLevelTarget('80/0', 'X')).toEqual({
      serviceLevel: 0.8,
      thresholdSeconds: 0,
    });
  });

  it('refuses anything else with the caller code', () => {
    for (const bad of ['', '100/20', '0/20', '80/', '80/-1', 'eighty', '80/20/5', '-5/20']) {
      expect(() => parseServiceLevelTarget(bad, 'MY_CODE'), bad).toThrow(
        expect.objectContaining({ code: 'MY_CODE' }),
      );
    }
  });
});
