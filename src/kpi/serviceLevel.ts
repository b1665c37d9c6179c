import type { ServiceLevelDefinitionName } from './kpiInput.js';

/** The counts that service level is made of, over one period's measured conversations. */
export interface ServiceLevelCounts {
  readonly offered: number;
  readonly answered: number;
  readonly answeredWithinThreshold: number;
  /** Unanswered abandons that waited strictly less than S. */
  readonly shortAbandoned: number;
  /** Unanswered abandons that waited more than T. */
  readonly abandonedAfterThreshold: number;
}

/**
 * Service level = answered within T / denominator, the denominator being
 * - `offered`: offered;
 * - `offered-minus-short-abandons`: offered − short abandons;
 * - `answered-plus-late-abandons`: answered + abandoned after T.
 * Null when the denominator is 0 (nothing to measure), unlike the analytic models' 1.
 */
export function serviceLevelOf(
  counts: ServiceLevelCounts,
  definition: ServiceLevelDefinitionName,
): number | null {
  let denominator: number;
  switch (definition) {
    case 'offered':
      denominator = counts.offered;
      break;
    case 'offered-minus-short-abandons':
      denominator = counts.offered - counts.shortAbandoned;
      break;
    case 'answered-plus-late-abandons':
      denominator = counts.answered + counts.abandonedAfterThreshold;
      break;
  }
  return denominator > 0 ? counts.answeredWithinThreshold / denominator : null;
}
