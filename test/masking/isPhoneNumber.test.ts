import { describe, expect, it } from 'vitest';
import { isPhoneNumber } from '../../src/masking/index.js';

describe('isPhoneNumber (SPEC R13)', () => {
  it.each([
    '+447966197542',
    ' +44 7966 197542 ',
    '(202) 555-0143',
    '+ 1 (123) 456 7890',
    '07966 197542',
    '+1-202-555-0143',
    '\u200f+44 7966 197542\u200f',
    '378282246310005',
    '030/12345678',
    '07966  197542',
    '+٤٤ ٧٩٦٦ ١٩٧٥٤٢',
    '＋８１ ９０－１２３４－５６７８',
    '𝟎𝟕𝟗𝟔𝟔 𝟏𝟗𝟕𝟓𝟒𝟐',
  ])('R13: %j is a phone number', (name) => {
    expect(isPhoneNumber(name)).toBe(true);
  });

  it.each([
    'Melissa',
    '',
    '   ',
    '555-0143',
    '+44 7966 197542 (mobile)',
    'Call +447966197542',
    '4111 1111 1111 1111',
    '1 234 567 890',
    '192.168.100.200',
    '2024-05-12',
    '(07966 197542',
    '07966 197542)',
    '3.14159265358',
    '12/05/2024',
    '07966    197542',
    '**7966197542',
  ])('R13: %j is not', (name) => {
    expect(isPhoneNumber(name)).toBe(false);
  });
});
