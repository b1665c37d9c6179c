import { describe, expect, it } from 'vitest';
import { parseShare, SHARE_RANGES } from '../../src/cli/share.js';

/** Issue 14 item 2: one convention for every share flag (--max-occupancy, --shrinkage, --confidence). */
describe('parseShare', () => {
  const range = { min: 0, max: 0.95 };

  it('reads a percent with its sign and a fraction below 1 as the same share', () => {
    expect(parseShare('shrinkage', '30%', range)).toBe(0.3);
    expect(parseShare('shrinkage', '0.3', range)).toBe(0.3);
    expect(parseShare('shrinkage', ' 12.5 % ', range)).toBe(0.125);
    expect(parseShare('shrinkage', '.25', range)).toBe(0.25);
    expect(parseShare('shrinkage', '0', range)).toBe(0);
    expect(parseShare('shrinkage', undefined, range)).toBeUndefined();
  });

  it('refuses a bare number of 1 or more as ambiguous, with the fix and the range', () => {
    expect(() => parseShare('shrinkage', '30', range)).toThrow(
      expect.objectContaining({
        code: 'CLI_USAGE',
        message:
          '--shrinkage 30 is ambiguous: write 30% (or 0.3); it takes a share from 0% to 95%, written as a percent (85%) or a fraction (0.85)',
      }),
    );
    expect(() => parseShare('max-occupancy', '1', SHARE_RANGES.maxOccupancy)).toThrow(
      /--max-occupancy 1 is ambiguous: write 100% or 1%/,
    );
    // Only the readings the range allows: a shrinkage cannot be 100%.
    expect(() => parseShare('shrinkage', '1', SHARE_RANGES.shrinkage)).toThrow(
      /^--shrinkage 1 is ambiguous: write 1%; it takes a share from 0% to 95%/,
    );
  });

  it('refuses what is out of range or not a number, naming the range', () => {
    for (const bad of ['96%', '-0.1', 'abc', '30%%', '']) {
      expect(() => parseShare('shrinkage', bad, range), bad).toThrow(
        expect.objectContaining({
          code: 'CLI_USAGE',
          message: expect.stringContaining('a share from 0% to 95%'),
        }),
      );
    }
    expect(() => parseShare('shrinkage', ['10%', '20%'], range)).toThrow(
      /2 values \(give it once\)/,
    );
    expect(parseShare('max-occupancy', '100%', SHARE_RANGES.maxOccupancy)).toBe(1);
  });

  it('gives a flag the same range on every command that takes it', async () => {
    const { runCli } = await import('../helpers/cliHarness.js');
    const erlang = await runCli([
      'erlang',
      '--model',
      'c',
      '--arrivals',
      '200',
      '--aht',
      '180',
      '--target',
      '80/20',
      '--max-occupancy',
      '0',
    ]);
    const staff = await runCli([
      'staff',
      'scenarios/validation/erlang-c1.yaml',
      '--max-occupancy',
      '0',
    ]);
    const range = 'a share from above 0% to 100%';
    expect(erlang.stderr).toContain(range);
    expect(staff.stderr).toContain(range);
    expect([erlang.code, staff.code]).toEqual([2, 2]);
  });
});
