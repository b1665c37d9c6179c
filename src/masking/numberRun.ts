import { isDash, isDigit, isGlue, isInvisible, isSpace } from './charClass.js';
import { KIND_CARD, KIND_PHONE, KIND_SSN } from './kinds.js';
import { LUHN_DOUBLE } from './luhn.js';
import type { SpanBuffer } from './spanBuffer.js';
import { isValidSsn } from './ssn.js';
import { nextVisible, prevVisible } from './visible.js';

/*
 * Card numbers, SSNs and phone numbers share one reader. A *chunk* is a maximal sequence of
 * digit groups joined by separators (space, `-`, `.`, brackets); dates, times and IPv4 addresses
 * inside it are set aside; what is left forms *runs*. A run is masked only when it can be cut, at
 * group boundaries, into pieces that are each a valid card, SSN or phone (fewest pieces, longest
 * first piece). So `4111 1111 1111 1112` stays as it is (16 digits, fails Luhn, too long for a
 * phone) instead of losing its first 12 digits to a "phone", while two phone numbers separated by
 * one space are both found. A piece has at most 19 digits, so the search is linear.
 */

/** Gap flags: the separator characters between two digit groups, in the only order allowed. */
export const GAP_CLOSE = 1;
export const GAP_SPACE = 2;
export const GAP_DASH = 4;
export const GAP_DOT = 8;
export const GAP_SPACE_AFTER = 16;
export const GAP_OPEN = 32;

const MAX_PIECE_DIGITS = 19;
const INFINITE = 0x3fffffff;

let capacity = 64;
let groupStart = new Int32Array(capacity);
let groupEnd = new Int32Array(capacity);
let groupDigits = new Int32Array(capacity);
/** The value of a group of at most four digits, else -1. */
let groupValue = new Int32Array(capacity);
/** Flags of the gap before the group; 0 for the first group. */
let groupGap = new Int32Array(capacity);
/** Where the gap before the group has its `(`, else -1. */
let groupOpen = new Int32Array(capacity);
let excluded = new Uint8Array(capacity);
let best = new Int32Array(capacity + 1);
let choiceEnd = new Int32Array(capacity);
let choiceKind = new Int32Array(capacity);
let choiceStart = new Int32Array(capacity);

function grow(): void {
  const next = capacity * 2;
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
  excluded = new Uint8Array(next);
  best = new Int32Array(next + 1);
  choiceEnd = new Int32Array(next);
  choiceKind = new Int32Array(next);
  choiceStart = new Int32Array(next);
  capacity = next;
}

// The chunk last read by readChunk.
let groupCount = 0;
let chunkFirst = 0;
let plusAt = -1;
let openAt = -1;
/** True when the chunk's prefix is `(` before the `+` (or a lone `(`), false for `+(`. */
let openFirst = false;
let leftGlued = false;
let rightGlued = false;

/**
 * Reads the chunk starting at `i` (a digit, or a `+`/`(` prefix: `(`, `(+`, `(+ `, `+`, `+ `,
 * `+(`, `+ (`) into the group tables. Returns the index after its last digit, or -1 when `i`
 * does not start a chunk.
 */
export function readChunk(text: string, i: number, n: number): number {
  let p = i;
  let c = text.charCodeAt(p);
  plusAt = -1;
  openAt = -1;
  openFirst = false;
  if (c === 0x28) {
    openAt = p;
    openFirst = true;
    p = nextVisible(text, p + 1, n);
    c = text.charCodeAt(p);
    if (c === 0x2b) {
      plusAt = p;
      p = nextVisible(text, p + 1, n);
      c = text.charCodeAt(p);
      if (isSpace(c)) {
        p = nextVisible(text, p + 1, n);
        c = text.charCodeAt(p);
      }
    }
  } else if (c === 0x2b) {
    plusAt = p;
    p = nextVisible(text, p + 1, n);
    c = text.charCodeAt(p);
    if (isSpace(c)) {
      p = nextVisible(text, p + 1, n);
      c = text.charCodeAt(p);
    }
    if (c === 0x28) {
      openAt = p;
      p = nextVisible(text, p + 1, n);
      c = text.charCodeAt(p);
    }
  }
  if (!isDigit(c)) return -1;
  chunkFirst = i;

  let g = 0;
  let gap = 0;
  let gapOpen = -1;
  for (;;) {
    if (g === capacity) grow();
    // A group: digits, with invisible characters between them ignored.
    let digits = 0;
    let value = 0;
    let end = p;
    let q = p;
    while (q < n) {
      c = text.charCodeAt(q);
      if (c >= 0x30 && c <= 0x39) {
        if (digits < 4) value = value * 10 + (c - 0x30);
        digits++;
        end = ++q;
      } else if (isInvisible(c)) {
        q++;
      } else {
        break;
      }
    }
    groupStart[g] = p;
    groupEnd[g] = end;
    groupDigits[g] = digits;
    groupValue[g] = digits <= 4 ? value : -1;
    groupGap[g] = gap;
    groupOpen[g] = gapOpen;
    excluded[g] = 0;
    g++;

    // A gap: `)`? space? (dash-or-dot space?)? `(`?, then a digit.
    gap = 0;
    gapOpen = -1;
    let r = nextVisible(text, q, n);
    c = text.charCodeAt(r);
    if (c === 0x29) {
      gap |= GAP_CLOSE;
      r = nextVisible(text, r + 1, n);
      c = text.charCodeAt(r);
    }
    if (isSpace(c)) {
      gap |= GAP_SPACE;
      r = nextVisible(text, r + 1, n);
      c = text.charCodeAt(r);
    }
    if (c === 0x2e || isDash(c)) {
      gap |= c === 0x2e ? GAP_DOT : GAP_DASH;
      r = nextVisible(text, r + 1, n);
      c = text.charCodeAt(r);
      if (isSpace(c)) {
        gap |= GAP_SPACE_AFTER;
        r = nextVisible(text, r + 1, n);
        c = text.charCodeAt(r);
      }
    }
    if (c === 0x28) {
      gap |= GAP_OPEN;
      gapOpen = r;
      r = nextVisible(text, r + 1, n);
      c = text.charCodeAt(r);
    }
    if (gap === 0 || !isDigit(c)) break;
    p = r;
  }
  groupCount = g;
  const end = groupEnd[g - 1]!;

  const before = prevVisible(text, chunkFirst);
  const cb = before >= 0 ? text.charCodeAt(before) : -1;
  leftGlued = isGlue(cb);
  const after = nextVisible(text, end, n);
  const ca = text.charCodeAt(after);
  rightGlued = isGlue(ca);

  // Times and slashed dates: `10:30`, `12/25`; the group touching the `:` or `/` is not a number.
  if (plusAt < 0 && openAt < 0 && (cb === 0x3a || cb === 0x2f)) {
    const b2 = prevVisible(text, before);
    if (b2 >= 0 && isDigit(text.charCodeAt(b2))) excluded[0] = 1;
  }
  if ((ca === 0x3a || ca === 0x2f) && isDigit(text.charCodeAt(nextVisible(text, after + 1, n)))) {
    excluded[g - 1] = 1;
  }
  markDates(g);
  markIpv4(g);
  return end;
}

function isPlausibleYear(k: number): boolean {
  const v = groupValue[k]!;
  return groupDigits[k] === 4 && v >= 1900 && v <= 2099;
}

function smallValue(k: number, max: number): boolean {
  const d = groupDigits[k]!;
  const v = groupValue[k]!;
  return d <= 2 && v >= 1 && v <= max;
}

/** `2024-05-12`, `12.05.2024`: three groups with one repeated `-` or `.` and plausible values. */
function markDates(g: number): void {
  for (let k = 0; k + 2 < g; k++) {
    const gap = groupGap[k + 1]!;
    if ((gap !== GAP_DASH && gap !== GAP_DOT) || groupGap[k + 2] !== gap) continue;
    const ymd = isPlausibleYear(k) && smallValue(k + 1, 12) && smallValue(k + 2, 31);
    const dmy =
      isPlausibleYear(k + 2) &&
      smallValue(k, 31) &&
      smallValue(k + 1, 31) &&
      (groupValue[k]! <= 12 || groupValue[k + 1]! <= 12);
    if (ymd || dmy) excluded[k] = excluded[k + 1] = excluded[k + 2] = 1;
  }
}

/** `192.168.100.200`: four groups of 1-3 digits up to 255, joined by single dots, no more. */
function markIpv4(g: number): void {
  for (let k = 0; k + 3 < g; k++) {
    if (k > 0 && groupGap[k] === GAP_DOT) continue;
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

/** The numeric value of the digits of a group (at most 9 of them, so it fits an int). */
function groupNumber(text: string, k: number): number {
  let v = 0;
  for (let q = groupStart[k]!, end = groupEnd[k]!; q < end; q++) {
    const c = text.charCodeAt(q);
    if (c >= 0x30 && c <= 0x39) v = v * 10 + (c - 0x30);
  }
  return v;
}

function isSsnPiece(text: string, k: number, e: number): boolean {
  if (e === k) {
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

/** Finds the pieces of every run of the chunk last read and pushes them onto `out`. */
export function emitChunk(text: string, out: SpanBuffer): void {
  const g = groupCount;
  let a = 0;
  while (a < g) {
    if (excluded[a] === 1) {
      a++;
      continue;
    }
    let b = a;
    let digits = groupDigits[a]!;
    while (b + 1 < g && excluded[b + 1] === 0) digits += groupDigits[++b]!;
    if (digits >= 8) emitRun(text, a, b, out);
    a = b + 1;
  }
}

function emitRun(text: string, a: number, b: number, out: SpanBuffer): void {
  const last = groupCount - 1;
  best[b + 1] = 0;
  for (let k = b; k >= a; k--) {
    best[k] = INFINITE;
    if (k === 0 && leftGlued) continue;

    const plus = k === 0 && plusAt >= 0;
    // Phone variants: A includes a leading `(` (so it must close), B starts after it.
    let aStart = -1;
    let bStart = groupStart[k]!;
    let aDepth = 1;
    let bDepth = 0;
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
    let aBroken = aStart < 0;
    let bBroken = bStart < 0;

    const firstDigit = text.charCodeAt(groupStart[k]!) - 0x30;
    let digits = 0;
    let luhn0 = 0; // Luhn sum with the last digit undoubled
    let luhn1 = 0; // ... and with it doubled
    let cardGaps = true;
    let thousandsGap = 0;
    let thousands = groupDigits[k]! <= 3;

    for (let e = k; e <= b; e++) {
      if (e > k) {
        const gap = groupGap[e]!;
        if (gap !== GAP_SPACE && gap !== GAP_DASH) cardGaps = false;
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
        if (e === k + 1) thousandsGap = gap;
        if (
          groupDigits[e] !== 3 ||
          gap !== thousandsGap ||
          (gap !== GAP_SPACE && gap !== GAP_DOT)
        ) {
          thousands = false;
        }
      }
      digits += groupDigits[e]!;
      if (digits > MAX_PIECE_DIGITS) break;
      for (let q = groupStart[e]!, end = groupEnd[e]!; q < end; q++) {
        const d = text.charCodeAt(q) - 0x30;
        if (d >= 0 && d <= 9) {
          const t = luhn0;
          luhn0 = d + luhn1;
          luhn1 = LUHN_DOUBLE[d]! + t;
        }
      }
      const rest = best[e + 1]!;
      if (rest >= INFINITE || (e === last && rightGlued)) continue;

      let kind = -1;
      let start = groupStart[k]!;
      if (digits >= 13 && cardGaps && firstDigit >= 2 && firstDigit <= 6 && luhn0 % 10 === 0) {
        kind = KIND_CARD;
      } else if (digits === 9 && isSsnPiece(text, k, e)) {
        kind = KIND_SSN;
      } else if (digits <= 15 && digits >= (plus ? 8 : 10)) {
        if (!aBroken && aDepth === 0) {
          kind = KIND_PHONE;
          start = aStart;
        } else if (!bBroken && bDepth === 0) {
          // Shapes of amounts, not phones: `1 234 567 890`, `3.14159265358`.
          const amount = !plus && (thousands || (e === k + 1 && groupGap[e] === GAP_DOT));
          if (!amount) {
            kind = KIND_PHONE;
            start = bStart;
          }
        }
      }
      if (kind >= 0 && rest + 1 <= best[k]!) {
        best[k] = rest + 1;
        choiceEnd[k] = e;
        choiceKind[k] = kind;
        choiceStart[k] = start;
      }
    }
  }
  if (best[a]! >= INFINITE) return;
  for (let k = a; k <= b; ) {
    const e = choiceEnd[k]!;
    out.push(choiceKind[k]!, choiceStart[k]!, groupEnd[e]!);
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
  let digits = 0;
  for (let k = 0; k < g; k++) {
    if (excluded[k] === 1) return false;
    digits += groupDigits[k]!;
  }
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
