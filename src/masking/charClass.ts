/**
 * Character classes of the masking rules, on UTF-16 code units (code points where astral
 * characters matter). Small functions on purpose: V8 inlines them into the scanner's loops.
 */
import { bmpDigitValue, digitValueAt, digitValueEndingAt } from './digits.js';

/** ASCII digits; every Unicode decimal digit is in digits.ts. */
export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** White space that may sit inside a number: space, NBSP, the U+2000 spaces (thin space...). */
export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Invisible format characters (zero-width, bidi marks and isolates, soft hyphen, BOM). Every
 * rule treats them as absent: copy-paste from web pages and RTL chat clients sprinkles them
 * inside numbers, and a number must not escape masking because of a character nobody sees.
 */
export function isInvisible(c: number): boolean {
  if (c < 0xad) return false;
  return (
    c === 0xad ||
    c === 0x61c ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2060 && c <= 0x2064) ||
    (c >= 0x2066 && c <= 0x206f) ||
    c === 0xfeff
  );
}

/**
 * Hyphen-minus and the Unicode hyphens/dashes a phone keyboard, a word processor or an East
 * Asian input method produces (small and full-width hyphen-minus).
 */
export function isDash(c: number): boolean {
  return (
    c === 0x2d ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2212 ||
    c === 0xfe58 ||
    c === 0xfe63 ||
    c === 0xff0d
  );
}

/*
 * The other separators and brackets of numbers, with their full-width forms: an input method that
 * types `４１１１` types `－`, `．`, `／`, `（`, `）` and `＋` around it.
 */
export function isDot(c: number): boolean {
  return c === 0x2e || c === 0xff0e;
}

export function isSlash(c: number): boolean {
  return c === 0x2f || c === 0xff0f;
}

export function isPlus(c: number): boolean {
  return c === 0x2b || c === 0xff0b;
}

export function isOpenBracket(c: number): boolean {
  return c === 0x28 || c === 0xff08;
}

export function isCloseBracket(c: number): boolean {
  return c === 0x29 || c === 0xff09;
}

/** What separates a time's hours from its minutes: `10:30`, `１０：３０`. */
export function isColon(c: number): boolean {
  return c === 0x3a || c === 0xff1a;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * Latin letters and their combining marks. A number glued to one is part of a word or a code
 * (`ABC1234567890`); a number next to Arabic or CJK letters is not, because those scripts are
 * routinely written without spaces around digits (libphonenumber draws the same line).
 */
export function isLatinLetter(c: number): boolean {
  if (c < 0x80) return isAsciiLetter(c);
  return (
    (c >= 0xc0 && c <= 0x2af && c !== 0xd7 && c !== 0xf7) ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x1e00 && c <= 0x1eff) ||
    (c >= 0x2c60 && c <= 0x2c7f) ||
    (c >= 0xa720 && c <= 0xa7ff) ||
    (c >= 0xab30 && c <= 0xab6f) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

/** Currency signs: a digit run glued to one is an amount (`$1234567890`, `1234567890€`). */
export function isCurrency(c: number): boolean {
  if (c < 0x80) return c === 0x24;
  return (
    (c >= 0xa2 && c <= 0xa5) ||
    c === 0x58f ||
    c === 0x60b ||
    c === 0x7fe ||
    c === 0x7ff ||
    c === 0x9f2 ||
    c === 0x9f3 ||
    c === 0x9fb ||
    c === 0xaf1 ||
    c === 0xbf9 ||
    c === 0xe3f ||
    c === 0x17db ||
    (c >= 0x20a0 && c <= 0x20c0) ||
    c === 0xa838 ||
    c === 0xfdfc ||
    c === 0xfe69 ||
    c === 0xff04 ||
    c === 0xffe0 ||
    c === 0xffe1 ||
    c === 0xffe5 ||
    c === 0xffe6
  );
}

/**
 * A neighbour that glues a number into something else: a digit (of any script), a Latin letter,
 * `%` (or `％`), a currency sign.
 */
export function isGlue(c: number): boolean {
  // ASCII first, in a function small enough for V8 to inline.
  if (c < 0x80) return isDigit(c) || isAsciiLetter(c) || c === 0x25 || c === 0x24;
  return isLatinLetter(c) || isCurrency(c) || c === 0xff05 || bmpDigitValue(c) >= 0;
}

/** isGlue for the character that ends at `p` (an astral digit is two code units). */
export function isGlueEndingAt(text: string, p: number): boolean {
  if (p < 0) return false;
  const c = text.charCodeAt(p);
  return c >= 0xdc00 && c <= 0xdfff ? digitValueEndingAt(text, p) >= 0 : isGlue(c);
}

/** isGlue for the character that starts at `p`. */
export function isGlueAt(text: string, p: number, n: number): boolean {
  if (p < 0 || p >= n) return false;
  const c = text.charCodeAt(p);
  return c >= 0xd800 && c <= 0xdbff ? digitValueAt(text, p, n) >= 0 : isGlue(c);
}

const WORD_CHAR = /^[\p{L}\p{M}\p{Nd}]$/u;
// 0 = not yet classified, 1 = word character, 2 = not. Filled lazily: only code points that
// appear next to an `@` are ever looked at, so the table stays mostly untouched.
const bmpWordCache = new Uint8Array(0x10000);

/** Unicode letters, combining marks and decimal digits: what e-mail local parts and domains allow. */
export function isUnicodeWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return isDigit(cp) || isAsciiLetter(cp);
  if (cp < 0x10000) {
    let v = bmpWordCache[cp]!;
    if (v === 0) {
      v = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
      bmpWordCache[cp] = v;
    }
    return v === 1;
  }
  return cp <= 0x10ffff && WORD_CHAR.test(String.fromCodePoint(cp));
}

/** E-mail local part: letters, digits and `._%+-`. */
export function isLocalCodePoint(cp: number): boolean {
  if (cp < 0x80) {
    return (
      isDigit(cp) ||
      isAsciiLetter(cp) ||
      cp === 0x2e ||
      cp === 0x5f ||
      cp === 0x25 ||
      cp === 0x2b ||
      cp === 0x2d
    );
  }
  return isUnicodeWordCodePoint(cp);
}

/** E-mail domain label: letters, digits and `-`. */
export function isDomainCodePoint(cp: number): boolean {
  if (cp < 0x80) return isDigit(cp) || isAsciiLetter(cp) || cp === 0x2d;
  return isUnicodeWordCodePoint(cp);
}
