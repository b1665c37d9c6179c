/** The kinds of customer-sensitive data the masker finds (SPEC R9, R10). */
export type SensitiveKind = 'email' | 'iban' | 'card' | 'ssn' | 'phone';

/** Every kind, in order of detection precedence (MASKING.md). */
export const ALL_KINDS: readonly SensitiveKind[] = Object.freeze([
  'email',
  'iban',
  'card',
  'ssn',
  'phone',
]);

export interface MaskingOptions {
  /** Kinds to mask; every kind when absent. */
  readonly kinds?: readonly SensitiveKind[];
}

/** One match: UTF-16 offsets into the input, `end` exclusive, first to last character of it. */
export interface SensitiveSpan {
  readonly kind: SensitiveKind;
  readonly start: number;
  readonly end: number;
}

export function isSensitiveKind(value: unknown): value is SensitiveKind {
  return typeof value === 'string' && (ALL_KINDS as readonly string[]).includes(value);
}

/** Kind codes as stored in the scanner's typed span buffer; the index into ALL_KINDS. */
export const KIND_EMAIL = 0;
export const KIND_IBAN = 1;
export const KIND_CARD = 2;
export const KIND_SSN = 3;
export const KIND_PHONE = 4;

export const ALL_KINDS_MASK = 0b11111;

/** A bit set of kind codes: bit `1 << code` is set when that kind is masked. */
export function kindMask(options?: MaskingOptions): number {
  const kinds = options?.kinds;
  if (kinds === undefined) return ALL_KINDS_MASK;
  let mask = 0;
  for (const kind of kinds) {
    const code = ALL_KINDS.indexOf(kind);
    if (code >= 0) mask |= 1 << code;
  }
  return mask;
}
