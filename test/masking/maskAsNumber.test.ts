import { describe, expect, it } from 'vitest';
import { maskAsNumber } from '../../src/masking/index.js';

describe('maskAsNumber', () => {
  it('R11/R12: applies the number rule to the whole string', () => {
    expect(maskAsNumber('+ 1 (123) 456 7890')).toBe('**********7890');
    expect(maskAsNumber('+447966197542')).toBe('*********7542');
    expect(maskAsNumber('+31 20 123 4567')).toBe('********4567');
  });

  it('drops every kind of white space and invisible character', () => {
    expect(maskAsNumber('\t+44\u00a07966\u2009197542\u200f\n')).toBe('*********7542');
  });

  it('keeps strings of four characters or fewer as they are, without white space', () => {
    expect(maskAsNumber('')).toBe('');
    expect(maskAsNumber('1234')).toBe('1234');
    expect(maskAsNumber(' 12 ')).toBe('12');
  });

  it('counts code points, never cutting a surrogate pair', () => {
    expect(maskAsNumber('📞📞1234')).toBe('**1234');
    expect(maskAsNumber('1234📞')).toBe('*234📞');
    expect(maskAsNumber('\ud800\ud80012345')).toBe('***2345');
  });
});
