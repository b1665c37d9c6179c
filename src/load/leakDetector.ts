import type { SecretKind } from './trace.js';

/**
 * Finds ground-truth secrets (the planted cards, IBANs, SSNs, phone numbers and e-mails of a
 * trace, and the customers' own numbers) in the frames agents receive. Each secret is searched as
 * written and, when it has white space, without it (a masker that dropped spaces but kept the
 * digits still leaks); a secret marked `encodings` also in every encoding an id or a token could
 * carry it in (`encodedForms`: hex, base64 and base64url at any byte offset).
 *
 * Rabin–Karp over UTF-16 code units: one rolling hash of the shortest pattern's length per
 * frame, candidate patterns by hash, confirmed with `startsWith`. A frame costs one pass however
 * many secrets there are, so every frame of a long run can be checked.
 */

export interface Secret {
  readonly text: string;
  readonly kind: SecretKind;
  /** The message that carried it (for the report). */
  readonly messageId: string;
  /** Also search its encoded forms (a customer's number inside a WhatsApp message id...). */
  readonly encodings?: boolean;
}

/** How a hit was written: as the secret was, without its spaces, or encoded. */
export type LeakEncoding = 'plain' | 'compact' | 'hex' | 'base64' | 'base64url';

export interface LeakHit {
  readonly secret: Secret;
  /** Where in the frame text. */
  readonly at: number;
  readonly encoding: LeakEncoding;
}

/**
 * Shortest encoded form searched: hex and base64 look like the random ids and tokens frames are
 * full of. A 10-character form matches a given spot of random base64 text with probability
 * 64^-10 (10^-18): for 1,000 customers and 10^7 characters of ids, 10^-8 false hits per run.
 */
const MIN_ENCODED = 10;

/**
 * The forms `text` takes when it is encoded inside a longer byte string: its bytes in hex (lower
 * and upper case) and, for a number, the number in hex; and its base64 and base64url at each of
 * the three offsets it can have within base64's 3-byte groups, keeping only the characters that
 * depend on its own bytes (the neighbours' bytes are unknown). A WhatsApp message id, base64 of a
 * struct that begins with the sender's number, contains one of the base64 forms of that number.
 */
export function encodedForms(text: string): { text: string; encoding: LeakEncoding }[] {
  const bytes = Buffer.from(text, 'utf8');
  const forms: { text: string; encoding: LeakEncoding }[] = [];
  const hex = bytes.toString('hex');
  forms.push({ text: hex, encoding: 'hex' }, { text: hex.toUpperCase(), encoding: 'hex' });
  if (/^[1-9][0-9]{5,30}$/.test(text)) {
    const n = BigInt(text).toString(16);
    forms.push({ text: n, encoding: 'hex' }, { text: n.toUpperCase(), encoding: 'hex' });
  }
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes, Buffer.alloc(2)]);
    const b64 = padded.toString('base64');
    // Character j covers bits [6j, 6j + 6): keep those inside the text's bits.
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const inner = b64.slice(first, end);
    forms.push({ text: inner, encoding: 'base64' });
    forms.push({ text: inner.replace(/\+/g, '-').replace(/\//g, '_'), encoding: 'base64url' });
  }
  return forms.filter((f) => f.text.length >= MIN_ENCODED);
}

const BASE = 0x01000193;
/** Shortest pattern searched: shorter ones would match ordinary text by chance. */
const MIN_PATTERN = 6;

interface Pattern {
  readonly text: string;
  readonly secret: Secret;
  readonly encoding: LeakEncoding;
}

export class LeakDetector {
  private readonly byHash = new Map<number, Pattern[]>();
  private readonly window: number;
  /** BASE^(window-1), for removing the char leaving the window. */
  private readonly drop: number;
  readonly patterns: number;

  constructor(secrets: Iterable<Secret>) {
    const patterns: Pattern[] = [];
    const seen = new Set<string>();
    const add = (text: string, secret: Secret, encoding: LeakEncoding) => {
      if (text.length < MIN_PATTERN || seen.has(text)) return;
      seen.add(text);
      patterns.push({ text, secret, encoding });
    };
    for (const secret of secrets) {
      add(secret.text, secret, 'plain');
      const compact = secret.text.replace(/\s+/g, '');
      if (compact !== secret.text) add(compact, secret, 'compact');
      if (secret.encodings) {
        for (const form of encodedForms(compact)) add(form.text, secret, form.encoding);
      }
    }
    this.patterns = patterns.length;
    this.window = patterns.reduce((w, p) => Math.min(w, p.text.length), 64);
    let drop = 1;
    for (let i = 1; i < this.window; i++) drop = Math.imul(drop, BASE);
    this.drop = drop;
    for (const pattern of patterns) {
      const h = this.hash(pattern.text, 0);
      const list = this.byHash.get(h);
      if (list) list.push(pattern);
      else this.byHash.set(h, [pattern]);
    }
  }

  private hash(text: string, from: number): number {
    let h = 0;
    for (let i = from; i < from + this.window; i++)
      h = (Math.imul(h, BASE) + text.charCodeAt(i)) | 0;
    return h;
  }

  /** Every secret found in `text` (a pattern once per position). */
  scan(text: string): LeakHit[] {
    const hits: LeakHit[] = [];
    const w = this.window;
    if (this.patterns === 0 || text.length < w) return hits;
    const byHash = this.byHash;
    let h = this.hash(text, 0);
    const last = text.length - w;
    for (let i = 0; ; i++) {
      const candidates = byHash.get(h);
      if (candidates !== undefined) {
        for (const p of candidates) {
          if (text.startsWith(p.text, i)) {
            hits.push({ secret: p.secret, at: i, encoding: p.encoding });
          }
        }
      }
      if (i === last) break;
      h =
        (Math.imul(h - Math.imul(text.charCodeAt(i), this.drop), BASE) + text.charCodeAt(i + w)) |
        0;
    }
    return hits;
  }
}
