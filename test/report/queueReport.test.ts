import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { runReplications } from '../../sim/pool.js';
import { summarizeRun } from '../../sim/summary.js';
import { KPI_CATALOGUE } from '../../src/kpi/index.js';
import { withCi } from '../../src/report/format.js';
import {
  formatSimulationTable,
  renderSimulationReport,
  renderSvg,
} from '../../src/report/index.js';
import { groupOccupancyChart, queueServiceLevelCharts } from '../../src/report/queueCharts.js';
import { parseScenario } from '../../src/scenario/index.js';

// The smoke scenario with a third queue no number routes to (as the weekday's billing): nothing
// enters it first, so it has no service level to draw and its verdict says nothing was offered;
// the transfers to a queue go to it, so its conversations are there as transferred in. Customers
// come back (re-contacts), so the re-contact KPIs are in the summary.
const text = (await readFile('scenarios/whatsapp-smoke.yaml', 'utf8'))
  .replace(
    '    - { id: sales, name: Sales }\n',
    '    - { id: sales, name: Sales }\n    - { id: billing, name: Billing }\n',
  )
  .replace('queues: [sales, support]', 'queues: [sales, support, billing]')
  .replace('      - { queue: sales }\n', '      - { queue: billing }\n')
  .replace(
    '    shortAbandonSeconds: 5\n',
    [
      '    shortAbandonSeconds: 5',
      '    recontact:',
      '      afterAbandon: { probabilities: [0.8], delay: { dist: uniform, min: 20, max: 60 } }',
      '      afterUnsolved: { probability: 0.3, delay: { dist: uniform, min: 20, max: 60 } }',
      '      windowSeconds: 600',
      '',
    ].join('\n'),
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

  it('shows a queue reached only by transfers through its transferred-in KPIs (issue 12)', async () => {
    const billing = summary.kpis.total.queues.billing!;
    expect(billing.offered.mean).toBe(0);
    expect(billing.transferredIn.mean).toBeGreaterThan(0);
    const html = await renderSimulationReport(summary);
    const from = html.indexOf('aria-label="KPIs per queue"');
    const table = html.slice(from, html.indexOf('</table>', from));
    const row = table.slice(table.indexOf('<td>transferred in</td>'));
    // Columns support, sales, billing: billing's is the third cell after the label.
    const cells = [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].slice(0, 3).map((m) => m[1]);
    expect(cells[2]).toBe(withCi(billing.transferredIn, 'count'));

    const terminal = formatSimulationTable(summary).split('\n');
    expect(terminal.find((l) => l.startsWith('queue '))).toMatch(/ tr\. in$/);
    const billingRow = terminal.find((l) => l.startsWith('billing '))!.split(/\s+/);
    expect(billingRow.at(-1)).toBe(billing.transferredIn.mean!.toFixed(1));
  });

  it('shows FCR and the re-contact share per tenant and per queue (issue 12)', async () => {
    const total = summary.kpis.total;
    expect(total.recontacts!.mean).toBeGreaterThan(0);
    const terminal = formatSimulationTable(summary).split('\n');
    const start = terminal.findIndex((l) => l.startsWith('Re-contacts'));
    expect(start).toBeGreaterThan(0);
    const block = terminal.slice(start, terminal.indexOf('', start));
    for (const line of block) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(block[1]!.trim().split(/\s{2,}/)).toEqual(['re-cont.', 're-cont. %', 'FCR %']);
    const cells = (id: string) =>
      block
        .find((l) => l.startsWith(`${id} `))!
        .trim()
        .split(/\s+/);
    const pct = (v: number | null) => `${(v! * 100).toFixed(1)}%`;
    expect(cells('total')).toEqual([
      'total',
      total.recontacts!.mean!.toFixed(1),
      pct(total.recontactShare!.mean),
      pct(total.fcr!.mean),
    ]);
    const support = total.queues.support!;
    expect(cells('support')).toEqual([
      'support',
      support.recontacts!.mean!.toFixed(1),
      pct(support.recontactShare!.mean),
      pct(support.fcr!.mean),
    ]);

    const html = await renderSimulationReport(summary);
    const kpis = html.slice(
      html.indexOf('<section id="kpis"'),
      html.indexOf('</section>', html.indexOf('<section id="kpis"')),
    );
    for (const kpi of ['recontacts', 'recontactShare', 'fcr'] as const) {
      const entry = KPI_CATALOGUE[kpi];
      expect(kpis).toContain(
        `<td>${entry.label}</td><td class="num">${withCi(total[kpi]!, entry.unit)}</td>`,
      );
    }
    // Per queue: the queue table shows every catalogue KPI its sets have, these included.
    const from = html.indexOf('aria-label="KPIs per queue"');
    const table = html.slice(from, html.indexOf('</table>', from));
    expect(table).toContain(`<td>${KPI_CATALOGUE.fcr.label}</td>`);
    expect(table).toContain(`<td>${KPI_CATALOGUE.recontactShare.label}</td>`);
  });
});
