import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderRosterReport, rosterCharts } from '../../src/report/rosterReport.js';
import { renderSvg } from '../../src/report/vegaSvg.js';
import { rosterDocument, rosterRulesSchema, solveRoster } from '../../src/roster/index.js';
import { CHROMIUM, haveChromium, inspectReport, launchChromium } from './browser.js';

/** Issue 15: the roster report, self-contained, and what Debian's Chromium shows of it. */

async function rosterDoc() {
  const solution = await solveRoster({
    rules: rosterRulesSchema.parse({
      starts: [{ from: '08:00', to: '12:00', every: 30 }],
      shifts: [
        {
          id: 'day',
          minutes: 360,
          breaks: [
            { minutes: 30, earliest: 150, latest: 210, every: 30, paid: false, idleCode: 'lunch' },
          ],
        },
        { id: 'short', minutes: 240, breaks: [{ minutes: 15, earliest: 90, latest: 150 }] },
      ],
      groups: { sales: { costPerHour: 25 }, support: { costPerHour: 30, minAgents: 2 } },
    }),
    requirement: {
      startMinute: 8 * 60,
      intervalMinutes: 30,
      intervals: 20,
      groups: [
        { id: 'sales', agents: [1, 1, 2, 2, 3, 3, 4, 4, 4, 3, 3, 3, 3, 2, 2, 2, 1, 1, 1, 1] },
        { id: 'support', agents: [2, 3, 4, 5, 5, 6, 6, 6, 5, 5, 4, 4, 4, 4, 3, 3, 3, 2, 2, 1] },
      ],
    },
  });
  return rosterDocument(solution, {
    version: 'test',
    command: 'ccsim schedule x.yaml',
    source: 'code',
  });
}

describe('roster report', () => {
  it('is one page with the solve, both groups, their charts and roster tables, and no script', async () => {
    const doc = await rosterDoc();
    const html = await renderRosterReport(doc, { solveSeconds: 0.42 });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('data-report="roster"');
    expect(html).toContain('optimal within the relative gap');
    expect(html).toContain(', 0.42 s.');
    for (const id of ['roster-coverage-sales', 'roster-gantt-sales', 'roster-coverage-support']) {
      expect(html).toContain(`data-chart="${id}"`);
    }
    expect(html).toContain(`<td>${doc.shifts[0]!.start}</td>`);
    expect(html).toContain('lunch (unpaid)');
  });

  it('renders its charts without vega warnings', async () => {
    const doc = await rosterDoc();
    for (const group of doc.groups) {
      for (const chart of rosterCharts(doc, group.id)) {
        const { warnings } = await renderSvg(chart.spec);
        expect(warnings, chart.id).toEqual([]);
      }
    }
  });

  it('draws a legend on the coverage chart that names each line', async () => {
    const doc = await rosterDoc();
    const coverage = rosterCharts(doc, 'sales').find((c) => c.id === 'roster-coverage-sales')!;
    const { svg } = await renderSvg(coverage.spec);
    const legend = [...svg.matchAll(/role-legend-label"[^>]*><text[^>]*>([^<]*)<\/text>/g)].map(
      (m) => m[1],
    );
    expect(legend).toEqual([
      'on duty (fewest in the interval)',
      'on shift (breaks included)',
      'required',
    ]);
  });

  it.runIf(!haveChromium && process.env.CI)('has Chromium in CI', () => {
    expect.fail(`${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
  });

  it.runIf(haveChromium)(
    'shows every chart with data marks in headless Chromium, with no request and no error',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'ccsim-roster-report-'));
      const context = await launchChromium(join(dir, 'profile'));
      try {
        const file = join(dir, 'index.html');
        await writeFile(file, await renderRosterReport(await rosterDoc()));
        await mkdir('reports/screenshots', { recursive: true });
        const { charts, problems, scripts } = await inspectReport(
          context,
          file,
          'reports/screenshots/roster-report.png',
        );
        expect(problems).toEqual([]);
        expect(scripts).toBe(0);
        expect(charts.map((c) => c.id)).toEqual([
          'roster-coverage-sales',
          'roster-gantt-sales',
          'roster-coverage-support',
          'roster-gantt-support',
        ]);
        for (const chart of charts) {
          expect(chart.width, chart.id ?? '').toBeGreaterThan(100);
          expect(chart.height, chart.id ?? '').toBeGreaterThan(20);
          expect(chart.marks, chart.id ?? '').toBeGreaterThan(0);
        }
      } finally {
        await context.close();
        await rm(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
