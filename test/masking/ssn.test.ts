import { describe, expect, it } from 'vitest';
import { isValidSsn } from '../../src/masking/ssn.js';

describe('isValidSsn', () => {
  it('R9: accepts issued ranges', () => {
    expect(isValidSsn(123, 45, 6789)).toBe(true);
    expect(isValidSsn(1, 1, 1)).toBe(true);
    expect(isValidSsn(899, 99, 9999)).toBe(true);
    expect(isValidSsn(665, 1, 1)).toBe(true);
    expect(isValidSsn(667, 1, 1)).toBe(true);
  });

  it.each([
    ['area 000', 0, 12, 3456],
    ['area 666', 666, 12, 3456],
    ['area 900', 900, 12, 3456],
    ['area 999', 999, 12, 3456],
    ['group 00', 123, 0, 4567],
    ['serial 0000', 123, 45, 0],
  ])('R9: rejects %s', (_why, area, group, serial) => {
    expect(isValidSsn(area, group, serial)).toBe(false);
  });
});
