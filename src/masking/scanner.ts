import { isAsciiLetter, isGlue, isSpace } from './charClass.js';
import { domainEnd, localPartStart } from './email.js';
import { ibanLengthOf, readIban } from './iban.js';
import { ALL_KINDS_MASK, KIND_EMAIL, KIND_IBAN } from './kinds.js';
import { chunkIsShort, emitChunk, prefixedDigit, readChunk, shortChunkEnd } from './numberRun.js';
import { SpanBuffer } from './spanBuffer.js';
import { prevVisible } from './visible.js';

/**
 * What each UTF-16 code unit can start: 1 a number (digit, `+`, `(`), 2 an e-mail (`@`), 0
 * nothing. A full 64K table, because one well-predicted load per character is cheaper than
 * range tests that branch differently for every letter and space of ordinary text; IBANs are
 * found from their check digits, looking back at the two letters before them.
 */
const STARTS = new Uint8Array(0x10000);
for (let c = 0x30; c <= 0x39; c++) STARTS[c] = 1;
STARTS[0x2b] = 1;
STARTS[0x28] = 1;
STARTS[0x40] = 2;

/**
 * One left-to-right pass over `text` (from `from`, which firstStart may give) that leaves on `out` the spans of the kinds in `kinds` (a
 * bit set of kind codes), in order and without overlaps. Every kind is *detected* whatever
 * `kinds` says and filtered at the end, so that what a piece of text is does not depend on the
 * options: an IBAN is never reported as a phone number because IBANs are switched off.
 */
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
// from, start, end) triples: an e-mail's local part may start inside one of them.
const tokens = new SpanBuffer();

export function scan(text: string, kinds: number, out: SpanBuffer, from = 0): void {
  out.length = 0;
  tokens.length = 0;
  if ((kinds & ALL_KINDS_MASK) === 0) return;
  const n = text.length;
  // Nothing before `floor` may start a match; nothing before `emailFloor` may be in a local part.
  let floor = 0;
  let emailFloor = 0;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    const start = STARTS[c]!;
    if (start === 0) {
      i++;
      continue;
    }
    if (start === 2) {
      const end = domainEnd(text, i, n);
      if (end < 0) {
        i++;
        continue;
      }
      const local = localPartStart(text, i, emailFloor);
      if (local >= 0) {
        // Numbers and IBANs inside the local part belong to the address. One that the local
        // part starts in is read again as a chunk that ends where the address begins (a
        // boundary that glues nothing): `4111 1111 1111 1111melissa@…` masks `4111 1111 1111`
        // and the address `1111melissa`, and reads the same way once masked.
        while (tokens.length > 0 && tokens.start(tokens.length - 1) >= local) tokens.length--;
        const top = tokens.length - 1;
        if (top >= 0 && tokens.end(top) > local) {
          const from = tokens.kind(top);
          const tokenStart = tokens.start(top);
          tokens.length--;
          while (out.length > 0 && out.start(out.length - 1) >= tokenStart) out.length--;
          if (from < local && readChunk(text, from, local) > 0) emitChunk(text, out);
        }
        while (out.length > 0 && out.end(out.length - 1) > local) out.length--;
      }
      if (local >= 0) out.push(KIND_EMAIL, local, end);
      // Without a local part the domain is still a domain: no phone numbers are read in it.
      floor = emailFloor = i = end;
      tokens.length = 0;
      continue;
    }
    if (c <= 0x39 && c >= 0x30) {
      const iban = mayFollowCountryCode(text, i, floor) ? ibanBefore(text, i, n, floor) : 0;
      if (iban !== 0) {
        const at = ibanStartAt;
        const end = iban > 0 ? iban : -iban;
        if (iban > 0) out.push(KIND_IBAN, at, end);
        tokens.push(i, at, end);
        floor = i = end;
        continue;
      }
      const end = shortChunkEnd(text, i, n);
      if (end > 0) {
        floor = i = end;
        continue;
      }
    } else {
      // A `(` or `+` starts a chunk only before a digit, `+`, space or `(`; a quick no for
      // `(order ...)`. Non-ASCII may be an invisible or a space: readChunk decides those.
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      if (
        (next < 0x80 &&
          (next < 0x30 || next > 0x39) &&
          next !== 0x2b &&
          next !== 0x20 &&
          next !== 0x28) ||
        prefixedDigit(text, i, n) < 0
      ) {
        i++;
        continue;
      }
    }
    const end = readChunk(text, i, n);
    if (end < 0) {
      i++;
      continue;
    }
    // A chunk too short to mask has no prefix that could be masked either: the e-mail rule
    // above never needs to read it again.
    if (!chunkIsShort()) {
      emitChunk(text, out);
      tokens.push(i, i, end);
    }
    floor = i = end;
  }
  if ((kinds & ALL_KINDS_MASK) !== ALL_KINDS_MASK) keepKinds(out, kinds);
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
 * A quick no for ibanBefore, from the raw characters before `i`: most digits follow a space and
 * a word that does not end in a country code. Anything it cannot judge (invisible or non-ASCII
 * characters) goes to ibanBefore.
 */
function mayFollowCountryCode(text: string, i: number, floor: number): boolean {
  let p = i - 1;
  if (p < floor) return false;
  let c = text.charCodeAt(p);
  if (c >= 0x80) return true;
  if (c === 0x20) {
    if (--p < floor) return false;
    c = text.charCodeAt(p);
    if (c >= 0x80) return true;
  }
  if (p - 1 < floor) return false;
  const c0 = text.charCodeAt(p - 1);
  if (c0 >= 0x80) return true;
  return isAsciiLetter(c) && isAsciiLetter(c0) && ibanLengthOf(c0, c) !== 0;
}

let ibanStartAt = 0;

/**
 * An IBAN whose first check digit is at `i`: two ASCII letters that start a word, then an
 * optional space. Returns what readIban returns and leaves the IBAN's start in `ibanStartAt`.
 */
function ibanBefore(text: string, i: number, n: number, floor: number): number {
  let p = prevVisible(text, i);
  if (p < floor) return 0;
  if (isSpace(text.charCodeAt(p))) p = prevVisible(text, p);
  if (p < floor) return 0;
  const c1 = text.charCodeAt(p);
  if (!isAsciiLetter(c1)) return 0;
  const p0 = prevVisible(text, p);
  if (p0 < floor) return 0;
  const c0 = text.charCodeAt(p0);
  // Most words do not end in a country code: the table answers before the neighbour check.
  if (!isAsciiLetter(c0) || ibanLengthOf(c0, c1) === 0) return 0;
  const before = prevVisible(text, p0);
  if (before >= 0 && isGlue(text.charCodeAt(before))) return 0;
  ibanStartAt = p0;
  return readIban(text, p0, n);
}
