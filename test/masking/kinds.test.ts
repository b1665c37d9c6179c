import { describe, expect, it } from 'vitest';
import { ALL_KINDS, ALL_KINDS_MASK, isSensitiveKind, kindMask } from '../../src/masking/kinds.js';

describe('kinds', () => {
  it('lists every kind in order of precedence', () => {
    expect(ALL_KINDS).toEqual(['email', 'iban', 'card', 'ssn', 'phone']);
    expect(Object.isFrozen(ALL_KINDS)).toBe(true);
  });

  it('kindMask: every kind by default, the listed ones otherwise', () => {
    expect(kindMask()).toBe(ALL_KINDS_MASK);
    expect(kindMask({})).toBe(ALL_KINDS_MASK);
    expect(kindMask({ kinds: [] })).toBe(0);
    expect(kindMask({ kinds: ['email', 'phone'] })).toBe(0b10001);
  });

  it('isSensitiveKind accepts exactly the kinds', () => {
    for (const kind of ALL_KINDS) expect(isSensitiveKind(kind)).toBe(true);
    for (const other of ['EMAIL', 'mail', '', 3, undefined])
      expect(isSensitiveKind(other)).toBe(false);
  });
});
