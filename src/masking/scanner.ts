import {
  isAsciiLetter,
  isGlueEndingAt,
  isInvisible,
  isOpenBracket,
  isPlus,
  isSpace,
} from './charClass.js';
import { astralDigitValue, bmpDigitValue, digitValueAt, mayStartAstralDigit } from './digits.js';
import { domainEnd, localPartStart } from './email.js';
import { forgetIbanReads, ibanLengthOf, isIbanLetter, readIban } from './iban.js';
import { ALL_KINDS_MASK, KIND_EMAIL, KIND_IBAN } from './kinds.js';
import { chunkIsShort, emitChunk, prefixedDigit, readChunk, shortChunkEnd } from './numberRun.js';
import { SpanBuffer } from './spanBuffer.js';
import { prevVisible } from './visible.js';

/**
 * What each UTF-16 code unit can start: 1 a number from a digit (of any script), 3 a number from
 * a `+` or `(`, 4 maybe a number (a high surrogate some astral digits start with), 2 an e-mail
 * (`@`), 0 nothing. A full 64K table, because one well-predicted load per character is cheaper
 * than range tests that branch differently for every letter and space of ordinary text; IBANs
 * are found from their check digits, looking back at the two letters before them.
 */
const START_DIGIT = 1;
const START_EMAIL = 2;
const START_PREFIX = 3;
const START_ASTRAL = 4;
const STARTS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (bmpDigitValue(c) >= 0) STARTS[c] = START_DIGIT;
  else if (mayStartAstralDigit(c)) STARTS[c] = START_ASTRAL;
  else if (isPlus(c) || isOpenBracket(c)) STARTS[c] = START_PREFIX;
}
STARTS[0x40] = START_EMAIL;

/**
 * The first index that can start a match, or the length of `text`: most chat messages have none,
 * and this tight loop answers for them before any other work.
 */
export function firstStart(text: string): number {
  const n = text.length;
  let i = 0;
  // Two characters per step: one branch for both, as most pairs start nothing.
  while (i + 1 < n && (STARTS[text.charCodeAt(i)]! | STARTS[text.charCodeAt(i + 1)]!) === 0) i += 2;
  while (i < n && STARTS[text.charCodeAt(i)] === 0) i++;
  return i;
}

// The chunks and IBAN-like tokens read since the last e-mail, as (where a chunk would be read
// from, times two, plus one when it starts at a boundary; start; end) triples: an e-mail's local
// part may start inside one of them.
const tokens = new SpanBuffer();

/**
 * One left-to-right pass over `text` (from `from`, which firstStart may give) that leaves on
 * `out` the spans of the kinds in `kinds` (a bit set of kind codes), in order and without
 * overlaps. Every kind is *detected* whatever `kinds` says and filtered at the end, so that what a
 * piece of text is does not depend on the options: an IBAN is never reported as a phone number
 * because IBANs are switched off.
 */
export function scan(text: string, kinds: number, out: SpanBuffer, from = 0): void {
  out.length = 0;
  tokens.length = 0;
  if ((kinds & ALL_KINDS_MASK) === 0) return;
  const n = text.length;
  // Nothing before `floor` may start a match; nothing before `emailFloor` may be in a local part.
  let floor = 0;
  let emailFloor = 0;
  // Where the last IBAN-like token or e-mail address ended: a boundary that glues nothing, so that
  // `DE89370400440532013000(4111 1111 1111 1111` is an IBAN and a card, as it is once masked.
  let boundary = -1;
  // Where the run of prefix characters after the last `+` or `(` looked at ends, and the first
  // position in it from which a chunk could start (see prefixRunEnd).
  let runEnd = -1;
  let runFrom = -1;
  // `| 0`: V8 takes a parameter, or what a call returns, for a value of any type, and an index
  // that may hold one stays boxed in the whole loop (see numberRun.ts).
  let i = from | 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const start = STARTS[c]!;
    if (start === 0) {
      i++;
      continue;
    }
    if (start === START_EMAIL) {
      const end = domainEnd(text, i, n) | 0;
      if (end < 0) {
        i++;
        continue;
      }
      const local = localPartStart(text, i, emailFloor) | 0;
      if (local >= 0) {
        // Numbers and IBANs inside the local part belong to the address. One that the local
        // part starts in is read again as a chunk that ends where the address begins (a
        // boundary that glues nothing): `4111 1111 1111 1111melissa@…` masks `4111 1111 1111`
        // and the address `1111melissa`, and reads the same way once masked.
        while (tokens.length > 0 && tokens.start(tokens.length - 1) >= local) tokens.length--;
        const top = tokens.length - 1;
        if (top >= 0 && tokens.end(top) > local) {
          const from = tokens.kind(top) >> 1;
          const open = (tokens.kind(top) & 1) === 1;
          const tokenStart = tokens.start(top);
          tokens.length--;
          while (out.length > 0 && out.start(out.length - 1) >= tokenStart) out.length--;
          if (from < local && readChunk(text, from, local, open) > 0) emitChunk(text, out);
        }
        while (out.length > 0 && out.end(out.length - 1) > local) out.length--;
      }
      if (local >= 0) out.push(KIND_EMAIL, local, end);
      // Without a local part the domain is still a domain: no phone numbers are read in it.
      floor = emailFloor = boundary = i = end;
      tokens.length = 0;
      continue;
    }
    if (start !== START_PREFIX) {
      if (start === START_ASTRAL && astralDigitValue(text, i, n) < 0) {
        i++;
        continue;
      }
      const at = countryCodeBefore(text, i, floor) | 0;
      const iban = at >= 0 ? readIban(text, at, n) | 0 : 0;
      if (iban !== 0) {
        const end = iban > 0 ? iban : -iban;
        if (iban > 0) out.push(KIND_IBAN, at, end);
        tokens.push(i * 2, at, end);
        floor = boundary = i = end;
        continue;
      }
      // Only ASCII digits have the short way (START_DIGIT and c <= 0x39 make one).
      if (c <= 0x39) {
        const end = shortChunkEnd(text, i, n) | 0;
        if (end > 0) {
          floor = i = end;
          continue;
        }
      }
    } else {
      // A `+` or `(`: a chunk starts here only if a digit follows within the prefix grammar.
      // The run of prefix characters it begins is read once for all the `+` and `(` in it
      // (`'+('.repeat(2048)` is one run, not 4096 attempts).
      if (i >= runEnd) {
        runEnd = prefixRunEnd(text, i, n) | 0;
        runFrom = digitValueAt(text, runEnd, n) >= 0 ? firstReaching(text, i, runEnd) | 0 : n;
      }
      if (i < runFrom) {
        // Nothing before runFrom reaches a digit: on to it, or past the run.
        i = Math.min(runFrom, runEnd);
        continue;
      }
      if (prefixedDigit(text, i, n) < 0) {
        i++;
        continue;
      }
    }
    const open = prevVisible(text, i) < boundary;
    const end = readChunk(text, i, n, open) | 0;
    if (end < 0) {
      i++;
      continue;
    }
    // A chunk too short to mask has no prefix that could be masked either: the e-mail rule
    // above never needs to read it again.
    if (!chunkIsShort()) {
      emitChunk(text, out);
      tokens.push(i * 2 + (open ? 1 : 0), i, end);
    }
    floor = i = end;
  }
  forgetIbanReads();
  if ((kinds & ALL_KINDS_MASK) !== ALL_KINDS_MASK) keepKinds(out, kinds);
}

/**
 * The end of the run of characters a chunk prefix is made of (`+`, `(`, white space, invisible
 * characters) that starts at the `+` or `(` at `i`: the first index after `i` that holds
 * anything else, or `n`.
 */
function prefixRunEnd(text: string, i: number, n: number): number {
  let r = i + 1;
  while (r < n) {
    const c = text.charCodeAt(r);
    if (
      c === 0x2b ||
      c === 0x28 ||
      c === 0x20 ||
      (c >= 0x80 && (isSpace(c) || isInvisible(c) || isPlus(c) || isOpenBracket(c)))
    ) {
      r++;
    } else {
      break;
    }
  }
  return r;
}

/**
 * The first index of the prefix run [i, digitAt) from which a chunk could reach the digit at
 * `digitAt`: a prefix has at most three visible characters (`(+ `, `+ (`), so a start needs
 * three or fewer before the digit, and the digit is the first one after any start in the run.
 */
function firstReaching(text: string, i: number, digitAt: number): number {
  let p = digitAt | 0;
  for (let visible = 0; visible < 3; ) {
    if (--p <= i) return i;
    if (!isInvisible(text.charCodeAt(p))) visible++;
  }
  return p;
}

function keepKinds(out: SpanBuffer, kinds: number): void {
  let kept = 0;
  for (let k = 0; k < out.length; k++) {
    const kind = out.kind(k);
    if ((kinds & (1 << kind)) === 0) continue;
    if (kept !== k) {
      const d = out.data;
      d[kept * 3] = kind;
      d[kept * 3 + 1] = d[k * 3 + 1]!;
      d[kept * 3 + 2] = d[k * 3 + 2]!;
    }
    kept++;
  }
  out.length = kept;
}

/**
 * Where the IBAN whose first check digit is at `i` would start (see ibanStartBefore), or -1. Read
 * on the raw characters while they are ASCII, where nothing is invisible: most digits follow a
 * space and a word that does not end in a country code, and are answered in a few loads. A
 * character beyond ASCII (it may be invisible, a space, a full-width letter or a digit) hands
 * over to ibanStartBefore.
 */
function countryCodeBefore(text: string, i: number, floor: number): number {
  let p = i - 1;
  if (p < floor) return -1;
  let c1 = text.charCodeAt(p);
  if (c1 === 0x20) {
    if (--p < floor) return -1;
    c1 = text.charCodeAt(p);
  }
  if (c1 >= 0x80) return ibanStartBefore(text, i, floor);
  if (!isAsciiLetter(c1)) return -1;
  const p0 = p - 1;
  if (p0 < floor) return -1;
  const c0 = text.charCodeAt(p0);
  if (c0 >= 0x80) return ibanStartBefore(text, i, floor);
  if (!isAsciiLetter(c0) || ibanLengthOf(c0, c1) === 0) return -1;
  if (p0 === 0) return p0;
  const before = text.charCodeAt(p0 - 1);
  if (before >= 0x80) return ibanStartBefore(text, i, floor);
  return isGlueEndingAt(text, p0 - 1) ? -1 : p0;
}

/**
 * Where the IBAN whose first check digit is at `i` would start: two Latin letters (ASCII or
 * full-width) that start a word, then an optional space before `i`. -1 when there are none.
 */
function ibanStartBefore(text: string, i: number, floor: number): number {
  let p = prevVisible(text, i);
  if (p < floor) return -1;
  if (isSpace(text.charCodeAt(p))) p = prevVisible(text, p);
  if (p < floor) return -1;
  const c1 = text.charCodeAt(p);
  if (!isIbanLetter(c1)) return -1;
  const p0 = prevVisible(text, p);
  if (p0 < floor) return -1;
  const c0 = text.charCodeAt(p0);
  // Most words do not end in a country code: the table answers before the neighbour check.
  if (!isIbanLetter(c0) || ibanLengthOf(c0, c1) === 0) return -1;
  if (isGlueEndingAt(text, prevVisible(text, p0))) return -1;
  return p0;
}
