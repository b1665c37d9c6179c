import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { noProgress } from '../../src/cli/progress.js';
import type { DashboardSnapshot } from '../../src/dashboard/index.js';
import { launchBrowser, screenshot } from '../desktop/desktopBrowser.js';
import { CHROMIUM, haveChromium } from '../report/browser.js';
import {
  chartPoints,
  drawnMarks,
  eventually,
  openDashboard,
  tileValue,
} from './dashboardBrowser.js';

/**
 * `ccsim loadtest --dashboard` (issue 17) in headless Chromium: the smoke scenario at 60x for 8 s
 * of real time against the reference deployment (started with its own dashboard, whose server
 * points the load test's pulls). The page, opened while the run goes, shows values that change;
 * after the run the saved dashboard.html renders its charts from file:// with nothing fetched.
 */

const SMOKE = 'scenarios/whatsapp-smoke.yaml';

/** `ccsim` in-process, with each stdout line passed on as it comes (the URL is needed mid-run). */
function runCliLive(argv: string[], onLine: (line: string) => void) {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  let pending = '';
  out.on('data', (chunk: Buffer) => {
    stdout += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) onLine(line);
  });
  err.on('data', (chunk: Buffer) => {
    stderr += chunk;
  });
  const input = new PassThrough();
  input.end();
  const io: CliIo = {
    stdin: input,
    stdout: out,
    stderr: err,
    env: {},
    isTTY: false,
    progress: noProgress,
  };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

describe.runIf(haveChromium)(`loadtest dashboard in Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('charts the run live (throughput > 0, a queue series of several points, leaks and loss) and saves it as a report that renders from file://', async () => {
    const out = await mkdtemp(join(tmpdir(), 'ccsim-loadtest-dashboard-'));
    let url: string | null = null;
    const done = runCliLive(
      [
        'loadtest',
        SMOKE,
        '--speed',
        '60',
        '--duration',
        '12s',
        '--dashboard',
        '--out',
        out,
        '--no-report',
      ],
      (line) => {
        const m = /^dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line);
        if (m) url = m[1]!;
      },
    );
    await eventually(async () => url !== null, 'the dashboard URL', 30_000);
    const { page, problems } = await openDashboard(browser, url!, url!);
    await page.locator('#status[data-state="live"]').waitFor();
    await eventually(async () => (await tileValue(page, 'throughput')) > 0, 'throughput > 0');
    // Two queues a point: several points of the deployment's queues.
    await eventually(async () => (await chartPoints(page, 'queues')) >= 10, 'queue points');
    await eventually(async () => (await chartPoints(page, 'checks')) >= 6, 'leak/unseen points');
    const liveAgents = await chartPoints(page, 'agents');
    await eventually(
      async () => (await chartPoints(page, 'agents')) > liveAgents,
      'the agents chart growing',
    );
    for (const chart of ['queues', 'agents', 'ack', 'throughput', 'checks']) {
      expect(await drawnMarks(page, chart), chart).toBeGreaterThan(0);
    }
    // Both sides' ack percentiles.
    const series = await page
      .locator('figure[data-chart="ack"] svg g.role-legend-label text')
      .allTextContents();
    expect(series).toEqual(expect.arrayContaining(['server p99', 'client p99']));
    await screenshot(page, 'reports/screenshots/dashboard-loadtest.png');

    const result = await done;
    expect([0, 99], result.stderr).toContain(result.code);
    const saved = join(out, 'dashboard.html');
    expect(result.stdout).toContain(`  dashboard: ${saved}`);
    // The page heard the end.
    await page.locator('#status[data-state="done"]').waitFor();
    expect(await tileValue(page, 'lost')).toBe(0);
    expect(await tileValue(page, 'leaks')).toBe(0);
    expect(problems).toEqual([]);

    const html = await readFile(saved, 'utf8');
    const inlined = JSON.parse(
      /<script type="application\/json" id="dashboard-data">(.*?)<\/script>/s.exec(html)![1]!,
    ) as DashboardSnapshot;
    expect(inlined).toMatchObject({ kind: 'ccsim-dashboard', source: 'loadtest', done: true });
    expect(inlined.final).toMatchObject({ lost: 0, leaks: 0 });
    expect(inlined.server.length).toBeGreaterThan(5);
    expect(inlined.load.length).toBeGreaterThan(5);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    // The dashboard's load points add up to the run's own counters.
    expect(inlined.load.reduce((s, p) => s + p.acked, 0)).toBe(summary.metrics.webhook_acks.count);

    expect(existsSync(saved)).toBe(true);
    const file = await openDashboard(browser, `file://${resolve(saved)}`, 'file://');
    await file.page.locator('body[data-rendered]').waitFor({ state: 'attached' });
    for (const chart of [
      'queues',
      'serviceLevel',
      'agents',
      'ack',
      'throughput',
      'errors',
      'checks',
    ]) {
      expect(await file.page.locator(`figure[data-chart="${chart}"] svg`).count(), chart).toBe(1);
    }
    expect(await drawnMarks(file.page, 'queues')).toBeGreaterThan(0);
    expect(await tileValue(file.page, 'lost')).toBe(0);
    expect(file.problems).toEqual([]);
    await screenshot(file.page, 'reports/screenshots/dashboard-report.png');
    await rm(out, { recursive: true, force: true });
  }, 60_000);
});
