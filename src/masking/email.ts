import { isDomainCodePoint, isInvisible, isLocalCodePoint } from './charClass.js';
import { prevVisible } from './visible.js';

/**
 * Where the local part of an e-mail address that ends before the `@` at `at` starts, or -1 when
 * it is empty. Scans back no further than `floor`, so that each character is read by one `@`.
 *
 * `*` counts as a local character (RFC 5322 allows it) but never as the first one: a masked
 * address (`m******@gmail.com`) is still read as the same address on a second pass, which keeps
 * masking idempotent, and WhatsApp's bold (`*melissa@gmail.com*`) keeps its asterisk.
 */
export function localPartStart(text: string, at: number, floor: number): number {
  let start = -1;
  let p = prevVisible(text, at);
  while (p >= floor) {
    let c = text.charCodeAt(p);
    let q = p;
    if (c >= 0xdc00 && c <= 0xdfff && p > floor) {
      const h = text.charCodeAt(p - 1);
      if (h >= 0xd800 && h <= 0xdbff) {
        c = (h - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000;
        q = p - 1;
      }
    }
    if (!isLocalCodePoint(c) && c !== 0x2a) break;
    start = q;
    p = prevVisible(text, q);
  }
  if (start < 0) return -1;
  while (start < at && (text.charCodeAt(start) === 0x2a || isInvisible(text.charCodeAt(start)))) {
    start++;
  }
  return start < at ? start : -1;
}

/** ASCII domain label characters: letters, digits and `-`. */
const ASCII_DOMAIN = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ASCII_DOMAIN[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ASCII_DOMAIN[c] = ASCII_DOMAIN[c + 0x20] = 1;
ASCII_DOMAIN[0x2d] = 1;

/**
 * The end of the domain that follows the `@` at `at`: at least two labels of letters, digits and
 * `-`, separated by single dots. -1 when there is no such domain.
 *
 * ASCII is answered by one table load per character; only other characters go through the code
 * point classes (`'@' + 'b.'.repeat(2047)` is one long domain, `'a@'.repeat(2048)` 2048 short
 * tries).
 */
export function domainEnd(text: string, at: number, n: number): number {
  // Plain ints for V8 (see numberRun.ts).
  at |= 0;
  n |= 0;
  let labels = 0;
  let end = -1;
  let q = at + 1;
  for (;;) {
    // A label; invisible characters anywhere in it (or before it) are skipped.
    let read = false;
    while (q < n) {
      let c = text.charCodeAt(q);
      if (c < 0x80) {
        if (ASCII_DOMAIN[c] === 0) break;
        read = true;
        end = ++q;
        continue;
      }
      if (isInvisible(c)) {
        q++;
        continue;
      }
      let width = 1;
      if (c >= 0xd800 && c <= 0xdbff && q + 1 < n) {
        const low = text.charCodeAt(q + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          c = (c - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (!isDomainCodePoint(c)) break;
      read = true;
      q += width;
      end = q;
    }
    if (!read) break;
    labels++;
    if (q >= n || text.charCodeAt(q) !== 0x2e) break;
    q++;
  }
  return labels >= 2 ? end : -1;
}
