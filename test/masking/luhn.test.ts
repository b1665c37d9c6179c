import { describe, expect, it } from 'vitest';
import { isLuhnValid, LUHN_DOUBLE } from '../../src/masking/luhn.js';

describe('isLuhnValid', () => {
  it.each([
    '4111111111111111',
    '378282246310005',
    '5555555555554444',
    '6011000000000000001',
    '79927398713',
    '0',
  ])('R9: accepts %s', (digits) => {
    expect(isLuhnValid(digits)).toBe(true);
  });

  it.each(['4111111111111112', '378282246310006', '79927398710', '1'])(
    'R9: rejects %s',
    (digits) => {
      expect(isLuhnValid(digits)).toBe(false);
    },
  );

  it('rejects empty input and non-digits', () => {
    expect(isLuhnValid('')).toBe(false);
    expect(isLuhnValid('4111 1111 1111 1111')).toBe(false);
  });

  it('LUHN_DOUBLE is the digit sum of twice the digit', () => {
    for (let d = 0; d < 10; d++) {
      const twice = 2 * d;
      expect(LUHN_DOUBLE[d]).toBe(twice > 9 ? twice - 9 : twice);
    }
  });
});
