import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveDashboard, startLiveDashboard } from '../../src/dashboard/index.js';
import type { ServerHandle } from '../../src/server/index.js';
import { launchBrowser, screenshot } from '../desktop/desktopBrowser.js';
import { CHROMIUM, haveChromium } from '../report/browser.js';
import { postSigned, start, webhookPayload } from '../server/fixtures.js';
import {
  chartPoints,
  drawnMarks,
  eventually,
  openDashboard,
  tileValue,
} from './dashboardBrowser.js';

/**
 * `ccsim serve --dashboard` (issue 17) in headless Chromium: the server samples itself once a
 * second, the page charts the points as the event stream brings them. Customers write through
 * signed webhooks while the page is open; nobody answers, so the queue grows.
 */

describe.runIf(haveChromium)(`serve dashboard in Chromium (${CHROMIUM})`, () => {
  let browser: Browser;
  let server: ServerHandle;
  let live: LiveDashboard;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await start({
      dashboard: {
        serviceLevel: { thresholdSeconds: 20, definition: 'offered', shortAbandonSeconds: 5 },
      },
    });
    const sampler = server.dashboard!;
    live = await startLiveDashboard({
      info: {
        source: 'serve',
        title: 'ccsim serve test',
        queues: [
          { id: 'sales', name: 'Sales' },
          { id: 'support', name: 'Support' },
        ],
        hasServer: true,
        hasLoad: false,
      },
      sources: { server: () => sampler.sample() },
    });
  });

  afterAll(async () => {
    await live?.close();
    await server?.close();
    await browser?.close();
  });

  it('shows queue lengths, agents, ack latency and throughput live, with nothing fetched elsewhere', async () => {
    expect(live.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const { page, problems } = await openDashboard(browser, live.url, live.url);
    await page.locator('#status[data-state="live"]').waitFor();
    let customers = 0;
    const writes = setInterval(() => {
      const n = ++customers;
      void postSigned(
        server,
        webhookPayload({
          from: `3161234${String(n).padStart(4, '0')}`,
          id: `wamid.dash-${n}`,
          text: 'hi',
        }),
      );
    }, 250);
    try {
      await eventually(async () => (await tileValue(page, 'throughput')) > 0, 'throughput > 0');
      // Two queues a point: several points of a growing queue.
      await eventually(async () => (await chartPoints(page, 'queues')) >= 8, 'queue points');
      await eventually(async () => (await tileValue(page, 'waiting')) >= 4, 'a queue that grows');
      // Three percentiles a step, two steps with webhooks at least.
      await eventually(async () => (await chartPoints(page, 'ack')) >= 6, 'ack percentiles');
    } finally {
      clearInterval(writes);
    }
    for (const chart of ['queues', 'agents', 'ack', 'throughput']) {
      expect(await drawnMarks(page, chart), chart).toBeGreaterThan(0);
    }
    // Server-only: no load-side chart.
    expect(await page.locator('figure[data-chart="checks"]').count()).toBe(0);
    await screenshot(page, 'reports/screenshots/dashboard-serve.png');
    expect(problems).toEqual([]);
  }, 40_000);
});
