import { isGlueAt, isInvisible, isSpace } from './charClass.js';
import { astralDigitValue, bmpDigitValue } from './digits.js';
import { nextVisible } from './visible.js';

// Country code and IBAN length, as printed in the registry.
const REGISTRY =
  'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 ' +
  'CY28 CZ24 DE22 DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 ' +
  'GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 IQ23 IR26 IS26 IT27 ' +
  'JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 ' +
  'MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 ' +
  'RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 ' +
  'TR26 UA29 VA22 VG24 XK20 YE30';

/** IBAN length per country (ISO 13616 registry, SWIFT release of 2024, plus IR in national use). */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = Object.freeze(
  Object.fromEntries(REGISTRY.split(' ').map((e) => [e.slice(0, 2), Number(e.slice(2))])),
);

export const MAX_IBAN_LENGTH = 34;

const lengthByCode = new Uint8Array(26 * 26);
for (const [country, length] of Object.entries(IBAN_LENGTHS)) {
  lengthByCode[(country.charCodeAt(0) - 0x41) * 26 + (country.charCodeAt(1) - 0x41)] = length;
}

/**
 * The index (0-25) of a Latin letter an IBAN may be written with: ASCII or full-width, either
 * case. -1 for anything else.
 */
function letterIndex(c: number): number {
  const folded = (c >= 0xff21 && c <= 0xff5a ? c - 0xfee0 : c) | 0x20;
  return folded >= 0x61 && folded <= 0x7a && (c < 0x80 || c >= 0xff21) ? folded - 0x61 : -1;
}

export function isIbanLetter(c: number): boolean {
  return letterIndex(c) >= 0;
}

/** The IBAN length of a country given as two letter codes (ASCII or full-width); 0 when unknown. */
export function ibanLengthOf(c0: number, c1: number): number {
  const a = letterIndex(c0);
  const b = letterIndex(c1);
  return a < 0 || b < 0 ? 0 : lengthByCode[a * 26 + b]!;
}

/** ISO 7064 mod 97-10 over IBAN character values (0-9 digits, 10-35 letters), first four moved last. */
export function ibanChecksumValid(values: ArrayLike<number>, length: number): boolean {
  let r = 0;
  for (let k = 4; k < length + 4; k++) {
    const v = values[k < length ? k : k - length]!;
    r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
  }
  return r === 1;
}

const values = new Uint8Array(MAX_IBAN_LENGTH);

/**
 * ASCII code unit to IBAN character value: 0-9 digits, 10-35 letters, 36 space, 37 other. Beyond
 * ASCII, digits of any script count by value and full-width letters as letters (see valueOf).
 */
const ASCII_VALUE = new Uint8Array(128).fill(37);
for (let c = 0x30; c <= 0x39; c++) ASCII_VALUE[c] = c - 0x30;
for (let c = 0x41; c <= 0x5a; c++) ASCII_VALUE[c] = ASCII_VALUE[c + 0x20] = c - 55;
ASCII_VALUE[0x20] = 36;
const SPACE = 36;
const OTHER = 37;

/** Entries the reader keeps: more than the longest IBAN, a power of two for the ring index. */
const RING = 64;

/**
 * What readIban has read of the text it was called on last: the IBAN characters (letters and
 * digits) from some start on, each with its index (its first code unit: an astral digit has two),
 * its value and whether a space precedes it,
 * in a ring of the last RING of them. The scanner asks for IBANs left to right, a few characters
 * apart (`DE89 DE89 DE89 …` starts an attempt at every `DE`, and each reads 22 characters on),
 * so each call reads on from where the last one stopped instead of reading those characters
 * again: every character is read once per text. Held in one object for the same reason as the
 * chunk tables in numberRun.ts (V8 knows each field's type).
 */
class IbanReader {
  text = '';
  n = -1;
  /** The last start looked up; an earlier start, or another text, starts over. */
  start = -1;
  /** IBAN characters read, so the index of the next one; the ring holds the last RING. */
  count = 0;
  /** Where reading goes on. */
  readTo = 0;
  /** Reading met the end, a character no IBAN has, or a second space in a row: it stops there. */
  stopped = false;
  /** A space has been read since the last IBAN character. */
  spaced = false;
  /** The entry of `start`. */
  cursor = 0;
  at = new Int32Array(RING);
  value = new Uint8Array(RING);
  spaceBefore = new Uint8Array(RING);
}

const reader = new IbanReader();

/** Forgets the text read last (the scanner calls this when done, so no message stays referenced). */
export function forgetIbanReads(): void {
  reader.text = '';
  reader.n = -1;
  reader.start = -1;
}

/** Reads on until `need` IBAN characters have been read or reading stops; true when they have. */
function readUpTo(r: IbanReader, need: number): boolean {
  const text = r.text;
  const n = r.n;
  while (r.count < need) {
    if (r.stopped) return false;
    if (r.readTo >= n) {
      r.stopped = true;
      return false;
    }
    const p = r.readTo++;
    const c = text.charCodeAt(p);
    let v = c < 0x80 ? ASCII_VALUE[c]! : OTHER;
    if (c >= 0x80) {
      if (isInvisible(c)) continue;
      if (isSpace(c)) v = SPACE;
      else v = valueBeyondAscii(text, p, n);
      if (c >= 0xd800 && c <= 0xdbff && v !== OTHER) r.readTo++;
    }
    if (v === SPACE) {
      // One space, between two characters.
      if (r.spaced) {
        r.stopped = true;
        return false;
      }
      r.spaced = true;
      continue;
    }
    if (v === OTHER) {
      r.stopped = true;
      return false;
    }
    const slot = r.count & (RING - 1);
    r.at[slot] = p;
    r.value[slot] = v;
    r.spaceBefore[slot] = r.spaced ? 1 : 0;
    r.spaced = false;
    r.count++;
  }
  return true;
}

/** The IBAN value of the non-ASCII, non-space character at `p` (a digit, a full-width letter). */
function valueBeyondAscii(text: string, p: number, n: number): number {
  const c = text.charCodeAt(p);
  const digit = bmpDigitValue(c);
  if (digit >= 0) return digit;
  const letter = letterIndex(c);
  if (letter >= 0) return 10 + letter;
  const astral = astralDigitValue(text, p, n);
  return astral >= 0 ? astral : OTHER;
}

/**
 * Reads an IBAN whose country code starts at `start` (case-insensitive, single spaces allowed
 * between any two characters, invisible characters ignored). Returns the end of the IBAN when it
 * is valid; minus the end when it has the exact shape of one (country length, printed compact or
 * in the standard groups of four) but fails mod-97, so that callers can leave the whole token
 * alone instead of finding phone numbers inside a mistyped IBAN; 0 when it is neither.
 */
export function readIban(text: string, start: number, n: number): number {
  // Plain ints for V8 (see numberRun.ts).
  start |= 0;
  n |= 0;
  if (start >= n || letterIndex(text.charCodeAt(start)) < 0) return 0;
  const r = reader;
  const at = r.at;
  const value = r.value;
  const spaceBefore = r.spaceBefore;
  const mask = RING - 1;
  // The entry of `start`: among those read for an earlier start on the same text (everything
  // from that start on is still in the ring, as reading never runs more than MAX_IBAN_LENGTH
  // characters past a start), or else reading starts over at it.
  let j = -1;
  if (text === r.text && n === r.n && start >= r.start && start < r.readTo) {
    j = r.cursor;
    while (j < r.count && at[j & mask]! < start) j++;
    if (j === r.count || at[j & mask] !== start) j = -1;
  }
  if (j < 0) {
    r.text = text;
    r.n = n;
    r.count = 0;
    r.readTo = start;
    r.stopped = false;
    r.spaced = false;
    j = 0;
  }
  r.start = start;
  r.cursor = j;

  // The country code: two letters with nothing but invisible characters between them.
  if (!readUpTo(r, j + 2) || spaceBefore[(j + 1) & mask] === 1) return 0;
  const c0 = text.charCodeAt(start);
  const c1 = text.charCodeAt(at[(j + 1) & mask]!);
  const length = ibanLengthOf(c0, c1);
  if (length === 0 || !readUpTo(r, j + length)) return 0;
  // The check digits are digits.
  if (value[(j + 2) & mask]! > 9 || value[(j + 3) & mask]! > 9) return 0;

  const last = at[(j + length - 1) & mask]!;
  const end = last + (text.charCodeAt(last) >= 0xd800 && text.charCodeAt(last) <= 0xdbff ? 2 : 1);
  if (isGlueAt(text, nextVisible(text, end, n), n)) return 0;
  for (let k = 0; k < length; k++) values[k] = value[(j + k) & mask]!;
  if (ibanChecksumValid(values, length)) return end;
  // Printed compact or in the standard groups: `DE89 3704 0044 …`, spaces after the country
  // code or every fourth character.
  for (let k = 2; k < length; k++) {
    if (spaceBefore[(j + k) & mask] === 1 && k !== 2 && (k & 3) !== 0) return 0;
  }
  return -end;
}
