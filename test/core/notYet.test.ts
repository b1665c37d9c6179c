import { describe, expect, it } from 'vitest';
import { happened, NOT_YET, notYetIfNull, orNull } from '../../src/core/notYet.js';

describe('notYet: a time that has not happened is NaN in the router state, null outside it', () => {
  it('tells a set time from one not yet set, 0 and negative times included', () => {
    expect(happened(NOT_YET)).toBe(false);
    for (const at of [0, -0, 1, -1, 0.5, 1e15, Number.MAX_VALUE]) expect(happened(at)).toBe(true);
  });

  it('orNull and notYetIfNull are inverse: what records and exports show, and back', () => {
    expect(orNull(NOT_YET)).toBeNull();
    expect(notYetIfNull(null)).toBeNaN();
    for (const at of [0, 1.25, 86_400_000]) {
      expect(orNull(at)).toBe(at);
      expect(notYetIfNull(at)).toBe(at);
      expect(orNull(notYetIfNull(at))).toBe(at);
    }
    expect(orNull(notYetIfNull(null))).toBeNull();
  });
});
