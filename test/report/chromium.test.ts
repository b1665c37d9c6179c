import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cliHarness.js';
import { CHROMIUM, haveChromium, inspectReport, launchChromium } from './browser.js';

/**
 * The HTML reports opened in a real headless Chromium (Debian's `chromium` at /usr/bin/chromium,
 * driven by playwright-core): every chart's SVG is there, has a size on the page and holds data
 * marks with geometry, and the page logs no console error, throws nothing and requests nothing
 * from the network (the page's Content-Security-Policy would turn any fetch into a console
 * error). A full-page screenshot of the weekday report is saved to
 * reports/screenshots/weekday-report.png (git-ignored) for a human to look at.
 *
 * Skipped, with a message, only where /usr/bin/chromium is missing on a developer machine;
 * in CI (`CI=true`, where .ci/run installs it) a missing browser fails the test instead.
 */
const SCREENSHOT = 'reports/screenshots/weekday-report.png';

if (!haveChromium) {
  console.warn(
    `test/report/chromium.test.ts: ${CHROMIUM} not found, browser checks skipped (apt-get install chromium)`,
  );
}

describe('reports in headless Chromium', () => {
  it.runIf(!haveChromium && process.env.CI)('has Chromium in CI', () => {
    expect.fail(`${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
  });

  describe.runIf(haveChromium)('opened in the browser', () => {
    let dir: string;
    let context: BrowserContext;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'ccsim-chromium-'));
      context = await launchChromium(join(dir, 'profile'));
    }, 60_000);

    afterAll(async () => {
      await context?.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('renders every chart of the weekday simulation report', async () => {
      const out = 'reports/chromium/weekday';
      const r = await runCli([
        'simulate',
        'scenarios/whatsapp-weekday.yaml',
        '--replications',
        '4',
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const { charts, problems, scripts, sections } = await inspectReport(
        context,
        join(out, 'index.html'),
        SCREENSHOT,
      );
      expect(problems).toEqual([]);
      expect(scripts).toBe(0);
      // A planner reads the verdict first, before the KPI table and the per-interval table.
      expect(sections[0]).toBe('verdict');
      expect(sections.indexOf('kpis')).toBeLessThan(sections.indexOf('intervals'));
      expect(charts.map((c) => c.id)).toEqual([
        'arrivals-handled',
        'service-level',
        'queue',
        'agent-states',
        'wait-distribution',
        'events',
        'occupancy',
        // Where each queue stands (billing is reached by transfers only: nothing enters it
        // first, so it has no service-level chart), then the groups' occupancy.
        'queue-service-level-support',
        'queue-service-level-sales',
        'group-occupancy',
      ]);
      expect(sections.indexOf('intervals')).toBeLessThan(sections.indexOf('queues'));
      expect(sections.indexOf('queues')).toBeLessThan(sections.indexOf('groups'));
      for (const c of charts) {
        expect(c.width, c.id!).toBeGreaterThan(300);
        expect(c.height, c.id!).toBeGreaterThan(100);
        expect(c.marks, c.id!).toBeGreaterThan(0);
      }
      const html = await readFile(join(out, 'index.html'), 'utf8');
      expect(html).toContain('ccsim simulate scenarios/whatsapp-weekday.yaml --replications 4');
      expect(existsSync(SCREENSHOT)).toBe(true);
    });

    it('renders the staffing report', async () => {
      const scenario = join(dir, 'c1.yaml');
      const text = await readFile('scenarios/validation/erlang-c1.yaml', 'utf8');
      await writeFile(scenario, text.replace(/^ {2}intervals: 48$/m, '  intervals: 6'));
      const out = 'reports/chromium/staffing';
      const r = await runCli([
        'staff',
        scenario,
        '--target',
        '80/20',
        '--replications',
        '10',
        '--max-replications',
        '20',
        '--workers',
        '0',
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const { charts, problems } = await inspectReport(context, join(out, 'index.html'));
      expect(problems).toEqual([]);
      expect(charts.map((c) => c.id)).toEqual(['staffing-agents', 'staffing-service-level']);
      for (const c of charts) expect(c.marks, c.id!).toBeGreaterThan(0);
      // The agents chart names its four series: current, Erlang, required, scheduled.
      expect(charts[0]!.legend).toBe(4);
      const html = await readFile(join(out, 'index.html'), 'utf8');
      expect(html).toContain('<dt>uncertain</dt><dd>the simulation cannot tell');
    });
  });
});
