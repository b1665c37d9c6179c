import { KPI_CATALOGUE, type KpiName } from '../kpi/index.js';

/** A KPI's value in its unit, from the catalogue: "88.90%", "7.84 s", "123.00"; signed for changes. */
export function formatKpiValue(kpi: KpiName, value: number | null, signed = false): string {
  if (value === null) return 'n/a';
  const sign = signed && value > 0 ? '+' : '';
  const unit = KPI_CATALOGUE[kpi].unit;
  if (unit === 'ratio') return `${sign}${(value * 100).toFixed(2)}%`;
  if (unit === 'seconds') return `${sign}${value.toFixed(2)} s`;
  return `${sign}${value.toFixed(2)}`;
}
