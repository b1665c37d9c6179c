import { isDash, isDigit, isGlue, isInvisible, isSpace } from './charClass.js';
import { KIND_CARD, KIND_PHONE, KIND_SSN } from './kinds.js';
import type { SpanBuffer } from './spanBuffer.js';
import { isValidSsn } from './ssn.js';
import { codeAt, nextVisible, prevVisible } from './visible.js';

/*
 * Card numbers, SSNs and phone numbers share one reader. A *chunk* is a maximal sequence of
 * digit groups joined by separators (space, `-`, `.`, brackets); dates, times and IPv4 addresses
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
 * Gap flags: the separator characters between two digit groups, in the only order allowed. Not
 * exported on purpose: V8 keeps an exported binding in a cell that code reloads and checks at
 * every use, where it folds a module-private constant into the code.
 */
const GAP_CLOSE = 1;
const GAP_SPACE = 2;
const GAP_DASH = 4;
const GAP_DOT = 8;
const GAP_SPACE_AFTER = 16;
const GAP_OPEN = 32;
const GAP_BRACKETS = GAP_CLOSE | GAP_OPEN;

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
  /** The value of a group of at most four digits, else -1. */
  groupValue = new Int32Array(0);
  /** Flags of the gap before the group; 0 for the first group. */
  groupGap = new Int32Array(0);
  /** Where the gap before the group has its `(`; set only for gaps with one (GAP_OPEN). */
  groupOpen = new Int32Array(0);
  /** 1 for a group set aside (date, time, IPv4 address). */
  excluded = new Uint8Array(0);
  /** Digits before group k in the chunk; one entry more than groups. */
  digitsBefore = new Int32Array(0);
  /** Luhn sums over the chunk's digits before group k, even (resp. odd) positions undoubled. */
  luhnEven = new Int32Array(0);
  luhnOdd = new Int32Array(0);
  /** First gap after group k that a card may not contain (not one space or one dash). */
  cardBreak = new Int32Array(0);
  /** How many groups after k have three digits behind the same space or dot gap: `1 234 567`. */
  thousandsRun = new Int32Array(0);
  /** reach[k]: groups k.. of the run can be cut into pieces; reachCount[k]: reachable at or after k. */
  reach = new Uint8Array(0);
  reachCount = new Int32Array(0);

  groupCount = 0;
  plusAt = -1;
  openAt = -1;
  /** True when the chunk's prefix is `(` before the `+` (or a lone `(`), false for `+(`. */
  openFirst = false;
  leftGlued = false;
  rightGlued = false;

  /** The piece choosePiece found last. */
  chosenKind = 0;
  chosenStart = 0;
  /** The gap gapAt read last: its flags and where its `(` is (-1 when none). */
  readGap = 0;
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
    this.capacity = next;
  }
}

const chunk = new Chunk();

/**
 * Where the digits of a chunk start when `i` holds a `+` or `(`: the prefixes are `(`, `(+`,
 * `(+ `, `+`, `+ `, `+(` and `+ (`. -1 when no digit follows.
 */
export function prefixedDigit(text: string, i: number, n: number): number {
  i |= 0;
  n |= 0;
  let p = i;
  let c = codeAt(text, p, n);
  if (c === 0x28) {
    p = nextVisible(text, p + 1, n);
    c = codeAt(text, p, n);
    if (c === 0x2b) {
      p = nextVisible(text, p + 1, n);
      c = codeAt(text, p, n);
      if (isSpace(c)) {
        p = nextVisible(text, p + 1, n);
        c = codeAt(text, p, n);
      }
    }
  } else if (c === 0x2b) {
    p = nextVisible(text, p + 1, n);
    c = codeAt(text, p, n);
    if (isSpace(c)) {
      p = nextVisible(text, p + 1, n);
      c = codeAt(text, p, n);
    }
    if (c === 0x28) {
      p = nextVisible(text, p + 1, n);
      c = codeAt(text, p, n);
    }
  }
  return isDigit(c) ? p : -1;
}

/**
 * The end of the chunk that starts at the digit `i` when it has fewer than 9 digits or is an
 * IPv4 address: most digits in chat (`10:30`, `(order 12345678)`, `2024-05-12`, `$12.50`,
 * `192.168.100.200`) are answered here without filling the tables. It reads the gap grammar on
 * ASCII only; -1 whenever the chunk may have 9 digits or more, or reaches a non-ASCII character
 * that could be an invisible, a space or a dash, for readChunk to decide. Where it gives an end,
 * readChunk gives the same.
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
      // The gap grammar: `)`? space? (dash-or-dot space?)? `(`?, then a digit.
      c = text.charCodeAt(r);
      if (c === 0x29) c = r + 1 < n ? text.charCodeAt(++r) : -1;
      if (c === 0x20) c = r + 1 < n ? text.charCodeAt(++r) : -1;
      if (c === 0x2d || c === 0x2e) {
        c = r + 1 < n ? text.charCodeAt(++r) : -1;
        if (c === 0x20) c = r + 1 < n ? text.charCodeAt(++r) : -1;
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
 * group tables. Returns the index after its last digit, or -1 when `i` does not start a chunk.
 *
 * One pass over the characters fills every table, values and Luhn sums included: on long chunks
 * a second pass over the digits cost about as much as the first.
 */
export function readChunk(text: string, i: number, n: number): number {
  const firstDigitAt = prefixedDigit(text, i, n) | 0;
  if (firstDigitAt < 0) return -1;
  const t = chunk;
  let plusAt = -1;
  let openAt = -1;
  let openFirst = false;
  for (let q = i; q < firstDigitAt; q++) {
    const c = text.charCodeAt(q);
    if (c === 0x2b) plusAt = q;
    else if (c === 0x28) {
      openAt = q;
      openFirst = plusAt < 0;
    }
  }
  t.plusAt = plusAt;
  t.openAt = openAt;
  t.openFirst = openFirst;

  let g = 0;
  let gap = 0;
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
    t.digitsBefore[g] = digitIndex;
    // luhnEven counts the digits at even positions of the chunk undoubled.
    const evenNext = (digitIndex & 1) === 0;
    t.luhnEven[g] = evenNext ? undoubled : doubled;
    t.luhnOdd[g] = evenNext ? doubled : undoubled;

    // A group: digits, with invisible characters between them ignored.
    const firstIndex = digitIndex;
    let value = 0;
    let end = p;
    for (;;) {
      const d = c - 0x30;
      if (d >= 0 && d <= 9) {
        // `| 0` tells V8 the value is a small integer: without it the loop keeps it as a double.
        if (value < 1000) value = (value * 10 + d) | 0;
        // d doubled is d * 2, minus 9 when that has two digits (d >= 5).
        const sum = undoubled + d;
        undoubled = doubled + d * 2 - ((d + 3) >> 3) * 9;
        doubled = sum;
        digitIndex++;
        end = ++q;
      } else if (isInvisible(c)) {
        q++;
      } else {
        break;
      }
      c = q < n ? text.charCodeAt(q) : -1;
    }
    const digits = digitIndex - firstIndex;
    t.groupEnd[g] = end;
    t.groupDigits[g] = digits;
    t.groupValue[g] = digits <= 4 ? value : -1;
    g++;

    // A gap: `)`? space? (dash-or-dot space?)? `(`?, then a digit. Read on ASCII first; a
    // character beyond it (an invisible, a Unicode space or dash) sends the gap to gapAt.
    gap = 0;
    let r = q;
    if (c === 0x29) {
      gap = GAP_CLOSE;
      c = ++r < n ? text.charCodeAt(r) : -1;
    }
    if (c === 0x20) {
      gap |= GAP_SPACE;
      c = ++r < n ? text.charCodeAt(r) : -1;
    }
    if (c === 0x2d || c === 0x2e) {
      gap |= c === 0x2e ? GAP_DOT : GAP_DASH;
      c = ++r < n ? text.charCodeAt(r) : -1;
      if (c === 0x20) {
        gap |= GAP_SPACE_AFTER;
        c = ++r < n ? text.charCodeAt(r) : -1;
      }
    }
    if (c === 0x28) {
      gap |= GAP_OPEN;
      // Read by choosePiece only for gaps with a `(`.
      t.groupOpen[g] = r;
      c = ++r < n ? text.charCodeAt(r) : -1;
    }
    if (c >= 0x80) {
      r = gapAt(text, q, n) | 0;
      if (r < 0) break;
      gap = t.readGap;
      if ((gap & GAP_OPEN) !== 0) t.groupOpen[g] = t.readGapOpen;
      c = text.charCodeAt(r);
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
  // After `**` digits are the visible tail of a number masked before (`****3000 123456`): left
  // alone, so that a second pass cannot join them to the next digits.
  t.leftGlued = isGlue(cb) || (cb === 0x2a && codeAt(text, prevVisible(text, before), n) === 0x2a);
  const after = nextVisible(text, end, n);
  const ca = codeAt(text, after, n);
  t.rightGlued = isGlue(ca);

  // Times and slashed dates: `10:30`, `12/25`; the group touching the `:` or `/` is not a number.
  if (
    firstDigitAt === i &&
    (cb === 0x3a || cb === 0x2f) &&
    isDigit(codeAt(text, prevVisible(text, before), n))
  ) {
    excluded[0] = 1;
  }
  if ((ca === 0x3a || ca === 0x2f) && isDigit(codeAt(text, nextVisible(text, after + 1, n), n))) {
    excluded[g - 1] = 1;
  }
  if (g >= 3) markDates(g);
  if (g >= 4) markIpv4(g);
  return end;
}

/**
 * The general gap reader, for gaps with characters beyond ASCII: from `q` (after a group),
 * `)`? space? (dash-or-dot space?)? `(`?, with invisible characters anywhere. Returns where the
 * next group starts, or -1 when no gap and digit follow; leaves the gap in chunk.readGap and
 * chunk.readGapOpen.
 */
function gapAt(text: string, q: number, n: number): number {
  q |= 0;
  n |= 0;
  let gap = 0;
  let open = -1;
  let r = nextVisible(text, q, n);
  let c = codeAt(text, r, n);
  if (c === 0x29) {
    gap |= GAP_CLOSE;
    r = nextVisible(text, r + 1, n);
    c = codeAt(text, r, n);
  }
  if (isSpace(c)) {
    gap |= GAP_SPACE;
    r = nextVisible(text, r + 1, n);
    c = codeAt(text, r, n);
  }
  if (c === 0x2e || isDash(c)) {
    gap |= c === 0x2e ? GAP_DOT : GAP_DASH;
    r = nextVisible(text, r + 1, n);
    c = codeAt(text, r, n);
    if (isSpace(c)) {
      gap |= GAP_SPACE_AFTER;
      r = nextVisible(text, r + 1, n);
      c = codeAt(text, r, n);
    }
  }
  if (c === 0x28) {
    gap |= GAP_OPEN;
    open = r;
    r = nextVisible(text, r + 1, n);
    c = codeAt(text, r, n);
  }
  if (gap === 0 || !isDigit(c)) return -1;
  chunk.readGap = gap;
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

/** `2024-05-12`, `12.05.2024`: three groups with one repeated `-` or `.` and plausible values. */
function markDates(g: number): void {
  const gaps = chunk.groupGap;
  const values = chunk.groupValue;
  const excluded = chunk.excluded;
  for (let k = 0; k + 2 < g; k++) {
    const gap = gaps[k + 1]!;
    if ((gap !== GAP_DASH && gap !== GAP_DOT) || gaps[k + 2] !== gap) continue;
    const ymd = isPlausibleYear(k) && isSmall(k + 1, 12) && isSmall(k + 2, 31);
    const dmy =
      isPlausibleYear(k + 2) &&
      isSmall(k, 31) &&
      isSmall(k + 1, 31) &&
      (values[k]! <= 12 || values[k + 1]! <= 12);
    if (ymd || dmy) excluded[k] = excluded[k + 1] = excluded[k + 2] = 1;
  }
}

/** `192.168.100.200`: four groups of 1-3 digits up to 255, joined by single dots, no more. */
function markIpv4(g: number): void {
  const gaps = chunk.groupGap;
  const counts = chunk.groupDigits;
  const values = chunk.groupValue;
  const excluded = chunk.excluded;
  for (let k = 0; k + 3 < g; k++) {
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

/** The number formed by the digits of group k (at most 9 of them, so it fits an int). */
function groupNumber(text: string, k: number): number {
  let v = 0;
  for (let q = chunk.groupStart[k]!, end = chunk.groupEnd[k]!; q < end; q++) {
    const c = text.charCodeAt(q);
    if (c >= 0x30 && c <= 0x39) v = v * 10 + (c - 0x30);
  }
  return v;
}

/** Groups k..e as an SSN: nine digits, `AAA-GG-SSSS` with one delimiter kind or none. */
function isSsnPiece(text: string, k: number, e: number): boolean {
  const t = chunk;
  if (e === k) {
    if (t.groupDigits[k] !== 9) return false;
    const v = groupNumber(text, k);
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
 * -1. Card first, then SSN, then phone, for the same piece.
 */
function choosePiece(text: string, k: number, b: number): number {
  k |= 0;
  b |= 0;
  const t = chunk;
  if (k === 0 && t.leftGlued) return -1;
  const starts = t.groupStart;
  const gaps = t.groupGap;
  const before = t.digitsBefore;
  const reach = t.reach;
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
  const firstDigit = text.charCodeAt(starts[k]!) - 0x30;
  // Card numbers are not written after a `+`: with one it is a phone number, whatever Luhn says.
  const cardFirst = firstDigit >= 2 && firstDigit <= 6 && !plus;
  const cardEnd = t.cardBreak[k]!;
  const base = before[k]!;
  const thousandsEnd = t.groupDigits[k]! <= 3 ? k + t.thousandsRun[k]! : -1;
  const minPhone = plus ? 8 : 10;

  let found = -1;
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
    if (reach[e + 1] === 0 || e === lastGlued) continue;

    if (digits >= 13 && cardFirst && e < cardEnd && isLuhnPiece(k, e)) {
      found = e;
      t.chosenKind = KIND_CARD;
      t.chosenStart = starts[k]!;
    } else if (digits === 9 && !plus && isSsnPiece(text, k, e)) {
      found = e;
      t.chosenKind = KIND_SSN;
      t.chosenStart = starts[k]!;
    } else if (phoneAlive && digits >= minPhone) {
      if (!aBroken && aDepth === 0) {
        found = e;
        t.chosenKind = KIND_PHONE;
        t.chosenStart = aStart;
      } else if (
        !bBroken &&
        bDepth === 0 &&
        // Shapes of amounts, not phones: `1 234 567 890`, `3.14159265358`.
        (plus || (e > thousandsEnd && !(e === k + 1 && gaps[e] === GAP_DOT)))
      ) {
        found = e;
        t.chosenKind = KIND_PHONE;
        t.chosenStart = bStart;
      }
    }
  }
  return found;
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
  let card = b + 1;
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
      if (gap !== GAP_SPACE && gap !== GAP_DASH) card = k + 1;
      if ((gap & GAP_BRACKETS) !== 0) bracket = k + 1;
      if ((gap & GAP_CLOSE) !== 0) close = k + 1;
      thousands =
        t.groupDigits[k + 1] === 3 && (gap === GAP_SPACE || gap === GAP_DOT)
          ? 1 + (k + 2 <= b && t.groupGap[k + 2] === gap ? thousands : 0)
          : 0;
    }
    // choosePiece reads these two for its own k.
    t.cardBreak[k] = card;
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
          ok = t.reach[k + 1] === 1 && !(k === b && lastGlued) && isSsnPiece(text, k, k);
        } else if (digits === 3 && k + 2 <= b && t.reach[k + 3] === 1) {
          ok = !(k + 2 === b && lastGlued) && isSsnPiece(text, k, k + 2);
        }
      }
      if (!ok) {
        const first = text.charCodeAt(t.groupStart[k]!);
        if (first >= 0x32 && first <= 0x36) {
          // Only cards need these two: brought up to date here, as they only ever move left.
          while (hi19 >= k && t.digitsBefore[hi19 + 1]! - base > MAX_PIECE_DIGITS) hi19--;
          while (lo13 > k && t.digitsBefore[lo13]! - base >= 13) lo13--;
          if (t.digitsBefore[lo13 + 1]! - base >= 13) {
            const end = Math.min(card - 1, hi19);
            for (let e = lo13; e <= end; e++) {
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

  if (t.reach[a] === 0) return;
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
