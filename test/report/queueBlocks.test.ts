import { describe, expect, it } from 'vitest';
import { runReplications } from '../../sim/pool.js';
import { summarizeRun } from '../../sim/summary.js';
import { formatSimulationTable } from '../../src/report/index.js';
import { loadScenario } from '../../src/scenario/index.js';

const smoke = await loadScenario('scenarios/whatsapp-smoke.yaml');
const results = await runReplications(smoke, { replications: 2, workers: 0 });
const summary = summarizeRun(smoke, results, {
  version: '9.9.9',
  request: { file: 'scenarios/whatsapp-smoke.yaml', replications: 2 },
  seed: 1,
});

/** The lines from a block's title to the next empty line. */
function block(text: string, title: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(title));
  expect(start, title).toBeGreaterThan(0);
  const end = lines.indexOf('', start);
  return lines.slice(start, end);
}

describe('the terminal table: per-queue and per-group blocks', () => {
  const text = formatSimulationTable(summary);
  const queues = block(text, 'Per queue');
  const groups = block(text, 'Per agent group');

  it('fit in 80 columns', () => {
    for (const line of [...queues, ...groups]) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it("show each queue's KPIs and verdict, each group's time and handling", () => {
    expect(queues[1]!.split(/\s+/)).toEqual([
      'queue',
      'offered',
      'SL',
      '%',
      'ASA',
      's',
      'P(wait)',
      'abandon',
      'AHT',
      's',
      'transfers',
      'tr.',
      'in',
    ]);
    const sales = summary.kpis.total.queues.sales!;
    const row = queues.find((l) => l.startsWith('sales '))!.split(/\s+/);
    expect(row).toEqual([
      'sales',
      sales.offered.mean!.toFixed(1),
      `${(sales.serviceLevel.mean! * 100).toFixed(1)}%`,
      sales.asa.mean!.toFixed(1),
      `${(sales.probabilityWait.mean! * 100).toFixed(1)}%`,
      `${(sales.abandonRate.mean! * 100).toFixed(1)}%`,
      sales.aht.mean!.toFixed(1),
      sales.transfers.mean!.toFixed(1),
      sales.transferredIn.mean!.toFixed(1),
    ]);
    expect(queues.join(' ')).toMatch(/sales: SL = answered within 60 s \/ offered; target 80\.0%/);
    const support = summary.kpis.total.groups.support!;
    expect(groups.find((l) => l.startsWith('support '))!.split(/\s+/)).toEqual([
      'support',
      `${(support.occupancy.mean! * 100).toFixed(1)}%`,
      support.staffedAgents.mean!.toFixed(1),
      support.availableAgents.mean!.toFixed(1),
      support.handled.mean!.toFixed(1),
      support.aht.mean!.toFixed(1),
    ]);
  });

  it('a summary from before per-queue KPIs prints the totals alone', () => {
    const strip = <T extends object>(set: T) => ({ ...set, queues: {}, groups: {} });
    const old = {
      ...summary,
      queueVerdicts: undefined,
      kpis: {
        ...summary.kpis,
        total: strip(summary.kpis.total),
        intervals: summary.kpis.intervals.map(strip),
      },
    };
    const oldText = formatSimulationTable(old);
    expect(oldText).not.toContain('Per queue');
    expect(oldText).toContain('arrivals ');
  });
});
