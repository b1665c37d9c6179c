import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runReplications } from '../../sim/pool.js';
import { summarizeRun } from '../../sim/summary.js';
import { KPI_CATALOGUE } from '../../src/kpi/index.js';
import { renderSimulationReport, renderSvg } from '../../src/report/index.js';
import { groupOccupancyChart, queueServiceLevelCharts } from '../../src/report/queueCharts.js';
import { parseScenario } from '../../src/scenario/index.js';

// The smoke scenario with a third queue no number routes to (as the weekday's billing): nothing
// enters it first, so it has no service level to draw and its verdict says nothing was offered.
const text = (await readFile('scenarios/whatsapp-smoke.yaml', 'utf8')).replace(
  '    - { id: sales, name: Sales }\n',
  '    - { id: sales, name: Sales }\n    - { id: billing, name: Billing }\n',
);
const scenario = parseScenario(text, 'smoke-billing.yaml');
const results = await runReplications(scenario, { replications: 3, workers: 0 });
const summary = summarizeRun(scenario, results, {
  version: '9.9.9',
  request: { file: 'smoke-billing.yaml', replications: 3 },
  seed: 1,
});

describe('the report per queue and per agent group', () => {
  it("draws each queue's SL per interval against its own target, and each group's occupancy", async () => {
    const charts = [...queueServiceLevelCharts(summary), groupOccupancyChart(summary)!];
    expect(charts.map((c) => c.id)).toEqual([
      'queue-service-level-support',
      'queue-service-level-sales',
      'group-occupancy',
    ]);
    for (const chart of charts) {
      const { svg, warnings } = await renderSvg(chart.spec);
      expect(warnings, chart.id).toEqual([]);
      expect(svg, chart.id).toMatch(/class="mark-\w+ role-mark/);
    }
    const values = (charts[1]!.spec as { data: { values: { low: number; high: number }[] } }).data
      .values;
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) {
      expect(v.low).toBeGreaterThanOrEqual(0);
      expect(v.high).toBeLessThanOrEqual(1);
    }
  });

  it('shows where each queue stands: its verdict, every catalogue KPI its set has, the groups', async () => {
    const html = await renderSimulationReport(summary);
    expect(html).toContain('<section id="queues"');
    expect(html).toMatch(/data-queue="billing"><span class="verdict warn">NOTHING OFFERED<\/span>/);
    expect(html).toMatch(/data-queue="support"><span class="verdict (pass|warn|fail)">/);
    const from = html.indexOf('aria-label="KPIs per queue"');
    const table = html.slice(from, html.indexOf('</table>', from));
    const queueSet = summary.kpis.total.queues.support as unknown as Record<string, unknown>;
    const shown = Object.entries(KPI_CATALOGUE).filter(([k]) => queueSet[k] !== undefined);
    expect(shown.length).toBeGreaterThan(20);
    for (const [, entry] of shown) expect(table).toContain(`<td>${entry.label}</td>`);
    // A queue has no time KPIs: occupancy is a group's.
    expect(table).not.toContain(`<td>${KPI_CATALOGUE.occupancy.label}</td>`);
    expect(html).toContain('aria-label="KPIs per agent group"');
    expect(html).toContain('<th>group support</th><th>group sales</th>');
  });
});
