import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import type { TenantConfig } from '../../src/core/index.js';
import type { ServerHandle } from '../../src/server/index.js';
import { CHROMIUM } from '../report/browser.js';
import { postSigned, start, TOKENS, tenant, webhookPayload } from '../server/fixtures.js';

/**
 * Drives the agent desktop page in Chromium against a real server on loopback: customers write
 * through signed webhooks, agents click and type in the page. Waits are on what the page shows,
 * bounded by a short default timeout so that a broken page fails fast.
 */

export const LAPTOP = { width: 1366, height: 768 };

/**
 * One headless Chromium for the file; each agent gets a context of its own (its own window), so
 * that two agents' pages are both in front: a background tab gets no animation frames, and
 * Playwright's clicks wait for them.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
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

export function startDesktopServer(overrides: Partial<TenantConfig> = {}): Promise<ServerHandle> {
  return start({ tenant: tenant(overrides) });
}

export interface AgentPage {
  readonly page: Page;
  readonly problems: string[];
  /** The pane of a conversation, by the text it holds (its title, a message...). */
  pane(text?: string): Locator;
  popover(): Locator;
  setState(value: string): Promise<void>;
  /** Resolves when the state selector shows this status (`data-status`). */
  waitStatus(status: string): Promise<void>;
}

/** Opens `/desktop` in a new tab, signs in with the agent's token and waits for the desktop. */
export async function openDesktop(
  browser: Browser,
  server: ServerHandle,
  agent: keyof typeof TOKENS,
): Promise<AgentPage> {
  const context = await browser.newContext({ viewport: LAPTOP });
  const page = await context.newPage();
  page.setDefaultTimeout(8000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith(server.wsUrl)) {
      problems.push(`request off the server: ${r.url()}`);
    }
  });
  await page.goto(`${server.url}/desktop`);
  await page.locator('#token').fill(TOKENS[agent]);
  await page.locator('#token').press('Enter');
  await page.locator('#desktop').waitFor({ state: 'visible' });
  // The token went by the socket, not by the URL (logs keep URLs).
  if (page.url() !== `${server.url}/desktop`) throw new Error(`the page moved to ${page.url()}`);
  const agentPage: AgentPage = {
    page,
    problems,
    pane: (text) =>
      text === undefined ? page.locator('.pane') : page.locator('.pane').filter({ hasText: text }),
    popover: () => page.locator('.popover'),
    setState: async (value) => {
      await page.locator('#state').selectOption(value);
    },
    waitStatus: async (status) => {
      await page.locator(`#state[data-status="${status}"]`).waitFor();
    },
  };
  return agentPage;
}

let nextMessage = 1;

/** A customer writes to a business number (pn-sales unless told), as WhatsApp delivers it. */
export async function customerWrites(
  server: ServerHandle,
  from: string,
  text: string,
  options: { name?: string; phoneNumberId?: string } = {},
): Promise<string> {
  const id = `wamid.desktop-${process.pid}-${nextMessage++}`;
  const res = await postSigned(server, webhookPayload({ from, id, text, ...options }));
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${res.text}`);
  return id;
}

export async function screenshot(page: Page, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path });
}

/** The option labels a listbox shows now. */
export function optionTexts(list: Locator): Promise<string[]> {
  return list.locator('option').allTextContents();
}

/**
 * Resolves when `selector` matches exactly `n` elements in the page. With locators, not
 * waitForFunction: its polled predicate is compiled in the page, which the page's CSP (no
 * 'unsafe-eval') refuses. The page replaces a list in one step, so the two waits see one list.
 */
export async function waitCount(page: Page, selector: string, n: number): Promise<void> {
  const all = page.locator(selector);
  if (n > 0) await all.nth(n - 1).waitFor({ state: 'attached' });
  await all.nth(n).waitFor({ state: 'detached' });
}
