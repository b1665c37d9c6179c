import { describe, expect, it } from 'vitest';
import { identityPool } from '../../sim/identityPool.js';
import { customerIdentity, customerText } from '../../src/behaviour/identities.js';

describe('identity pool', () => {
  const pool = identityPool(1);

  it('is the same for the same seed and made once', () => {
    expect(identityPool(1)).toBe(pool);
    const other = identityPool(2);
    expect(other.names).not.toEqual(pool.names);
  });

  it('gives every arrival of a replication its own customer', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 200_000; i++) {
      const c = customerIdentity(pool, i, 987654321);
      ids.add(c.id);
      if (i < 1000) {
        expect(c.id).toMatch(/^\d{11,13}$/);
        expect(c.phone.replace(/\D/g, '')).toBe(c.id);
        expect(c.name.length).toBeGreaterThan(0);
      }
    }
    expect(ids.size).toBe(200_000);
  });

  it('names a few customers by their number (SPEC R13)', () => {
    let byNumber = 0;
    for (let i = 0; i < 10_000; i++) {
      const c = customerIdentity(pool, i, 5);
      if (c.name === c.phone) byNumber++;
    }
    expect(byNumber).toBeGreaterThan(200);
    expect(byNumber).toBeLessThan(500);
  });

  it('plants secrets at the given rate, with spans that cover them', () => {
    let withSecret = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const text = customerText(pool, (i + 0.5) / n, 0.05);
      if (text.secrets.length > 0) withSecret++;
    }
    expect(withSecret / n).toBeCloseTo(0.05, 3);
    for (const text of pool.secretTexts) {
      const [span] = text.secrets;
      const secret = text.text.slice(span!.start, span!.end);
      expect(secret).toMatch(/\d|@/);
      if (span!.kind === 'email') expect(secret).toContain('@');
      if (span!.kind === 'card') expect(secret.replace(/ /g, '')).toMatch(/^\d{13,19}$/);
    }
    for (const text of pool.plainTexts) expect(text.secrets).toEqual([]);
    expect(customerText(pool, 0.5, 0).secrets).toEqual([]);
  });
});
