import type { SecretKind } from './trace.js';

/**
 * Finds ground-truth secrets (the planted cards, IBANs, SSNs, phone numbers and e-mails of a
 * trace) in the frames agents receive. Each secret is searched as written and, when it has
 * white space, without it (a masker that dropped spaces but kept the digits still leaks).
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
}

export interface LeakHit {
  readonly secret: Secret;
  /** Where in the frame text. */
  readonly at: number;
}

const BASE = 0x01000193;
/** Shortest pattern searched: shorter ones would match ordinary text by chance. */
const MIN_PATTERN = 6;

interface Pattern {
  readonly text: string;
  readonly secret: Secret;
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
    const add = (text: string, secret: Secret) => {
      if (text.length < MIN_PATTERN || seen.has(text)) return;
      seen.add(text);
      patterns.push({ text, secret });
    };
    for (const secret of secrets) {
      add(secret.text, secret);
      const compact = secret.text.replace(/\s+/g, '');
      if (compact !== secret.text) add(compact, secret);
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
          if (text.startsWith(p.text, i)) hits.push({ secret: p.secret, at: i });
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
