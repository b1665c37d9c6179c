import { describe, expect, it } from 'vitest';
import {
  describeServiceLevelDefinition,
  type ServiceLevelDefinition,
  serviceLevelOf,
} from '../../src/analytic/serviceLevelDefinition.js';

// 100 offered: 70 answered within T, 20 answered later, 6 abandoned within T (4 of them within
// the short-abandon time S), 4 abandoned after T.
const parts = {
  answeredWithinThreshold: 0.7,
  answered: 0.9,
  abandonedAfterThreshold: 0.04,
  abandonedWithinShort: 0.04,
};

describe('serviceLevelOf', () => {
  it.each<[ServiceLevelDefinition, number]>([
    [{ kind: 'offered' }, 70 / 100],
    [{ kind: 'offered-minus-short-abandons', shortAbandonSeconds: 5 }, 70 / 96],
    [{ kind: 'answered-plus-late-abandons' }, 70 / 94],
  ])('%o gives the right ratio', (definition, want) => {
    expect(serviceLevelOf(parts, definition)).toBeCloseTo(want, 15);
  });

  it('gives 1 when the denominator is empty', () => {
    const nothing = {
      answeredWithinThreshold: 0,
      answered: 0,
      abandonedAfterThreshold: 0,
      abandonedWithinShort: 1,
    };
    expect(serviceLevelOf(nothing, { kind: 'answered-plus-late-abandons' })).toBe(1);
    expect(
      serviceLevelOf(nothing, { kind: 'offered-minus-short-abandons', shortAbandonSeconds: 5 }),
    ).toBe(1);
  });
});

describe('describeServiceLevelDefinition', () => {
  it('names each denominator', () => {
    expect(describeServiceLevelDefinition({ kind: 'offered' })).toBe('answered within T / offered');
    expect(
      describeServiceLevelDefinition({
        kind: 'offered-minus-short-abandons',
        shortAbandonSeconds: 5,
      }),
    ).toBe('answered within T / (offered - abandoned within 5 s)');
    expect(describeServiceLevelDefinition({ kind: 'answered-plus-late-abandons' })).toBe(
      'answered within T / (answered + abandoned after T)',
    );
  });
});
