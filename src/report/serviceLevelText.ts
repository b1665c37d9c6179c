import { describeServiceLevelDefinition } from '../analytic/index.js';

/** "answered within 30 s / offered": a service-level definition with its threshold, in words. */
export function serviceLevelText(
  sl: { readonly thresholdSeconds: number; readonly definition: string },
  shortAbandonSeconds: number,
): string {
  return describeServiceLevelDefinition(
    sl.definition === 'offered-minus-short-abandons'
      ? { kind: sl.definition, shortAbandonSeconds }
      : { kind: sl.definition as 'offered' | 'answered-plus-late-abandons' },
  ).replace('T', `${sl.thresholdSeconds} s`);
}
