/**
 * Unicode decimal digits (general category Nd) and their values: a card in full-width `４`,
 * Arabic-Indic `٤`, Devanagari `४` or mathematical bold `𝟒` digits is as sensitive as one in
 * ASCII (MASKING.md), and Luhn, mod-97, SSN ranges, dates and IPv4 addresses read them by value.
 *
 * Unicode assigns decimal digits only in runs of ten code points with the values 0 to 9 in
 * order, so a digit's value is its distance from the zero of its run. The zeros below are those of
 * Unicode 17 (Node 20.20); test/masking/digits.test.ts checks them against `\p{Nd}` of the
 * running engine, so a newer Unicode shows up as a failing test rather than as a silent miss.
 */
const ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
  0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
  0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0,
  0x10d30, 0x10d40, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650, 0x116c0,
  0x116d0, 0x116da, 0x11730, 0x118e0, 0x11950, 0x11bf0, 0x11c50, 0x11d50, 0x11da0, 0x11de0, 0x11f50,
  0x16130, 0x16a60, 0x16ac0, 0x16b50, 0x16d70, 0x1ccf0, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
  0x1e140, 0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950, 0x1fbf0,
];

/** The zero of every run of ten decimal digits, for the tests. */
export const DIGIT_ZEROS: readonly number[] = Object.freeze([...ZEROS]);

/** BMP code unit to digit value, -1 for anything else. */
const BMP = new Int8Array(0x10000).fill(-1);
/** For a high surrogate (minus 0xd800): 1 + the index of its table of low surrogates, or 0. */
const HIGH = new Uint8Array(0x400);
/** Per high surrogate with astral digits, 1024 entries: low surrogate (minus 0xdc00) to value. */
const lowTables: Int8Array[] = [];

for (const zero of ZEROS) {
  for (let v = 0; v < 10; v++) {
    const cp = zero + v;
    if (cp < 0x10000) {
      BMP[cp] = v;
      continue;
    }
    const high = ((cp - 0x10000) >> 10) & 0x3ff;
    if (HIGH[high] === 0) {
      lowTables.push(new Int8Array(0x400).fill(-1));
      HIGH[high] = lowTables.length;
    }
    lowTables[HIGH[high]! - 1]![(cp - 0x10000) & 0x3ff] = v;
  }
}
const LOW = new Int8Array(lowTables.length * 0x400);
lowTables.forEach((table, k) => {
  LOW.set(table, k * 0x400);
});

/** The value of the BMP digit `c` (a UTF-16 code unit), or -1: one table load. */
export function bmpDigitValue(c: number): number {
  return c >= 0 && c < 0x10000 ? BMP[c]! : -1;
}

/** A high surrogate that starts some astral digit: the scanner looks at the pair only then. */
export function mayStartAstralDigit(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff && HIGH[c - 0xd800] !== 0;
}

/** The value of the astral digit whose high surrogate is at `q` (before `n`), or -1. */
export function astralDigitValue(text: string, q: number, n: number): number {
  const c = text.charCodeAt(q);
  if (c < 0xd800 || c > 0xdbff || q + 1 >= n) return -1;
  const table = HIGH[c - 0xd800]!;
  if (table === 0) return -1;
  const low = text.charCodeAt(q + 1);
  if (low < 0xdc00 || low > 0xdfff) return -1;
  return LOW[(table - 1) * 0x400 + (low - 0xdc00)]!;
}

/** The value of the digit that starts at `q` (BMP or astral, before `n`), or -1. */
export function digitValueAt(text: string, q: number, n: number): number {
  if (q < 0 || q >= n) return -1;
  const c = text.charCodeAt(q);
  const v = BMP[c]!;
  return v >= 0 ? v : astralDigitValue(text, q, n);
}

/** The value of the digit whose last code unit is at `p`, or -1. */
export function digitValueEndingAt(text: string, p: number): number {
  if (p < 0 || p >= text.length) return -1;
  const c = text.charCodeAt(p);
  const v = BMP[c]!;
  if (v >= 0 || c < 0xdc00 || c > 0xdfff || p === 0) return v;
  return astralDigitValue(text, p - 1, p + 1);
}
