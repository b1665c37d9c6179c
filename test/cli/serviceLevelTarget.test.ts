import { describe, expect, it } from 'vitest';
import { parseServiceLevelTarget } from '../../src/cli/serviceLevelTarget.js';

/** Issue 14 item 2: one parser of SL targets for every command (erlang, staff). */
describe('parseServiceLevelTarget', () => {
  it('reads percent/seconds in the ways planners write it', () => {
    expect(parseServiceLevelTarget('80/20')).toEqual({ serviceLevel: 0.8, thresholdSeconds: 20 });
    expect(parseServiceLevelTarget(' 80% / 20s ')).toEqual({
      serviceLevel: 0.8,
      thresholdSeconds: 20,
    });
    expect(parseServiceLevelTarget('95')).toEqual({ serviceLevel: 0.95 });
    expect(parseServiceLevelTarget('80/0')).toEqual({ serviceLevel: 0.8, thresholdSeconds: 0 });
    expect(parseServiceLevelTarget('1%/20')).toEqual({ serviceLevel: 0.01, thresholdSeconds: 20 });
  });

  it('reads a fraction below 1 as the same share: 0.8/20 = 80/20', () => {
    expect(parseServiceLevelTarget('0.8/20')).toEqual(parseServiceLevelTarget('80/20'));
    expect(parseServiceLevelTarget('0.9/60')).toEqual({ serviceLevel: 0.9, thresholdSeconds: 60 });
  });

  it('refuses 1/20, which reads as 1% and as 100%, saying so', () => {
    expect(() => parseServiceLevelTarget('1/20')).toThrow(
      expect.objectContaining({
        code: 'CLI_USAGE',
        message: '--target 1/20 is ambiguous (1% or 100%?): write 1%/… or 100%/…',
      }),
    );
  });

  it('refuses anything else as a usage error naming the form and the range', () => {
    for (const bad of [
      '',
      '100/20',
      '0/20',
      '80/',
      '80/-1',
      'eighty',
      '80/20/5',
      '-5/20',
      '100%',
    ]) {
      expect(() => parseServiceLevelTarget(bad), bad).toThrow(
        expect.objectContaining({
          code: 'CLI_USAGE',
          message: expect.stringMatching(/^--target must be <percent>\/<seconds>, e\.g\. 80\/20/),
        }),
      );
    }
    expect(() => parseServiceLevelTarget('100/20')).toThrow(/above 0% to below 100%/);
  });
});
