import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/**
 * Headless Chromium for the report tests: Debian's `chromium` at /usr/bin/chromium, driven by
 * playwright-core. Without the background-networking flags Chromium's own connections get
 * refused on a closed network; a fresh profile directory per launch.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

export function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1200, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ChartSeen {
  readonly id: string | null;
  readonly width: number;
  readonly height: number;
  /** Data marks (paths, rects, lines, circles under a vega `role-mark` group) with a size. */
  readonly marks: number;
  /** Legend entries drawn (labels under a vega `role-legend-label` group). */
  readonly legend: number;
}

/**
 * Opens a report file and returns what the page showed and what went wrong: console errors and
 * warnings, uncaught errors, any request that is not the file itself (the page's CSP turns a
 * fetch into a console error too), and the number of <script> elements.
 */
export async function inspectReport(
  context: BrowserContext,
  file: string,
  screenshot?: string,
): Promise<{ charts: ChartSeen[]; problems: string[]; scripts: number; sections: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      problems.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(`file://${resolve(file)}`, { waitUntil: 'load' });
  const charts = await page.$$eval('figure.chart', (figures) =>
    figures.map((f) => {
      const svg = f.querySelector(':scope > svg');
      const box = svg?.getBoundingClientRect();
      const marks = svg
        ? [
            ...svg.querySelectorAll(
              'g.role-mark > path, g.role-mark > rect, g.role-mark > line, g.role-mark > circle',
            ),
          ]
        : [];
      const drawn = marks.filter((m) => {
        const b = (m as unknown as { getBBox(): { width: number; height: number } }).getBBox();
        return (m.getAttribute('d') ?? 'x') !== '' && (b.width > 0 || b.height > 0);
      });
      const legend = svg ? svg.querySelectorAll('g.role-legend-label text').length : 0;
      return {
        id: f.getAttribute('data-chart'),
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marks: drawn.length,
        legend,
      };
    }),
  );
  const scripts = await page.$$eval('script', (s) => s.length);
  // The sections of <main> as laid out, top to bottom: what a reader meets first.
  const sections = await page.$$eval('main > section', (list) =>
    list
      .map((el) => ({ id: el.id, top: el.getBoundingClientRect().top }))
      .sort((a, b) => a.top - b.top)
      .map((x) => x.id),
  );
  if (screenshot) {
    await mkdir(join(screenshot, '..'), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  await page.close();
  return { charts, problems, scripts, sections };
}
