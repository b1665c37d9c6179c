import type { Browser, Page } from 'playwright-core';

/**
 * Opens a dashboard page (live URL or a saved file://) and collects what went wrong: console
 * errors and warnings (a CSP refusal is one), uncaught errors, and any request that leaves
 * `allowedPrefix` (the page must fetch nothing from elsewhere).
 */
export async function openDashboard(
  browser: Browser,
  url: string,
  allowedPrefix: string,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(allowedPrefix)) problems.push(`request: ${r.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** The number of rows a chart was last drawn with (its `data-points`). */
export async function chartPoints(page: Page, chart: string): Promise<number> {
  const value = await page.locator(`figure[data-chart="${chart}"]`).getAttribute('data-points');
  return Number(value ?? '0');
}

/** A headline tile's value (its `data-value`), NaN when empty. */
export async function tileValue(page: Page, tile: string): Promise<number> {
  const value = await page.locator(`[data-tile="${tile}"]`).getAttribute('data-value');
  return value === null || value === '' ? Number.NaN : Number(value);
}

/** Polls `check` (in Node, not in the page: the page's CSP refuses compiled predicates). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Data marks with a size drawn in a chart's SVG (what a reader sees). */
export async function drawnMarks(page: Page, chart: string): Promise<number> {
  return page.locator(`figure[data-chart="${chart}"] svg g.role-mark > path`).evaluateAll(
    (paths) =>
      paths.filter((p) => {
        const box = (p as unknown as { getBBox(): { width: number; height: number } }).getBBox();
        return (p.getAttribute('d') ?? '') !== '' && (box.width > 0 || box.height > 0);
      }).length,
  );
}
