import { isDash, isDigit, isGlue, isInvisible, isSpace } from './charClass.js';
import { KIND_CARD, KIND_PHONE, KIND_SSN } from './kinds.js';
import { LUHN_DOUBLE } from './luhn.js';
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
 * Cost: whether the rest of a run can be cut is computed right to left in O(1) per group (digit
 * windows by two pointers, Luhn by prefix sums, "any cuttable end in a range" by prefix counts);
 * only brackets take a short loop. Then the cut itself walks the pieces once.
 */

/** Gap flags: the separator characters between two digit groups, in the only order allowed. */
export const GAP_CLOSE = 1;
export const GAP_SPACE = 2;
export const GAP_DASH = 4;
export const GAP_DOT = 8;
export const GAP_SPACE_AFTER = 16;
export const GAP_OPEN = 32;
const GAP_BRACKETS = GAP_CLOSE | GAP_OPEN;

const MAX_PIECE_DIGITS = 19;

let capacity = 0;
let groupStart = new Int32Array(0);
let groupEnd = new Int32Array(0);
let groupDigits = new Int32Array(0);
/** The value of a group of at most four digits, else -1. */
let groupValue = new Int32Array(0);
/** Flags of the gap before the group; 0 for the first group. */
let groupGap = new Int32Array(0);
/** Where the gap before the group has its `(`, else -1. */
let groupOpen = new Int32Array(0);
let excluded = new Uint8Array(0);
/** Digits before group k in the chunk; one entry more than groups. */
let digitsBefore = new Int32Array(0);
/** Luhn sums over the chunk's digits before group k, even (resp. odd) positions undoubled. */
let luhnEven = new Int32Array(0);
let luhnOdd = new Int32Array(0);
/** First gap after group k that a card may not contain (not one space or one dash). */
let cardBreak = new Int32Array(0);
/** First gap after group k with a bracket; with a closing bracket. */
let bracketNext = new Int32Array(0);
let closeNext = new Int32Array(0);
/** How many groups after k have three digits behind the same space or dot gap: `1 234 567`. */
let thousandsRun = new Int32Array(0);
/** reach[k]: groups k.. of the run can be cut into pieces; reachCount[k]: reachable at or after k. */
let reach = new Uint8Array(0);
let reachCount = new Int32Array(0);

function grow(): void {
  const next = Math.max(64, capacity * 2);
  const copy = (a: Int32Array, size: number) => {
    const b = new Int32Array(size);
    b.set(a);
    return b;
  };
  groupStart = copy(groupStart, next);
  groupEnd = copy(groupEnd, next);
  groupDigits = copy(groupDigits, next);
  groupValue = copy(groupValue, next);
  groupGap = copy(groupGap, next);
  groupOpen = copy(groupOpen, next);
  digitsBefore = copy(digitsBefore, next + 2);
  luhnEven = copy(luhnEven, next + 2);
  luhnOdd = copy(luhnOdd, next + 2);
  const flags = new Uint8Array(next);
  flags.set(excluded);
  excluded = flags;
  cardBreak = new Int32Array(next + 2);
  bracketNext = new Int32Array(next + 2);
  closeNext = new Int32Array(next + 2);
  thousandsRun = new Int32Array(next + 2);
  reach = new Uint8Array(next + 2);
  reachCount = new Int32Array(next + 2);
  capacity = next;
}
grow();

// The chunk last read by readChunk.
let groupCount = 0;
let plusAt = -1;
let openAt = -1;
/** True when the chunk's prefix is `(` before the `+` (or a lone `(`), false for `+(`. */
let openFirst = false;
let leftGlued = false;
let rightGlued = false;

/**
 * Where the digits of a chunk start when `i` holds a `+` or `(`: the prefixes are `(`, `(+`,
 * `(+ `, `+`, `+ `, `+(` and `+ (`. -1 when no digit follows.
 */
export function prefixedDigit(text: string, i: number, n: number): number {
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
 * `192.168.100.200`) are answered here without filling the tables. It reads the gap grammar on ASCII only; -1 whenever the chunk may have 9 digits or
 * more, or reaches a non-ASCII character that could be an invisible, a space or a dash, for
 * readChunk to decide. Where it gives an end, readChunk gives the same.
 */
export function shortChunkEnd(text: string, i: number, n: number): number {
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
 */
export function readChunk(text: string, i: number, n: number): number {
  const firstDigitAt = prefixedDigit(text, i, n);
  if (firstDigitAt < 0) return -1;
  let p = firstDigitAt;
  plusAt = -1;
  openAt = -1;
  openFirst = false;
  for (let q = i; q < firstDigitAt; q++) {
    const c = text.charCodeAt(q);
    if (c === 0x2b) plusAt = q;
    else if (c === 0x28) {
      openAt = q;
      openFirst = plusAt < 0;
    }
  }

  let g = 0;
  let gap = 0;
  let gapOpen = -1;
  let digitCount = 0;
  let c = 0;
  // Local aliases of the tables: V8 keeps them in registers; refreshed when the tables grow.
  let starts = groupStart;
  let ends = groupEnd;
  let counts = groupDigits;
  let gaps = groupGap;
  let opens = groupOpen;
  for (;;) {
    if (g + 1 >= capacity) {
      grow();
      starts = groupStart;
      ends = groupEnd;
      counts = groupDigits;
      gaps = groupGap;
      opens = groupOpen;
    }
    // A group: digits, with invisible characters between them ignored.
    let digits = 0;
    let end = p;
    let q = p;
    while (q < n) {
      c = text.charCodeAt(q);
      if (c >= 0x30 && c <= 0x39) {
        digits++;
        end = ++q;
      } else if (isInvisible(c)) {
        q++;
      } else {
        break;
      }
    }
    starts[g] = p;
    ends[g] = end;
    counts[g] = digits;
    gaps[g] = gap;
    opens[g] = gapOpen;
    digitCount += digits;
    g++;

    // A gap: `)`? space? (dash-or-dot space?)? `(`?, then a digit. Mostly one ASCII space,
    // dash or dot before the next digit: that case first, without the general reader.
    gapOpen = -1;
    if (q + 1 < n) {
      const next = text.charCodeAt(q + 1);
      if (next >= 0x30 && next <= 0x39) {
        c = text.charCodeAt(q);
        gap = c === 0x20 ? GAP_SPACE : c === 0x2d ? GAP_DASH : c === 0x2e ? GAP_DOT : 0;
        if (gap !== 0) {
          p = q + 1;
          continue;
        }
      }
    }
    gap = 0;
    let r = nextVisible(text, q, n);
    c = codeAt(text, r, n);
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
      gapOpen = r;
      r = nextVisible(text, r + 1, n);
      c = codeAt(text, r, n);
    }
    if (gap === 0 || !isDigit(c)) break;
    p = r;
  }
  groupCount = g;
  digitsBefore[g] = digitCount;
  const end = groupEnd[g - 1]!;
  // Too few digits for anything (emitChunk will say so): values, Luhn sums, neighbours and
  // exclusions do not matter, and most digits in chat end here (dates, prices, times).
  if (chunkIsShort()) return end;

  let digitIndex = 0;
  let even = 0;
  let odd = 0;
  for (let k = 0; k < g; k++) {
    digitsBefore[k] = digitIndex;
    luhnEven[k] = even;
    luhnOdd[k] = odd;
    excluded[k] = 0;
    let value = 0;
    for (let q = groupStart[k]!, e = groupEnd[k]!; q < e; q++) {
      const d = text.charCodeAt(q) - 0x30;
      if (d < 0 || d > 9) continue;
      if (value < 1000) value = value * 10 + d;
      if ((digitIndex & 1) === 0) {
        even += d;
        odd += LUHN_DOUBLE[d]!;
      } else {
        even += LUHN_DOUBLE[d]!;
        odd += d;
      }
      digitIndex++;
    }
    groupValue[k] = groupDigits[k]! <= 4 ? value : -1;
  }
  luhnEven[g] = even;
  luhnOdd[g] = odd;

  const before = prevVisible(text, i);
  const cb = codeAt(text, before, n);
  // After `**` digits are the visible tail of a number masked before (`****3000 123456`): left
  // alone, so that a second pass cannot join them to the next digits.
  leftGlued = isGlue(cb) || (cb === 0x2a && codeAt(text, prevVisible(text, before), n) === 0x2a);
  const after = nextVisible(text, end, n);
  const ca = codeAt(text, after, n);
  rightGlued = isGlue(ca);

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

function isPlausibleYear(k: number): boolean {
  const v = groupValue[k]!;
  return groupDigits[k] === 4 && v >= 1900 && v <= 2099;
}

function isSmall(k: number, max: number): boolean {
  const v = groupValue[k]!;
  return groupDigits[k]! <= 2 && v >= 1 && v <= max;
}

/** `2024-05-12`, `12.05.2024`: three groups with one repeated `-` or `.` and plausible values. */
function markDates(g: number): void {
  const gaps = groupGap;
  for (let k = 0; k + 2 < g; k++) {
    const gap = gaps[k + 1]!;
    if ((gap !== GAP_DASH && gap !== GAP_DOT) || gaps[k + 2] !== gap) continue;
    const ymd = isPlausibleYear(k) && isSmall(k + 1, 12) && isSmall(k + 2, 31);
    const dmy =
      isPlausibleYear(k + 2) &&
      isSmall(k, 31) &&
      isSmall(k + 1, 31) &&
      (groupValue[k]! <= 12 || groupValue[k + 1]! <= 12);
    if (ymd || dmy) excluded[k] = excluded[k + 1] = excluded[k + 2] = 1;
  }
}

/** `192.168.100.200`: four groups of 1-3 digits up to 255, joined by single dots, no more. */
function markIpv4(g: number): void {
  const gaps = groupGap;
  const counts = groupDigits;
  for (let k = 0; k + 3 < g; k++) {
    if (gaps[k + 1] !== GAP_DOT || counts[k]! > 3) continue;
    if (k > 0 && gaps[k] === GAP_DOT) continue;
    if (k + 4 < g && groupGap[k + 4] === GAP_DOT) continue;
    let ok = true;
    for (let j = k; j < k + 4; j++) {
      if ((j > k && groupGap[j] !== GAP_DOT) || groupDigits[j]! > 3 || groupValue[j]! > 255) {
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
  for (let q = groupStart[k]!, end = groupEnd[k]!; q < end; q++) {
    const c = text.charCodeAt(q);
    if (c >= 0x30 && c <= 0x39) v = v * 10 + (c - 0x30);
  }
  return v;
}

/** Groups k..e as an SSN: nine digits, `AAA-GG-SSSS` with one delimiter kind or none. */
function isSsnPiece(text: string, k: number, e: number): boolean {
  if (e === k) {
    if (groupDigits[k] !== 9) return false;
    const v = groupNumber(text, k);
    return isValidSsn(Math.floor(v / 1_000_000), Math.floor(v / 10_000) % 100, v % 10_000);
  }
  if (e !== k + 2) return false;
  const gap = groupGap[k + 1]!;
  return (
    (gap === GAP_SPACE || gap === GAP_DASH) &&
    groupGap[k + 2] === gap &&
    groupDigits[k] === 3 &&
    groupDigits[k + 1] === 2 &&
    groupDigits[k + 2] === 4 &&
    isValidSsn(groupValue[k]!, groupValue[k + 1]!, groupValue[k + 2]!)
  );
}

function isLuhnPiece(k: number, e: number): boolean {
  const lastDigit = digitsBefore[e + 1]! - 1;
  const sum =
    (lastDigit & 1) === 0 ? luhnEven[e + 1]! - luhnEven[k]! : luhnOdd[e + 1]! - luhnOdd[k]!;
  return sum % 10 === 0;
}

/** Nothing shorter than an SSN can be masked, but a `+` phone of 8 digits. */
export function chunkIsShort(): boolean {
  return digitsBefore[groupCount]! < (plusAt >= 0 ? 8 : 9);
}

/** Finds the pieces of every run of the chunk last read and pushes them onto `out`. */
export function emitChunk(text: string, out: SpanBuffer): void {
  const g = groupCount;
  if (chunkIsShort()) return;
  let a = 0;
  while (a < g) {
    if (excluded[a] === 1) {
      a++;
      continue;
    }
    let b = a;
    while (b + 1 < g && excluded[b + 1] === 0) b++;
    if (digitsBefore[b + 1]! - digitsBefore[a]! >= (a === 0 && plusAt >= 0 ? 8 : 9)) {
      emitRun(text, a, b, out);
    }
    a = b + 1;
  }
}

let chosenKind = 0;
let chosenStart = 0;

/**
 * The longest valid piece that starts at group k, ends at or before group b and leaves a
 * reachable rest: returns its last group (and sets chosenKind, chosenStart), or -1.
 * Card first, then SSN, then phone, for the same piece.
 */
function choosePiece(text: string, k: number, b: number): number {
  if (k === 0 && leftGlued) return -1;
  const last = groupCount - 1;
  const plus = k === 0 && plusAt >= 0;
  // Phone variants: A includes a leading `(` (so it must close), B starts after it.
  let aStart = -1;
  let bStart = groupStart[k]!;
  if (k === 0) {
    if (openAt >= 0 && openFirst) {
      aStart = openAt;
      bStart = plus ? plusAt : groupStart[0]!;
    } else if (openAt >= 0) {
      aStart = plusAt;
      bStart = -1;
    } else if (plus) {
      bStart = plusAt;
    }
  } else if (groupOpen[k]! >= 0) {
    aStart = groupOpen[k]!;
  }
  let aDepth = 1;
  let bDepth = 0;
  let aBroken = aStart < 0;
  let bBroken = bStart < 0;
  const firstDigit = text.charCodeAt(groupStart[k]!) - 0x30;
  // Card numbers are not written after a `+`: with one it is a phone number, whatever Luhn says.
  const cardFirst = firstDigit >= 2 && firstDigit <= 6 && !plus;
  const cardEnd = cardBreak[k]!;
  const base = digitsBefore[k]!;
  const thousandsEnd = groupDigits[k]! <= 3 ? k + thousandsRun[k]! : -1;
  const minPhone = plus ? 8 : 10;

  let found = -1;
  for (let e = k; e <= b; e++) {
    const digits = digitsBefore[e + 1]! - base;
    if (digits > MAX_PIECE_DIGITS) break;
    if (e > k) {
      const gap = groupGap[e]!;
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
    if (reach[e + 1] === 0 || (e === last && rightGlued)) continue;

    if (digits >= 13 && cardFirst && e < cardEnd && isLuhnPiece(k, e)) {
      found = e;
      chosenKind = KIND_CARD;
      chosenStart = groupStart[k]!;
    } else if (digits === 9 && !plus && isSsnPiece(text, k, e)) {
      found = e;
      chosenKind = KIND_SSN;
      chosenStart = groupStart[k]!;
    } else if (phoneAlive && digits >= minPhone) {
      if (!aBroken && aDepth === 0) {
        found = e;
        chosenKind = KIND_PHONE;
        chosenStart = aStart;
      } else if (
        !bBroken &&
        bDepth === 0 &&
        // Shapes of amounts, not phones: `1 234 567 890`, `3.14159265358`.
        (plus || (e > thousandsEnd && !(e === k + 1 && groupGap[e] === GAP_DOT)))
      ) {
        found = e;
        chosenKind = KIND_PHONE;
        chosenStart = bStart;
      }
    }
  }
  return found;
}

function emitRun(text: string, a: number, b: number, out: SpanBuffer): void {
  const last = groupCount - 1;
  const before = digitsBefore;
  const gaps = groupGap;
  const counts = groupDigits;
  const starts = groupStart;
  const cards = cardBreak;
  const brackets = bracketNext;
  const closes = closeNext;
  const thousands = thousandsRun;
  const reached = reach;
  const reachable = reachCount;

  cards[b] = b + 1;
  brackets[b] = b + 1;
  closes[b] = b + 1;
  thousands[b] = 0;
  for (let k = b - 1; k >= a; k--) {
    const gap = gaps[k + 1]!;
    cards[k] = gap === GAP_SPACE || gap === GAP_DASH ? cards[k + 1]! : k + 1;
    brackets[k] = (gap & GAP_BRACKETS) !== 0 ? k + 1 : brackets[k + 1]!;
    closes[k] = (gap & GAP_CLOSE) !== 0 ? k + 1 : closes[k + 1]!;
    thousands[k] =
      counts[k + 1] === 3 && (gap === GAP_SPACE || gap === GAP_DOT)
        ? 1 + (k + 2 <= b && gaps[k + 2] === gap ? thousands[k + 1]! : 0)
        : 0;
  }

  reached[b + 1] = 1;
  reachable[b + 1] = 1;
  reachable[b + 2] = 0;
  const lastGlued = b === last && rightGlued;
  // Largest e with at most 15 (19) digits in k..e; smallest e with at least 10 (13).
  let hi15 = b;
  let hi19 = b;
  let lo10 = b;
  let lo13 = b;
  for (let k = b; k >= a; k--) {
    const base = before[k]!;
    while (hi15 >= k && before[hi15 + 1]! - base > 15) hi15--;
    while (lo10 > k && before[lo10]! - base >= 10) lo10--;

    let ok = false;
    if (k === 0 && (leftGlued || plusAt >= 0 || openAt >= 0)) {
      ok = !leftGlued && choosePiece(text, k, b) >= 0;
    } else if (closes[k]! <= hi15) {
      // A bracket that closes within reach: the slow way, bracket by bracket.
      ok = choosePiece(text, k, b) >= 0;
    } else {
      // Phone: every end whose piece has 10-15 digits, but amount shapes and a glued last group.
      // With no `)` within reach no bracket can be used, and none crossed.
      let lo = lo10;
      let hi = Math.min(hi15, brackets[k]! - 1);
      if (before[lo + 1]! - base >= 10 && lo <= hi) {
        if (counts[k]! <= 3 && lo <= k + thousands[k]!) lo = k + thousands[k]! + 1;
        if (hi === b && lastGlued) hi--;
        if (lo <= hi) {
          if (gaps[k + 1] === GAP_DOT && lo <= k + 1 && k + 1 <= hi) {
            ok =
              (lo <= k && reached[k + 1] === 1) ||
              (k + 2 <= hi && reachable[k + 3]! - reachable[hi + 2]! > 0);
          } else {
            ok = reachable[lo + 1]! - reachable[hi + 2]! > 0;
          }
        }
      }
      if (!ok && counts[k] === 9) {
        ok = reached[k + 1] === 1 && !(k === b && lastGlued) && isSsnPiece(text, k, k);
      }
      if (!ok && k + 2 <= b && counts[k] === 3 && reached[k + 3] === 1) {
        ok = !(k + 2 === b && lastGlued) && isSsnPiece(text, k, k + 2);
      }
      const first = text.charCodeAt(starts[k]!);
      if (!ok && first >= 0x32 && first <= 0x36) {
        // Only cards need these two: brought up to date here, as they only ever move left.
        while (hi19 >= k && before[hi19 + 1]! - base > MAX_PIECE_DIGITS) hi19--;
        while (lo13 > k && before[lo13]! - base >= 13) lo13--;
      }
      if (!ok && first >= 0x32 && first <= 0x36 && before[lo13 + 1]! - base >= 13) {
        const end = Math.min(hi19, cards[k]! - 1);
        for (let e = lo13; e <= end; e++) {
          if (reached[e + 1] === 1 && !(e === b && lastGlued) && isLuhnPiece(k, e)) {
            ok = true;
            break;
          }
        }
      }
    }
    reached[k] = ok ? 1 : 0;
    reachable[k] = reachable[k + 1]! + (ok ? 1 : 0);
  }

  if (reached[a] === 0) return;
  for (let k = a; k <= b; ) {
    const e = choosePiece(text, k, b);
    // Unreachable when the two passes agree; stops rather than loops if they ever do not.
    if (e < 0) return;
    out.push(chosenKind, chosenStart, groupEnd[e]!);
    k = e + 1;
  }
}

/**
 * True when the chunk last read is, as a whole, one phone number by the phone rule (its prefix
 * included): what SPEC R13 asks of a customer name.
 */
export function chunkIsOnePhone(): boolean {
  const g = groupCount;
  if (leftGlued || rightGlued) return false;
  for (let k = 0; k < g; k++) if (excluded[k] === 1) return false;
  const digits = digitsBefore[g]!;
  const plus = plusAt >= 0;
  if (digits > 15 || digits < (plus ? 8 : 10)) return false;
  let depth = openAt >= 0 ? 1 : 0;
  let thousands = !plus && openAt < 0 && groupDigits[0]! <= 3;
  for (let k = 1; k < g; k++) {
    const gap = groupGap[k]!;
    if ((gap & GAP_CLOSE) !== 0) {
      if (depth !== 1) return false;
      depth = 0;
    }
    if ((gap & GAP_OPEN) !== 0) {
      if (depth !== 0) return false;
      depth = 1;
    }
    if (groupDigits[k] !== 3 || gap !== groupGap[1] || (gap !== GAP_SPACE && gap !== GAP_DOT)) {
      thousands = false;
    }
  }
  if (depth !== 0 || thousands) return false;
  return plus || openAt >= 0 || g !== 2 || groupGap[1] !== GAP_DOT;
}
