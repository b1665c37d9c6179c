import { describe, expect, it } from 'vitest';
import {
  isAsciiLetter,
  isCloseBracket,
  isColon,
  isCurrency,
  isDash,
  isDigit,
  isDomainCodePoint,
  isDot,
  isGlue,
  isGlueAt,
  isGlueEndingAt,
  isInvisible,
  isLatinLetter,
  isLocalCodePoint,
  isOpenBracket,
  isPlus,
  isSlash,
  isSpace,
  isUnicodeWordCodePoint,
} from '../../src/masking/charClass.js';

const code = (s: string) => s.codePointAt(0)!;

describe('character classes', () => {
  it('isDigit is ASCII digits only (digits.ts has every script)', () => {
    expect([...'0123456789'].every((c) => isDigit(code(c)))).toBe(true);
    expect(isDigit(code('٣'))).toBe(false);
    expect(isDigit(code('a'))).toBe(false);
  });

  it('spaces inside numbers: space, NBSP, thin space and their kin, not tabs or newlines', () => {
    for (const c of [' ', '\u00a0', '\u2009', '\u2002', '\u202f', '\u3000'])
      expect(isSpace(code(c))).toBe(true);
    for (const c of ['\t', '\n', 'a', '\u200b']) expect(isSpace(code(c))).toBe(false);
  });

  it('invisible characters: zero-width, bidi marks and isolates, soft hyphen, BOM', () => {
    for (const c of [
      '\u200b',
      '\u200c',
      '\u200d',
      '\u200e',
      '\u200f',
      '\u202a',
      '\u202e',
      '\u2066',
      '\u2069',
      '\u00ad',
      '\ufeff',
      '\u061c',
      '\u2060',
    ]) {
      expect(isInvisible(code(c))).toBe(true);
    }
    for (const c of [' ', 'a', '\u00a0', '\u2009']) expect(isInvisible(code(c))).toBe(false);
  });

  it('dashes: hyphen-minus, Unicode hyphens and dashes, minus sign, small and full-width', () => {
    for (const c of ['-', '\u2010', '\u2011', '\u2013', '\u2014', '\u2212', '﹘', '﹣', '－'])
      expect(isDash(code(c))).toBe(true);
    expect(isDash(code('_'))).toBe(false);
  });

  it('dots, slashes, plus, brackets and colons, with their full-width forms', () => {
    expect(['.', '．'].every((c) => isDot(code(c)))).toBe(true);
    expect(['/', '／'].every((c) => isSlash(code(c)))).toBe(true);
    expect(['+', '＋'].every((c) => isPlus(code(c)))).toBe(true);
    expect(['(', '（'].every((c) => isOpenBracket(code(c)))).toBe(true);
    expect([')', '）'].every((c) => isCloseBracket(code(c)))).toBe(true);
    expect([':', '：'].every((c) => isColon(code(c)))).toBe(true);
    for (const c of [',', '\\', '。', '[', '-']) {
      expect(isDot(code(c)) || isSlash(code(c)) || isOpenBracket(code(c))).toBe(false);
    }
  });

  it('R10: Latin letters glue numbers, other scripts do not', () => {
    for (const c of ['a', 'Z', 'é', 'ß', 'ł', 'ǆ', 'ẞ', '\u0301', 'Ａ'])
      expect(isLatinLetter(code(c))).toBe(true);
    for (const c of ['ж', 'ش', '中', 'א', '×', '÷', '1'])
      expect(isLatinLetter(code(c))).toBe(false);
    expect(isAsciiLetter(code('é'))).toBe(false);
  });

  it('glue: digits, Latin letters, % and currency signs', () => {
    for (const c of ['1', 'x', '%', '$', '€', '£', '¥', '₹', '₽', '٤', '４', 'Ａ', '％'])
      expect(isGlue(code(c))).toBe(true);
    for (const c of [' ', '.', ':', 'ж', '😀', '*']) expect(isGlue(code(c))).toBe(false);
    expect(isCurrency(code('€'))).toBe(true);
  });

  it('glue at and before a position reads astral digits whole', () => {
    expect(isGlueAt('a𝟒', 1, 3)).toBe(true);
    expect(isGlueAt('a😀', 1, 3)).toBe(false);
    expect(isGlueAt('ab', 2, 2)).toBe(false);
    expect(isGlueEndingAt('𝟒a', 1)).toBe(true);
    expect(isGlueEndingAt('😀a', 1)).toBe(false);
    expect(isGlueEndingAt('x', -1)).toBe(false);
  });

  it('R10: e-mail local parts and domains take Unicode letters, marks and digits', () => {
    for (const c of ['a', '7', '.', '_', '%', '+', '-', 'é', 'ж', '中', '𝐀', '\u0301']) {
      expect(isLocalCodePoint(code(c))).toBe(true);
    }
    for (const c of ['@', ' ', '!', '*', '😀', '(', ','])
      expect(isLocalCodePoint(code(c))).toBe(false);
    for (const c of ['a', '7', '-', 'ж', '中']) expect(isDomainCodePoint(code(c))).toBe(true);
    for (const c of ['.', '_', '+', '@']) expect(isDomainCodePoint(code(c))).toBe(false);
  });

  it('classifies lone surrogates and out-of-range code points as non-letters', () => {
    expect(isUnicodeWordCodePoint(0xd800)).toBe(false);
    expect(isUnicodeWordCodePoint(0xdfff)).toBe(false);
    expect(isUnicodeWordCodePoint(0x110000)).toBe(false);
    expect(isUnicodeWordCodePoint(-1)).toBe(false);
  });
});
