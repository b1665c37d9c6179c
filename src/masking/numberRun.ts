import {
  isCloseBracket,
  isColon,
  isDash,
  isDot,
  isGlueAt,
  isGlueEndingAt,
  isInvisible,
  isOpenBracket,
  isPlus,
  isSlash,
  isSpace,
} from './charClass.js';
import { astralDigitValue, bmpDigitValue, digitValueAt, digitValueEndingAt } from './digits.js';
import { KIND_CARD, KIND_PHONE, KIND_SSN } from './kinds.js';
import type { SpanBuffer } from './spanBuffer.js';
import { isValidSsn } from './ssn.js';
import { codeAt, nextVisible, prevVisible } from './visible.js';

/*
 * Card numbers, SSNs and phone numbers share one reader. A *chunk* is a maximal sequence of
 * digit groups joined by gaps (runs of up to three spaces, dashes, dots and slashes, and
 * brackets); digits are those of any script, read by value (digits.ts); dates, times and IPv4 addresses
 * in it are set aside, and what is left forms *runs*. A run is masked only when it can be cut, at
 * group boundaries, into pieces that are each a valid card, SSN or phone; it is cut from left to
 * right, each time taking the longest valid piece that still lets the rest be cut. So
 * `4111 1111 1111 1112` stays as it is (16 digits, fails Luhn, too long for a phone) instead of
 * losing its first 12 digits to a "phone", while two phone numbers one space apart are both found.
 *
 * Cost: the chunk is read once, filling every table. Whether the rest of a run can be cut is
 * computed right to left in O(1) per group (digit windows by two pointers, Luhn by prefix sums,
 * "any cuttable end in a range" by prefix counts); only brackets take a short loop. Then the cut
 * itself walks the pieces once.
 *
 * V8 notes, as they shape the code of this directory: `i |= 0` on a parameter, and `| 0` on what
 * a call returns, tell V8 the value is a small integer. It cannot know otherwise, and a loop
 * index that starts from such a value is kept boxed through the whole loop, unboxed again at
 * every use: on long chunks that alone cost a quarter of the time.
 */

/**
 * Gap flags: what lies between two digit groups, `)`? separators{0,3} `(`?. The separators are
 * described by one flag: the kind of a single one (space, dash, dot, slash), or GAP_RUN for two
 * or three of any kinds; the rules that look at separators (SSN, dates, IPv4, amounts) all want
 * exactly one of a given kind. Not exported on purpose: V8 keeps an exported binding in a cell
 * that code reloads and checks at every use, where it folds a module-private constant into the
 * code.
 */
const GAP_CLOSE = 1;
const GAP_SPACE = 2;
const GAP_DASH = 4;
const GAP_DOT = 8;
const GAP_SLASH = 16;
const GAP_OPEN = 32;
const GAP_RUN = 64;
const GAP_BRACKETS = GAP_CLOSE | GAP_OPEN;
const MAX_SEPARATORS = 3;

/*
 * Separator codes, 1 << code being the gap flag of a single one. A gap's separators as typed
 * (brackets left out) are its *signature*, three bits per separator: ` - ` is 1 | 2 << 3 | 1 << 6.
 */
const SEP_SPACE = 1;
const SEP_DASH = 2;
const SEP_DOT = 3;
const SEP_SLASH = 4;
const SIGNATURES = 1 << (3 * MAX_SEPARATORS);

const MAX_PIECE_DIGITS = 19;

/**
 * The chunk last read by readChunk: per-group tables and what surrounds the chunk.
 *
 * One object rather than module-level variables, for speed: V8 tracks the type of each field
 * (always an Int32Array, say), so code that reads a table through it needs no check of what the
 * table is. A module-level `let` holding a table is reloaded and checked at every access, which
 * made these loops about a third slower. Hot loops still copy the tables into locals.
 */
class Chunk {
  /** Entries each group table holds; the prefix tables hold two more. */
  capacity = 0;
  groupStart = new Int32Array(0);
  /** After the group's last digit. */
  groupEnd = new Int32Array(0);
  groupDigits = new Int32Array(0);
  /** The value of a group of at most nine digits, else -1. */
  groupValue = new Int32Array(0);
  /** Flags of the gap before the group; 0 for the first group. */
  groupGap = new Int32Array(0);
  /** Signature of the gap before the group (its separators); 0 for none. */
  groupSep = new Int32Array(0);
  /** Where the gap before the group has its `(`; set only for gaps with one (GAP_OPEN). */
  groupOpen = new Int32Array(0);
  /** 1 for a group set aside (date, time, IPv4 address, slashed date). */
  excluded = new Uint8Array(0);
  /** Digits before group k in the chunk; one entry more than groups. */
  digitsBefore = new Int32Array(0);
  /** Luhn sums over the chunk's digits before group k, even (resp. odd) positions undoubled. */
  luhnEven = new Int32Array(0);
  luhnOdd = new Int32Array(0);
  /** First gap after group k that a card may not contain (one with a bracket). */
  cardBreak = new Int32Array(0);
  /** How many groups after k have three digits behind the same space or dot gap: `1 234 567`. */
  thousandsRun = new Int32Array(0);
  /** reach[k]: groups k.. of the run can be cut into pieces; reachCount[k]: reachable at or after k. */
  reach = new Uint8Array(0);
  reachCount = new Int32Array(0);
  /** All ones: the end filter of pieceEnds when every valid piece is wanted. */
  anyEnd = new Uint8Array(0);
  /*
   * For a run that cannot be cut whole (cutLeavingGroups), the most digits that can be masked in
   * groups k..: with a piece starting at k (bestPiece), with one starting at k right after a
   * left-out group (bestAfterLeft), with k left out (bestLeft); and, per gap, the nearest gap
   * before and after it in the run with the same signature.
   */
  bestPiece = new Int32Array(0);
  bestAfterLeft = new Int32Array(0);
  bestLeft = new Int32Array(0);
  sameSepBefore = new Int32Array(0);
  sameSepAfter = new Int32Array(0);
  lastWithSep = new Int32Array(SIGNATURES);

  groupCount = 0;
  plusAt = -1;
  openAt = -1;
  /** True when the chunk's prefix is `(` before the `+` (or a lone `(`), false for `+(`. */
  openFirst = false;
  leftGlued = false;
  rightGlued = false;

  /** The pieces pieceEnds found last: how many, and each one's last group, kind and start. */
  endCount = 0;
  ends = new Int32Array(MAX_PIECE_DIGITS + 1);
  endKinds = new Int32Array(MAX_PIECE_DIGITS + 1);
  endStarts = new Int32Array(MAX_PIECE_DIGITS + 1);
  /** The piece choosePiece found last. */
  chosenKind = 0;
  chosenStart = 0;
  /** The gap gapAt read last: its flags, its signature and where its `(` is (-1 when none). */
  readGap = 0;
  readSep = 0;
  readGapOpen = -1;

  constructor() {
    this.grow();
  }

  /** Doubles every table, keeping what readChunk has filled in so far. */
  grow(): void {
    const next = Math.max(64, this.capacity * 2);
    const copy = (a: Int32Array, size: number) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.groupStart = copy(this.groupStart, next);
    this.groupEnd = copy(this.groupEnd, next);
    this.groupDigits = copy(this.groupDigits, next);
    this.groupValue = copy(this.groupValue, next);
    this.groupGap = copy(this.groupGap, next);
    this.groupSep = copy(this.groupSep, next);
    this.groupOpen = copy(this.groupOpen, next);
    this.digitsBefore = copy(this.digitsBefore, next + 2);
    this.luhnEven = copy(this.luhnEven, next + 2);
    this.luhnOdd = copy(this.luhnOdd, next + 2);
    // Filled only once the chunk has been read.
    this.excluded = new Uint8Array(next);
    this.cardBreak = new Int32Array(next + 2);
    this.thousandsRun = new Int32Array(next + 2);
    this.reach = new Uint8Array(next + 2);
    this.reachCount = new Int32Array(next + 2);
    this.anyEnd = new Uint8Array(next + 2).fill(1);
    this.bestPiece = new Int32Array(next + 2);
    this.bestAfterLeft = new Int32Array(next + 2);
    this.bestLeft = new Int32Array(next + 2);
    this.sameSepBefore = new Int32Array(next + 2);
    this.sameSepAfter = new Int32Array(next + 2);
    this.capacity = next;
  }
}

const chunk = new Chunk();

/**
 * Where the digits of a chunk start when `i` holds a `+` or `(` (or a digit): the prefixes are
 * `(`, `(+`, `(+ `, `+`, `+ `, `+(` and `+ (`. -1 when no digit follows.
 */
export function prefixedDigit(text: string, i: number, n: number): number {
  i |= 0;
  n |= 0;
  let p = i;
  let c = codeAt(text, p, n);
  if (isOpenBracket(c)) {
    p = nextVisible(text, p + 1, n);
    c = codeAt(text, p, n);
    if (isPlus(c)) {
      p = nextVisible(text, p + 1, n);
      c = codeAt(text, p, n);
      if (isSpace(c)) {
        p = nextVisible(text, p + 1, n);
      }
    }
  } else if (isPlus(c)) {
    p = nextVisible(text, p + 1, n);
    c = codeAt(text, p, n);
    if (isSpace(c)) {
      p = nextVisible(text, p + 1, n);
      c = codeAt(text, p, n);
    }
    if (isOpenBracket(c)) {
      p = nextVisible(text, p + 1, n);
    }
  }
  return digitValueAt(text, p, n) >= 0 ? p : -1;
}

/**
 * The end of the chunk that starts at the ASCII digit `i` when it has fewer than 9 digits or is
 * an IPv4 address: most digits in chat (`10:30`, `(order 12345678)`, `2024-05-12`, `$12.50`,
 * `192.168.100.200`) are answered here without filling the tables. It reads the gap grammar on
 * ASCII only; -1 whenever the chunk may have 9 digits or more, or reaches a non-ASCII character
 * that could be an invisible, a space, a dash or a digit, for readChunk to decide. Where it gives
 * an end, readChunk gives the same.
 */
export function shortChunkEnd(text: string, i: number, n: number): number {
  i |= 0;
  n |= 0;
  let digits = 0;
  let q = i;
  // Still possibly an IPv4 address (four groups of up to three digits joined by single dots):
  // readChunk sets all of one aside, whatever its number of digits.
  let groups = 0;
  let dotted = true;
  for (;;) {
    let c = 0;
    const groupAt = q;
    while (q < n) {
      c = text.charCodeAt(q);
      if (c < 0x30 || c > 0x39) break;
      q++;
      // A group of four digits or more is no IPv4 part: at 9 digits the answer is known, and a
      // run of 4096 digits is not read twice.
      if (q - groupAt > 3 && digits + (q - groupAt) >= 9) return -1;
    }
    digits += q - groupAt;
    groups++;
    if (groups > 4 || q - groupAt > 3) dotted = false;
    if (digits >= 9 && !dotted) return -1;
    let r = q;
    let end = q >= n;
    if (!end) {
      // The gap grammar: `)`? (space, `-`, `.` or `/`){0,3} `(`?, then a digit.
      c = text.charCodeAt(r);
      if (c === 0x29) c = r + 1 < n ? text.charCodeAt(++r) : -1;
      for (let s = 0; s < MAX_SEPARATORS && (c === 0x20 || (c >= 0x2d && c <= 0x2f)); s++) {
        c = r + 1 < n ? text.charCodeAt(++r) : -1;
      }
      if (c === 0x28) c = r + 1 < n ? text.charCodeAt(++r) : -1;
      if (c >= 0x80) return -1;
      end = r === q || c < 0x30 || c > 0x39;
    }
    if (end) {
      if (digits < 9) return q;
      return dotted && groups === 4 && dottedQuadBelow256(text, i, q) ? q : -1;
    }
    if (r !== q + 1 || text.charCodeAt(q) !== 0x2e) dotted = false;
    q = r;
  }
}

/** Every group of the dotted digits in text[from, to) is at most 255. */
function dottedQuadBelow256(text: string, from: number, to: number): boolean {
  let value = 0;
  for (let q = from; q < to; q++) {
    const c = text.charCodeAt(q);
    value = c === 0x2e ? 0 : value * 10 + (c - 0x30);
    if (value > 255) return false;
  }
  return true;
}

/**
 * Reads the chunk that starts at `i` (a digit, or a prefix that prefixedDigit accepts) into the
 * group tables; `leftOpen` when `i` is a boundary that glues nothing (the end of an IBAN or an
 * e-mail address). Returns the index after its last digit, or -1 when `i` does not start a chunk.
 *
 * One pass over the characters fills every table, values and Luhn sums included: on long chunks
 * a second pass over the digits cost about as much as the first.
 */
export function readChunk(text: string, i: number, n: number, leftOpen = false): number {
  const firstDigitAt = prefixedDigit(text, i, n) | 0;
  if (firstDigitAt < 0) return -1;
  const t = chunk;
  let plusAt = -1;
  let openAt = -1;
  let openFirst = false;
  for (let q = i; q < firstDigitAt; q++) {
    const c = text.charCodeAt(q);
    if (isPlus(c)) plusAt = q;
    else if (isOpenBracket(c)) {
      openAt = q;
      openFirst = plusAt < 0;
    }
  }
  t.plusAt = plusAt;
  t.openAt = openAt;
  t.openFirst = openFirst;

  let g = 0;
  let gap = 0;
  let sep = 0;
  let p = firstDigitAt;
  let digitIndex = 0;
  // Luhn sums over the digits read so far: `undoubled` is the one in which the next digit counts
  // as it is, `doubled` the one in which it counts doubled; they swap roles at every digit.
  let undoubled = 0;
  let doubled = 0;
  // The character at q, carried along so that each one is read once: on a chunk of one-digit
  // groups, reading the character after a group again in the gap, and the digit after the gap
  // again in the next group, was a third of the reading.
  let q = p;
  let c = text.charCodeAt(q);
  for (;;) {
    if (g + 1 >= t.capacity) t.grow();
    t.groupStart[g] = p;
    t.groupGap[g] = gap;
    t.groupSep[g] = sep;
    t.digitsBefore[g] = digitIndex;
    // luhnEven counts the digits at even positions of the chunk undoubled.
    const evenNext = (digitIndex & 1) === 0;
    t.luhnEven[g] = evenNext ? undoubled : doubled;
    t.luhnOdd[g] = evenNext ? doubled : undoubled;

    // A group: digits of any script, with invisible characters between them ignored.
    const firstIndex = digitIndex;
    let value = 0;
    let end = p;
    for (;;) {
      let d = c - 0x30;
      let width = 1;
      if (d < 0 || d > 9) {
        // Nothing below U+00AD but an ASCII digit is a digit or invisible.
        if (c < 0xad) break;
        d = bmpDigitValue(c);
        if (d < 0) {
          if (isInvisible(c)) {
            c = ++q < n ? text.charCodeAt(q) : -1;
            continue;
          }
          d = astralDigitValue(text, q, n);
          if (d < 0) break;
          width = 2;
        }
      }
      // `| 0` tells V8 the value is a small integer: without it the loop keeps it as a double.
      if (value < 100_000_000) value = (value * 10 + d) | 0;
      // d doubled is d * 2, minus 9 when that has two digits (d >= 5).
      const sum = undoubled + d;
      undoubled = doubled + d * 2 - ((d + 3) >> 3) * 9;
      doubled = sum;
      digitIndex++;
      q += width;
      end = q;
      c = q < n ? text.charCodeAt(q) : -1;
    }
    const digits = digitIndex - firstIndex;
    t.groupEnd[g] = end;
    t.groupDigits[g] = digits;
    t.groupValue[g] = digits <= 9 ? value : -1;
    g++;

    // A gap: `)`? up to three of space, `-`, `.`, `/` `(`?, then a digit. Read on ASCII first; a
    // character beyond it (an invisible, a Unicode space, dash or digit) sends the gap to gapAt.
    gap = 0;
    let r = q;
    if (c === 0x29) {
      gap = GAP_CLOSE;
      c = ++r < n ? text.charCodeAt(r) : -1;
    }
    let separators = 0;
    let code = 0;
    sep = 0;
    while (separators < MAX_SEPARATORS) {
      if (c === 0x20) code = SEP_SPACE;
      else if (c === 0x2d) code = SEP_DASH;
      else if (c === 0x2e) code = SEP_DOT;
      else if (c === 0x2f) code = SEP_SLASH;
      else break;
      sep |= code << (3 * separators);
      separators++;
      c = ++r < n ? text.charCodeAt(r) : -1;
    }
    if (separators > 0) gap |= separators === 1 ? 1 << code : GAP_RUN;
    if (c === 0x28) {
      gap |= GAP_OPEN;
      // Read by choosePiece only for gaps with a `(`.
      t.groupOpen[g] = r;
      c = ++r < n ? text.charCodeAt(r) : -1;
    }
    if (c >= 0x80) {
      // An ASCII gap before a BMP digit of another script (`٤١١١ ١١١١`) is complete as read;
      // anything else goes to gapAt, which reads the gap again.
      if (r === q || bmpDigitValue(c) < 0) {
        r = gapAt(text, q, n) | 0;
        if (r < 0) break;
        gap = t.readGap;
        sep = t.readSep;
        if ((gap & GAP_OPEN) !== 0) t.groupOpen[g] = t.readGapOpen;
        c = text.charCodeAt(r);
      }
    } else if (gap === 0 || c < 0x30 || c > 0x39) {
      break;
    }
    p = q = r;
  }
  t.groupCount = g;
  t.digitsBefore[g] = digitIndex;
  const evenNext = (digitIndex & 1) === 0;
  t.luhnEven[g] = evenNext ? undoubled : doubled;
  t.luhnOdd[g] = evenNext ? doubled : undoubled;
  const end = t.groupEnd[g - 1]!;
  // Too few digits for anything (emitChunk will say so): neighbours and exclusions do not
  // matter, and many digits in chat end here.
  if (chunkIsShort()) return end;

  const excluded = t.excluded;
  excluded.fill(0, 0, g);
  const before = prevVisible(text, i);
  const cb = codeAt(text, before, n);
  t.leftGlued = !leftOpen && isGlueEndingAt(text, before);
  // The tail's groups take part in no date, address or slashed pair: they are what is left of
  // a longer number (`**********2024-05-12` is no date).
  const from = markMaskedTail(text, i, g) | 0;
  const after = nextVisible(text, end, n);
  const ca = codeAt(text, after, n);
  t.rightGlued = isGlueAt(text, after, n);

  // Times: `10:30`; the group touching the `:` is not a number.
  if (
    firstDigitAt === i &&
    isColon(cb) &&
    digitValueEndingAt(text, prevVisible(text, before)) >= 0
  ) {
    excluded[0] = 1;
  }
  if (isColon(ca) && digitValueAt(text, nextVisible(text, after + 1, n), n) >= 0) {
    excluded[g - 1] = 1;
  }
  if (g - from >= 2) markSlashedDates(from, g);
  if (g - from >= 3) markDates(from, g);
  if (g - from >= 4) markIpv4(from, g);
  return end;
}

/**
 * Sets aside the groups of the chunk (of g groups, starting at `i`) that are the visible tail of
 * a number masked before: the last four characters after `**` (`****3000 123456`,
 * `********.123-45-6789`), in which masking left no white space. A second pass must neither
 * join them to the next digits nor start a number in them, or masking would not be idempotent.
 * Returns how many groups it set aside (they are the first ones).
 */
function markMaskedTail(text: string, i: number, g: number): number {
  // Back from the chunk to the last `*`, over at most three characters of a tail.
  let p = prevVisible(text, i);
  for (let k = 0; k < 3 && p >= 0; k++) {
    const c = text.charCodeAt(p);
    if (c === 0x2a || isSpace(c)) break;
    p = prevVisible(text, p);
  }
  if (p < 1 || text.charCodeAt(p) !== 0x2a || codeAt(text, prevVisible(text, p), p) !== 0x2a) {
    return 0;
  }
  // The four visible characters (code points) after it, up to any white space.
  const n = text.length;
  let tailEnd = nextVisible(text, p + 1, n);
  for (let k = 0; k < 4 && tailEnd < n && !isSpace(text.charCodeAt(tailEnd)); k++) {
    const low = tailEnd + 1 < n ? text.charCodeAt(tailEnd + 1) : 0;
    const pair = isHighSurrogate(text.charCodeAt(tailEnd)) && low >= 0xdc00 && low <= 0xdfff;
    tailEnd = nextVisible(text, tailEnd + (pair ? 2 : 1), n);
  }
  const starts = chunk.groupStart;
  let k = 0;
  for (; k < g && starts[k]! < tailEnd; k++) chunk.excluded[k] = 1;
  return k;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** The separator code of `c`, or 0 when it is none. */
function separatorCode(c: number): number {
  if (isSpace(c)) return SEP_SPACE;
  if (isDash(c)) return SEP_DASH;
  if (isDot(c)) return SEP_DOT;
  return isSlash(c) ? SEP_SLASH : 0;
}

/**
 * The general gap reader, for gaps with characters beyond ASCII: from `q` (after a group),
 * `)`? up to three separators `(`?, with invisible characters anywhere. Returns where the next
 * group starts, or -1 when no gap and digit follow; leaves the gap in chunk.readGap,
 * chunk.readSep and chunk.readGapOpen.
 */
function gapAt(text: string, q: number, n: number): number {
  q |= 0;
  n |= 0;
  let gap = 0;
  let open = -1;
  let r = nextVisible(text, q, n);
  let c = codeAt(text, r, n);
  if (isCloseBracket(c)) {
    gap |= GAP_CLOSE;
    r = nextVisible(text, r + 1, n);
    c = codeAt(text, r, n);
  }
  let separators = 0;
  let code = 0;
  let sep = 0;
  while (separators < MAX_SEPARATORS) {
    const next = separatorCode(c);
    if (next === 0) break;
    code = next;
    sep |= code << (3 * separators);
    separators++;
    r = nextVisible(text, r + 1, n);
    c = codeAt(text, r, n);
  }
  if (separators > 0) gap |= separators === 1 ? 1 << code : GAP_RUN;
  if (isOpenBracket(c)) {
    gap |= GAP_OPEN;
    open = r;
    r = nextVisible(text, r + 1, n);
  }
  if (gap === 0 || digitValueAt(text, r, n) < 0) return -1;
  chunk.readGap = gap;
  chunk.readSep = sep;
  chunk.readGapOpen = open;
  return r;
}

function isPlausibleYear(k: number): boolean {
  const v = chunk.groupValue[k]!;
  return chunk.groupDigits[k] === 4 && v >= 1900 && v <= 2099;
}

function isSmall(k: number, max: number): boolean {
  const v = chunk.groupValue[k]!;
  return chunk.groupDigits[k]! <= 2 && v >= 1 && v <= max;
}

/**
 * `2024-05-12`, `12.05.2024`, `12/05/2024`: three groups with one repeated `-`, `.` or `/` and
 * plausible values.
 */
function markDates(from: number, g: number): void {
  const gaps = chunk.groupGap;
  const values = chunk.groupValue;
  const excluded = chunk.excluded;
  for (let k = from; k + 2 < g; k++) {
    const gap = gaps[k + 1]!;
    if ((gap !== GAP_DASH && gap !== GAP_DOT && gap !== GAP_SLASH) || gaps[k + 2] !== gap) continue;
    const ymd = isPlausibleYear(k) && isSmall(k + 1, 12) && isSmall(k + 2, 31);
    const dmy =
      isPlausibleYear(k + 2) &&
      isSmall(k, 31) &&
      isSmall(k + 1, 31) &&
      (values[k]! <= 12 || values[k + 1]! <= 12);
    if (ymd || dmy) excluded[k] = excluded[k + 1] = excluded[k + 2] = 1;
  }
}

/**
 * `12/25`, `3/4`, `24/7`, `05/2027`: a group of one or two digits and one of one or two digits
 * or a year, joined by one `/` (a card's expiry, a day and month, a fraction). Not when a group
 * of one or two digits is joined to the pair by one `/` on either side: `06/12/34/56/78` is a
 * number in pairs.
 */
function markSlashedDates(from: number, g: number): void {
  const gaps = chunk.groupGap;
  const counts = chunk.groupDigits;
  const excluded = chunk.excluded;
  for (let k = from; k + 1 < g; k++) {
    if (gaps[k + 1] !== GAP_SLASH || counts[k]! > 2) continue;
    if (counts[k + 1]! > 2 && !isPlausibleYear(k + 1)) continue;
    if (k > 0 && gaps[k] === GAP_SLASH && counts[k - 1]! <= 2) continue;
    if (k + 2 < g && gaps[k + 2] === GAP_SLASH && counts[k + 2]! <= 2) continue;
    excluded[k] = excluded[k + 1] = 1;
  }
}

/** `192.168.100.200`: four groups of 1-3 digits up to 255, joined by single dots, no more. */
function markIpv4(from: number, g: number): void {
  const gaps = chunk.groupGap;
  const counts = chunk.groupDigits;
  const values = chunk.groupValue;
  const excluded = chunk.excluded;
  for (let k = from; k + 3 < g; k++) {
    if (gaps[k + 1] !== GAP_DOT || counts[k]! > 3) continue;
    if (k > 0 && gaps[k] === GAP_DOT) continue;
    if (k + 4 < g && gaps[k + 4] === GAP_DOT) continue;
    let ok = true;
    for (let j = k; j < k + 4; j++) {
      if ((j > k && gaps[j] !== GAP_DOT) || counts[j]! > 3 || values[j]! > 255) {
        ok = false;
        break;
      }
    }
    if (ok) excluded[k] = excluded[k + 1] = excluded[k + 2] = excluded[k + 3] = 1;
  }
}

/** Groups k..e as an SSN: nine digits, `AAA-GG-SSSS` with one delimiter kind or none. */
function isSsnPiece(k: number, e: number): boolean {
  const t = chunk;
  if (e === k) {
    if (t.groupDigits[k] !== 9) return false;
    const v = t.groupValue[k]!;
    return isValidSsn(Math.floor(v / 1_000_000), Math.floor(v / 10_000) % 100, v % 10_000);
  }
  if (e !== k + 2) return false;
  const gap = t.groupGap[k + 1]!;
  return (
    (gap === GAP_SPACE || gap === GAP_DASH) &&
    t.groupGap[k + 2] === gap &&
    t.groupDigits[k] === 3 &&
    t.groupDigits[k + 1] === 2 &&
    t.groupDigits[k + 2] === 4 &&
    isValidSsn(t.groupValue[k]!, t.groupValue[k + 1]!, t.groupValue[k + 2]!)
  );
}

function isLuhnPiece(k: number, e: number): boolean {
  const t = chunk;
  const lastDigit = t.digitsBefore[e + 1]! - 1;
  const sum =
    (lastDigit & 1) === 0 ? t.luhnEven[e + 1]! - t.luhnEven[k]! : t.luhnOdd[e + 1]! - t.luhnOdd[k]!;
  return sum % 10 === 0;
}

/** Nothing shorter than an SSN can be masked, but a `+` phone of 8 digits. */
export function chunkIsShort(): boolean {
  return chunk.digitsBefore[chunk.groupCount]! < (chunk.plusAt >= 0 ? 8 : 9);
}

/** Finds the pieces of every run of the chunk last read and pushes them onto `out`. */
export function emitChunk(text: string, out: SpanBuffer): void {
  if (chunkIsShort()) return;
  const g = chunk.groupCount;
  const excluded = chunk.excluded;
  const before = chunk.digitsBefore;
  const plus = chunk.plusAt >= 0;
  let a = 0;
  while (a < g) {
    if (excluded[a] === 1) {
      a++;
      continue;
    }
    let b = a;
    while (b + 1 < g && excluded[b + 1] === 0) b++;
    if (before[b + 1]! - before[a]! >= (a === 0 && plus ? 8 : 9)) emitRun(text, a, b, out);
    a = b + 1;
  }
}

/**
 * The longest valid piece that starts at group k, ends at or before group b and leaves a
 * reachable rest: returns its last group (and sets chunk.chosenKind and chunk.chosenStart), or
 * -1.
 */
function choosePiece(text: string, k: number, b: number): number {
  const t = chunk;
  const count = pieceEnds(text, k, b, t.reach) | 0;
  if (count === 0) return -1;
  t.chosenKind = t.endKinds[count - 1]!;
  t.chosenStart = t.endStarts[count - 1]!;
  return t.ends[count - 1]!;
}

/**
 * Every valid piece that starts at group k and ends at a group e <= b with filter[e + 1] set
 * (reach: the rest can be cut; anyEnd: no condition), shortest first, into chunk.ends,
 * chunk.endKinds and chunk.endStarts; returns how many. Card first, then SSN, then phone, for
 * the same piece.
 */
function pieceEnds(text: string, k: number, b: number, filter: Uint8Array): number {
  k |= 0;
  b |= 0;
  const t = chunk;
  if (k === 0 && t.leftGlued) return 0;
  const starts = t.groupStart;
  const gaps = t.groupGap;
  const before = t.digitsBefore;
  const ends = t.ends;
  const kinds = t.endKinds;
  const pieceStarts = t.endStarts;
  const plusAt = t.plusAt;
  const openAt = t.openAt;
  const lastGlued = t.rightGlued ? t.groupCount - 1 : -1;
  const plus = k === 0 && plusAt >= 0;
  // Phone variants: A includes a leading `(` (so it must close), B starts after it.
  let aStart = -1;
  let bStart = starts[k]!;
  if (k === 0) {
    if (openAt >= 0 && t.openFirst) {
      aStart = openAt;
      bStart = plus ? plusAt : starts[0]!;
    } else if (openAt >= 0) {
      aStart = plusAt;
      bStart = -1;
    } else if (plus) {
      bStart = plusAt;
    }
  } else if ((gaps[k]! & GAP_OPEN) !== 0) {
    aStart = t.groupOpen[k]!;
  }
  let aDepth = 1;
  let bDepth = 0;
  let aBroken = aStart < 0;
  let bBroken = bStart < 0;
  const firstDigit = digitValueAt(text, starts[k]!, text.length);
  // Card numbers are not written after a `+`: with one it is a phone number, whatever Luhn says.
  const cardFirst = firstDigit >= 2 && firstDigit <= 6 && !plus;
  const cardEnd = t.cardBreak[k]!;
  const base = before[k]!;
  const thousandsEnd = t.groupDigits[k]! <= 3 ? k + t.thousandsRun[k]! : -1;
  const minPhone = plus ? 8 : 10;

  let count = 0;
  for (let e = k; e <= b; e++) {
    const digits = before[e + 1]! - base;
    if (digits > MAX_PIECE_DIGITS) break;
    if (e > k) {
      const gap = gaps[e]!;
      if ((gap & GAP_CLOSE) !== 0) {
        if (aDepth === 1) aDepth = 0;
        else aBroken = true;
        if (bDepth === 1) bDepth = 0;
        else bBroken = true;
      }
      if ((gap & GAP_OPEN) !== 0) {
        if (aDepth === 0) aDepth = 1;
        else aBroken = true;
        if (bDepth === 0) bDepth = 1;
        else bBroken = true;
      }
    }
    const phoneAlive = (!aBroken || !bBroken) && digits <= 15;
    if (!phoneAlive && !(cardFirst && e < cardEnd) && e > k + 2) break;
    if (filter[e + 1] === 0 || e === lastGlued) continue;
    // Shapes of amounts, not numbers: `1 234 567 890`, `3.14159265358`.
    const amount = e <= thousandsEnd || (e === k + 1 && gaps[e] === GAP_DOT);

    let kind = -1;
    let start = starts[k]!;
    if (digits >= 13 && cardFirst && e < cardEnd && !amount && isLuhnPiece(k, e)) {
      kind = KIND_CARD;
    } else if (digits === 9 && !plus && isSsnPiece(k, e)) {
      kind = KIND_SSN;
    } else if (phoneAlive && digits >= minPhone) {
      if (!aBroken && aDepth === 0) {
        kind = KIND_PHONE;
        start = aStart;
      } else if (!bBroken && bDepth === 0 && (plus || !amount)) {
        kind = KIND_PHONE;
        start = bStart;
      }
    }
    if (kind >= 0) {
      ends[count] = e;
      kinds[count] = kind;
      pieceStarts[count] = start;
      count++;
    }
  }
  t.endCount = count;
  return count;
}

function emitRun(text: string, a: number, b: number, out: SpanBuffer): void {
  a |= 0;
  b |= 0;
  const t = chunk;
  // Plain booleans (`=== true`): V8 would otherwise test the loaded values for every kind of
  // truthiness at each use in the loop.
  const lastGlued = b === t.groupCount - 1 && t.rightGlued === true;
  // The first group of the chunk may carry its prefix or be glued: always the slow way.
  const specialFirst = t.leftGlued === true || t.plusAt >= 0 || t.openAt >= 0;

  t.reach[b + 1] = 1;
  t.reachCount[b + 1] = 1;
  t.reachCount[b + 2] = 0;
  // For group k, carried from k + 1: the first gap after k that a card may not cross, that has a
  // bracket, that has a closing bracket; how many thousands groups follow k.
  let bracket = b + 1;
  let close = b + 1;
  let thousands = 0;
  // Largest e with at most 15 (19) digits in k..e; smallest e with at least 10 (13).
  let hi15 = b;
  let hi19 = b;
  let lo10 = b;
  let lo13 = b;
  for (let k = b; k >= a; k--) {
    if (k < b) {
      const gap = t.groupGap[k + 1]!;
      if ((gap & GAP_BRACKETS) !== 0) bracket = k + 1;
      if ((gap & GAP_CLOSE) !== 0) close = k + 1;
      thousands =
        t.groupDigits[k + 1] === 3 && (gap === GAP_SPACE || gap === GAP_DOT)
          ? 1 + (k + 2 <= b && t.groupGap[k + 2] === gap ? thousands : 0)
          : 0;
    }
    // choosePiece reads these two for its own k.
    t.cardBreak[k] = bracket;
    t.thousandsRun[k] = thousands;

    const base = t.digitsBefore[k]!;
    while (hi15 >= k && t.digitsBefore[hi15 + 1]! - base > 15) hi15--;
    while (lo10 > k && t.digitsBefore[lo10]! - base >= 10) lo10--;

    let ok = false;
    if (k === 0 && specialFirst) {
      ok = choosePiece(text, k, b) >= 0;
    } else if (close <= hi15) {
      // A bracket that closes within reach: the slow way, bracket by bracket.
      ok = choosePiece(text, k, b) >= 0;
    } else {
      // Phone: every end whose piece has 10-15 digits, but amount shapes and a glued last group.
      // With no `)` within reach no bracket can be used, and none crossed.
      let lo = lo10;
      let hi = Math.min(bracket - 1, hi15);
      if (t.digitsBefore[lo + 1]! - base >= 10 && lo <= hi) {
        if (t.groupDigits[k]! <= 3 && lo <= k + thousands) lo = k + thousands + 1;
        if (hi === b && lastGlued) hi--;
        if (lo <= hi) {
          if (t.groupGap[k + 1] === GAP_DOT && lo <= k + 1 && k + 1 <= hi) {
            ok =
              (lo <= k && t.reach[k + 1] === 1) ||
              (k + 2 <= hi && t.reachCount[k + 3]! - t.reachCount[hi + 2]! > 0);
          } else {
            ok = t.reachCount[lo + 1]! - t.reachCount[hi + 2]! > 0;
          }
        }
      }
      if (!ok) {
        const digits = t.groupDigits[k]!;
        if (digits === 9) {
          ok = t.reach[k + 1] === 1 && !(k === b && lastGlued) && isSsnPiece(k, k);
        } else if (digits === 3 && k + 2 <= b && t.reach[k + 3] === 1) {
          ok = !(k + 2 === b && lastGlued) && isSsnPiece(k, k + 2);
        }
      }
      if (!ok) {
        const first = digitValueAt(text, t.groupStart[k]!, text.length);
        if (first >= 2 && first <= 6) {
          // Only cards need these two: brought up to date here, as they only ever move left.
          while (hi19 >= k && t.digitsBefore[hi19 + 1]! - base > MAX_PIECE_DIGITS) hi19--;
          while (lo13 > k && t.digitsBefore[lo13]! - base >= 13) lo13--;
          if (t.digitsBefore[lo13 + 1]! - base >= 13) {
            const end = Math.min(bracket - 1, hi19);
            // Amount shapes are no cards either.
            const from = t.groupDigits[k]! <= 3 ? Math.max(lo13, k + thousands + 1) : lo13;
            for (let e = from; e <= end; e++) {
              if (e === k + 1 && t.groupGap[e] === GAP_DOT) continue;
              if (t.reach[e + 1] === 1 && !(e === b && lastGlued) && isLuhnPiece(k, e)) {
                ok = true;
                break;
              }
            }
          }
        }
      }
    }
    t.reach[k] = ok ? 1 : 0;
    t.reachCount[k] = t.reachCount[k + 1]! + (ok ? 1 : 0);
  }

  if (t.reach[a] === 0) {
    // Without a gap that may leave a group out, the run is cut whole or not at all: `(1(1(1…`,
    // `1.1.1.…` and most other runs of chat end here.
    let k = a + 1;
    while (k <= b && !canLeaveAt(t.groupSep[k]!)) k++;
    if (k <= b) cutLeavingGroups(text, a, b, out);
    return;
  }
  const ends = t.groupEnd;
  for (let k = a; k <= b; ) {
    const e = choosePiece(text, k, b) | 0;
    // Unreachable when the two passes agree; stops rather than loops if they ever do not.
    if (e < 0) return;
    out.push(t.chosenKind, t.chosenStart, ends[e]!);
    k = e + 1;
  }
}

/**
 * A gap at which a group may be left out next to a piece: one with separators, not a single dot
 * (a decimal point or a thousands dot holds the parts of one number together).
 */
function canLeaveAt(sep: number): boolean {
  return sep !== 0 && sep !== SEP_DOT;
}

/**
 * Groups a..b, a run that cannot be cut whole into pieces, cut leaving some groups out: as many
 * digits as possible in pieces, where a piece next to a left-out group is separated from it by
 * a gap that canLeaveAt and that is typed unlike every gap inside the piece. A number and
 * another one typed apart from it are told apart (`07966197542 / 12345`, `4111 1111 1111 1111 /
 * 123`, `12345678 07966197542`); a card that fails Luhn, typed with even gaps, gives no piece
 * that differs from its gaps and stays as typed. The choice is made right to left over groups
 * (each piece has at most 19 groups), then read left to right preferring, as the whole cut does,
 * a piece to a left-out group and the longest piece among equals. The result is idempotent:
 * what is left out can hold no piece, or taking it would have masked more.
 */
function cutLeavingGroups(text: string, a: number, b: number, out: SpanBuffer): void {
  a |= 0;
  b |= 0;
  const t = chunk;
  const sepOf = t.groupSep;
  const before = t.digitsBefore;
  const piece = t.bestPiece;
  const afterLeft = t.bestAfterLeft;
  const left = t.bestLeft;
  const sameBefore = t.sameSepBefore;
  const sameAfter = t.sameSepAfter;
  const last = t.lastWithSep;
  // The nearest gap of the run with the same signature, before and after each gap a+1..b.
  for (let k = a + 1; k <= b; k++) last[sepOf[k]!] = -1;
  for (let k = a + 1; k <= b; k++) {
    const sep = sepOf[k]!;
    sameBefore[k] = last[sep]!;
    last[sep] = k;
  }
  for (let k = a + 1; k <= b; k++) last[sepOf[k]!] = b + 1;
  for (let k = b; k > a; k--) {
    const sep = sepOf[k]!;
    sameAfter[k] = last[sep]!;
    last[sep] = k;
  }

  left[b + 1] = 0;
  for (let k = b; k >= a; k--) {
    const count = pieceEnds(text, k, b, t.anyEnd) | 0;
    // A piece right after a left-out group: the gap before it must allow that.
    const afterLeftOk = k > a && canLeaveAt(sepOf[k]!);
    let bestHere = -1;
    let bestAfter = -1;
    for (let j = 0; j < count; j++) {
      const e = t.ends[j]!;
      const rest = restAfterPiece(k, e, b) | 0;
      if (rest < 0) continue;
      const value = before[e + 1]! - before[k]! + rest;
      if (value > bestHere) bestHere = value;
      // Gaps k + 1..e are inside the piece; the one at k must differ from all of them.
      if (afterLeftOk && sameAfter[k]! > e && value > bestAfter) bestAfter = value;
    }
    piece[k] = bestHere;
    afterLeft[k] = bestAfter;
    left[k] = k === b ? 0 : Math.max(left[k + 1]!, afterLeft[k + 1]!);
  }

  // Read the choice back, left to right: group k starts a piece, or (when mayLeave) is left out.
  let k = a;
  let mayLeave = true;
  while (k <= b) {
    let from = k;
    let value = piece[k]!;
    let afterLeftOut = false;
    if (value < 0 || (mayLeave && left[k]! > value)) {
      // Unreachable when the passes agree: nothing is left but to stop.
      if (!mayLeave) return;
      // k is left out, and so is every group up to where the best piece after it starts.
      for (;;) {
        if (k === b) return;
        if (afterLeft[k + 1]! >= 0 && afterLeft[k + 1]! >= left[k + 1]!) break;
        k++;
      }
      from = k + 1;
      value = afterLeft[from]!;
      afterLeftOut = true;
    }
    const e = emitBestPiece(text, from, b, value, afterLeftOut, out) | 0;
    if (e < 0) return;
    k = e + 1;
    mayLeave = k <= b && canLeaveAt(sepOf[k]!) && sameBefore[k]! <= from;
  }
}

/**
 * The most digits cutLeavingGroups can mask after a piece of groups k..e: the next group starts a
 * piece, or is left out when the gap before it allows that and differs from the piece's gaps.
 */
function restAfterPiece(k: number, e: number, b: number): number {
  if (e === b) return 0;
  const t = chunk;
  let rest = t.bestPiece[e + 1]!;
  if (canLeaveAt(t.groupSep[e + 1]!) && t.sameSepBefore[e + 1]! <= k) {
    rest = Math.max(rest, t.bestLeft[e + 1]!);
  }
  return rest;
}

/**
 * Emits the longest piece from group k whose value (its digits and the best rest) is `value`, right
 * after a left-out group when `afterLeft`; returns its last group, or -1 when there is none.
 */
function emitBestPiece(
  text: string,
  k: number,
  b: number,
  value: number,
  afterLeft: boolean,
  out: SpanBuffer,
): number {
  const t = chunk;
  const count = pieceEnds(text, k, b, t.anyEnd) | 0;
  for (let j = count - 1; j >= 0; j--) {
    const e = t.ends[j]!;
    if (afterLeft && t.sameSepAfter[k]! <= e) continue;
    const rest = restAfterPiece(k, e, b) | 0;
    if (rest < 0 || t.digitsBefore[e + 1]! - t.digitsBefore[k]! + rest !== value) continue;
    out.push(t.endKinds[j]!, t.endStarts[j]!, t.groupEnd[e]!);
    return e;
  }
  // Unreachable when the two passes agree.
  return -1;
}

/**
 * True when the chunk last read is, as a whole, one phone number by the phone rule (its prefix
 * included): what SPEC R13 asks of a customer name.
 */
export function chunkIsOnePhone(): boolean {
  const t = chunk;
  const g = t.groupCount;
  if (t.leftGlued || t.rightGlued) return false;
  for (let k = 0; k < g; k++) if (t.excluded[k] === 1) return false;
  const digits = t.digitsBefore[g]!;
  const plus = t.plusAt >= 0;
  if (digits > 15 || digits < (plus ? 8 : 10)) return false;
  let depth = t.openAt >= 0 ? 1 : 0;
  let thousands = !plus && t.openAt < 0 && t.groupDigits[0]! <= 3;
  for (let k = 1; k < g; k++) {
    const gap = t.groupGap[k]!;
    if ((gap & GAP_CLOSE) !== 0) {
      if (depth !== 1) return false;
      depth = 0;
    }
    if ((gap & GAP_OPEN) !== 0) {
      if (depth !== 0) return false;
      depth = 1;
    }
    if (t.groupDigits[k] !== 3 || gap !== t.groupGap[1] || (gap !== GAP_SPACE && gap !== GAP_DOT)) {
      thousands = false;
    }
  }
  if (depth !== 0 || thousands) return false;
  return plus || t.openAt >= 0 || g !== 2 || t.groupGap[1] !== GAP_DOT;
}
