import { ALL_KINDS, kindMask, type MaskingOptions, type SensitiveSpan } from './kinds.js';
import { render } from './render.js';
import { firstStart, scan } from './scanner.js';
import { SpanBuffer } from './spanBuffer.js';

export interface Masker {
  /** `text` with every sensitive span masked (SPEC R11); `text` itself when there is none. */
  mask(text: string): string;
  /** The sensitive spans of `text`, in order, without overlaps. */
  find(text: string): SensitiveSpan[];
}

// One buffer for every masker: scanning never calls out, so no two scans can interleave.
const shared = new SpanBuffer();

function toSpans(spans: SpanBuffer): SensitiveSpan[] {
  const result: SensitiveSpan[] = [];
  for (let k = 0; k < spans.length; k++) {
    result.push({ kind: ALL_KINDS[spans.kind(k)]!, start: spans.start(k), end: spans.end(k) });
  }
  return result;
}

/** A masker with its options resolved once, for the hot path (one per tenant setting). */
export function createMasker(options?: MaskingOptions): Masker {
  const kinds = kindMask(options);
  return {
    mask(text: string): string {
      const from = firstStart(text);
      if (from === text.length || kinds === 0) return text;
      scan(text, kinds, shared, from);
      return render(text, shared);
    },
    find(text: string): SensitiveSpan[] {
      const from = firstStart(text);
      if (from === text.length || kinds === 0) return [];
      scan(text, kinds, shared, from);
      return toSpans(shared);
    },
  };
}

export function maskText(text: string, options?: MaskingOptions): string {
  return createMasker(options).mask(text);
}

export function findSensitive(text: string, options?: MaskingOptions): SensitiveSpan[] {
  return createMasker(options).find(text);
}
