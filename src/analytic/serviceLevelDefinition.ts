/**
 * Which contacts count in the denominator of service level, with T the threshold:
 * - `offered`: answered within T / offered;
 * - `offered-minus-short-abandons`: answered within T / (offered − abandoned within S seconds),
 *   so that customers who give up almost at once do not count against the queue;
 * - `answered-plus-late-abandons`: answered within T / (answered + abandoned after T), so that
 *   abandons before T count neither for nor against.
 *
 * Without abandonment (Erlang C) all three coincide.
 */
export type ServiceLevelDefinition =
  | { readonly kind: 'offered' }
  | { readonly kind: 'offered-minus-short-abandons'; readonly shortAbandonSeconds: number }
  | { readonly kind: 'answered-plus-late-abandons' };

/** Per offered contact: the probabilities that service level is made of. */
export interface ServiceLevelParts {
  /** P(answered and waited ≤ T). */
  readonly answeredWithinThreshold: number;
  /** P(answered). */
  readonly answered: number;
  /** P(abandoned after waiting more than T). */
  readonly abandonedAfterThreshold: number;
  /** P(abandoned within S seconds); only the short-abandon definition reads it. */
  readonly abandonedWithinShort: number;
}

/** Service level under `definition`; 1 when the denominator is empty (nothing offered). */
export function serviceLevelOf(
  parts: ServiceLevelParts,
  definition: ServiceLevelDefinition,
): number {
  let denominator: number;
  switch (definition.kind) {
    case 'offered':
      return parts.answeredWithinThreshold;
    case 'offered-minus-short-abandons':
      denominator = 1 - parts.abandonedWithinShort;
      break;
    case 'answered-plus-late-abandons':
      denominator = parts.answered + parts.abandonedAfterThreshold;
      break;
  }
  return denominator > 0 ? Math.min(1, parts.answeredWithinThreshold / denominator) : 1;
}

/** A short human description, e.g. for the CLI: "answered within T / offered". */
export function describeServiceLevelDefinition(definition: ServiceLevelDefinition): string {
  switch (definition.kind) {
    case 'offered':
      return 'answered within T / offered';
    case 'offered-minus-short-abandons':
      return `answered within T / (offered - abandoned within ${definition.shortAbandonSeconds} s)`;
    case 'answered-plus-late-abandons':
      return 'answered within T / (answered + abandoned after T)';
  }
}
