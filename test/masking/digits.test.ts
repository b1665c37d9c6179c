import { describe, expect, it } from 'vitest';
import {
  astralDigitValue,
  bmpDigitValue,
  DIGIT_ZEROS,
  digitValueAt,
  digitValueEndingAt,
  mayStartAstralDigit,
} from '../../src/masking/digits.js';

const ND = /^\p{Nd}$/u;

describe('Unicode decimal digits', () => {
  it('knows exactly the \\p{Nd} code points of this engine', () => {
    // A newer Unicode in a newer Node adds digits: this fails, and DIGIT_ZEROS needs them.
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = String.fromCodePoint(cp);
      const value = digitValueAt(text, 0, text.length);
      if (value >= 0 !== ND.test(text)) expect.fail(`U+${cp.toString(16)}: ${value}`);
    }
  });

  it('reads each run of ten by value, 0 to 9', () => {
    for (const zero of DIGIT_ZEROS) {
      for (let v = 0; v < 10; v++) {
        const text = String.fromCodePoint(zero + v);
        expect(digitValueAt(text, 0, text.length)).toBe(v);
      }
    }
    expect([...'٠١٢٣٤٥٦٧٨٩'].map((d) => bmpDigitValue(d.charCodeAt(0)))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(bmpDigitValue('４'.charCodeAt(0))).toBe(4);
    expect(bmpDigitValue('७'.charCodeAt(0))).toBe(7);
    expect(bmpDigitValue('a'.charCodeAt(0))).toBe(-1);
    expect(bmpDigitValue(-1)).toBe(-1);
  });

  it('reads astral digits from their surrogate pair, and nothing from a lone half', () => {
    const bold = '𝟒'; // U+1D7D2, MATHEMATICAL BOLD DIGIT FOUR
    expect(mayStartAstralDigit(bold.charCodeAt(0))).toBe(true);
    expect(astralDigitValue(bold, 0, 2)).toBe(4);
    expect(digitValueAt(`x${bold}`, 1, 3)).toBe(4);
    expect(digitValueEndingAt(`${bold}x`, 1)).toBe(4);
    // Cut off by `n`, a lone high or low half, or the pair of a non-digit.
    expect(astralDigitValue(bold, 0, 1)).toBe(-1);
    expect(digitValueAt(bold.slice(1), 0, 1)).toBe(-1);
    expect(digitValueEndingAt(bold.slice(1), 0)).toBe(-1);
    expect(astralDigitValue('😀', 0, 2)).toBe(-1);
    expect(mayStartAstralDigit('😀'.charCodeAt(0))).toBe(false);
    expect(digitValueAt('1', -1, 1)).toBe(-1);
    expect(digitValueEndingAt('1', 1)).toBe(-1);
  });
});
