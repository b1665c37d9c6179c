import { describe, expect, it } from 'vitest';
import { isKpiName, KPI_CATALOGUE } from '../../src/kpi/index.js';

/** Issue 11: one KPI catalogue (name, label, unit, direction) that every table reads. */
describe('KPI catalogue', () => {
  it('gives every KPI a distinct label and short heading, a unit and a direction', () => {
    const entries = Object.entries(KPI_CATALOGUE);
    expect(new Set(entries.map(([, e]) => e.label)).size).toBe(entries.length);
    expect(new Set(entries.map(([, e]) => e.short)).size).toBe(entries.length);
    for (const [name, e] of entries) {
      expect(['count', 'ratio', 'seconds'], name).toContain(e.unit);
      expect(['higher', 'lower', 'neutral'], name).toContain(e.direction);
    }
  });

  it('says ratios are shares and rates improve downward where they count failures', () => {
    expect(KPI_CATALOGUE.serviceLevel).toMatchObject({ unit: 'ratio', direction: 'higher' });
    expect(KPI_CATALOGUE.abandonRate).toMatchObject({ unit: 'ratio', direction: 'lower' });
    expect(KPI_CATALOGUE.asa).toMatchObject({ unit: 'seconds', direction: 'lower' });
    expect(KPI_CATALOGUE.offered).toMatchObject({ unit: 'count', direction: 'neutral' });
    expect(isKpiName('serviceLevel')).toBe(true);
    expect(isKpiName('littlesLaw')).toBe(false);
    expect(isKpiName('toString')).toBe(false);
  });
});
