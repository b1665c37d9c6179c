import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../../src/server/index.js';
import { CHROMIUM, haveChromium } from '../report/browser.js';
import { AgentClient, admin } from '../server/fixtures.js';
import {
  type AgentPage,
  customerWrites,
  launchBrowser,
  openDesktop,
  optionTexts,
  screenshot,
  startDesktopServer,
  waitCount,
} from './desktopBrowser.js';

/**
 * The agent desktop page (issue 17) in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core), against a real server on 127.0.0.1: customers write through signed webhooks,
 * agents sign in, click and type in the page. One browser for the file, one server per test.
 * Screenshots at 1366x768 land in reports/screenshots/ (git-ignored; docs/images/desktop.png is a
 * copy for the README).
 */

if (!haveChromium) {
  console.warn(`test/desktop/desktop.test.ts: ${CHROMIUM} not found, browser tests skipped`);
}

describe('agent desktop in Chromium', () => {
  it.runIf(!haveChromium && process.env.CI)('has Chromium in CI', () => {
    expect.fail(`${CHROMIUM} is missing: .ci/run installs it with apt-get install -y chromium`);
  });

  describe.runIf(haveChromium)('in the browser', () => {
    let browser: Browser;
    let server: ServerHandle | undefined;
    const pages: AgentPage[] = [];

    beforeAll(async () => {
      browser = await launchBrowser();
    }, 60_000);

    afterEach(async () => {
      for (const p of pages.splice(0)) {
        expect(p.problems).toEqual([]);
        await p.page.context().close();
      }
      await server?.close();
      server = undefined;
    });

    afterAll(async () => {
      await browser?.close();
    });

    async function open(agent: 'ann' | 'bob' | 'cat'): Promise<AgentPage> {
      const p = await openDesktop(browser, server!, agent);
      pages.push(p);
      return p;
    }

    it('signs in, accepts before the timer runs out, replies within 4096 characters, transfers to a searched queue and wraps up with a searched reason (R1, R2, R5, R6, R7, R14, R16, R20)', async () => {
      server = await startDesktopServer();
      const ann = await open('ann');
      const { page } = ann;
      await ann.waitStatus('LoggedOut');
      await expect(page.locator('#agent-name').textContent()).resolves.toBe('Ann Smith');
      await ann.setState('Available');
      await ann.waitStatus('Available');

      await customerWrites(server, '447966197542', 'Hi, my card was charged twice', {
        name: 'Melissa Jones',
      });
      const popover = ann.popover();
      await popover.waitFor();
      await expect(popover.locator('.customer-name').textContent()).resolves.toBe('Melissa Jones');
      await expect(popover.locator('.customer-number').textContent()).resolves.toBe(
        '+447966197542',
      );
      await expect(popover.locator('.source-number').textContent()).resolves.toBe(
        '+31 20 555 0100',
      );
      await expect(popover.locator('.queue-name').textContent()).resolves.toBe('Sales');
      expect(await popover.locator('.timer').textContent()).toMatch(/^00:0\d$/);
      // 30 s RONA timeout: the countdown shows what is left of it.
      const left = Number((await popover.locator('.left').textContent())!.split(' ')[0]);
      expect(left).toBeGreaterThan(20);
      expect(left).toBeLessThanOrEqual(30);
      await popover.getByRole('button', { name: 'Accept', exact: true }).click();

      const pane = ann.pane('Hi, my card was charged twice');
      await pane.waitFor();
      await expect(popover.count()).resolves.toBe(0);
      await expect(pane.locator('.msg.customer .initials').textContent()).resolves.toBe('MJ');
      await expect(pane.locator('.badge').textContent()).resolves.toBe('Active');
      await expect(page.locator('.task-active .task-title').textContent()).resolves.toBe(
        '+447966197542',
      );

      // The composer takes 4096 characters and refuses the 4097th.
      const composer = pane.locator('textarea');
      await expect(composer.getAttribute('placeholder')).resolves.toBe('Reply to +447966197542');
      await composer.fill('x'.repeat(4095));
      await composer.press('End');
      await page.keyboard.type('y');
      await expect(pane.locator('.count').textContent()).resolves.toBe('4096 / 4096');
      await page.keyboard.type('z');
      await expect(composer.inputValue()).resolves.toBe(`${'x'.repeat(4095)}y`);
      await expect(pane.locator('.count').textContent()).resolves.toBe('4096 / 4096');
      expect(await pane.locator('.composer-error').textContent()).toContain('4096');
      // The server refuses it too, whoever sends it.
      const direct = await AgentClient.login(server, 'ann');
      const conversationId = (await pane.getAttribute('data-conversation'))!;
      const refused = await direct.request({
        type: 'send',
        conversationId,
        text: 'x'.repeat(4097),
      });
      expect(refused.code).toBe('MESSAGE_TOO_LONG');
      await direct.close();

      // Enter sends; Shift+Enter is a new line.
      await composer.fill('');
      await composer.type('Sorry to hear that.');
      await composer.press('Shift+Enter');
      await composer.type('Let me check.');
      await composer.press('Enter');
      const own = pane.locator('.msg.agent.own');
      await own.waitFor();
      await expect(own.locator('.text').textContent()).resolves.toBe(
        'Sorry to hear that.\nLet me check.',
      );
      // The page empties the composer when the send's reply comes, which may be after the
      // message frame that drew the balloon: wait for it rather than read it once.
      await expect.poll(() => composer.inputValue()).toBe('');
      const outbox = (await admin(server, '/admin/outbound?status=held')).json();
      expect(outbox.messages.map((m: { text: string }) => m.text)).toEqual([
        'Sorry to hear that.\nLet me check.',
      ]);
      await screenshot(page, 'reports/screenshots/desktop.png');

      // Transfer to a queue found by the search filter; Enter takes the one it leaves.
      await pane.getByRole('button', { name: 'Transfer', exact: true }).click();
      const dialog = page.locator('#target-dialog');
      await dialog.waitFor();
      const list = dialog.locator('select');
      await list.locator('option').nth(1).waitFor();
      expect(await optionTexts(list)).toHaveLength(2);
      await dialog.getByRole('button', { name: 'Refresh', exact: true }).click();
      await dialog.getByLabel('Search').fill('sup');
      await waitCount(page, '#target-dialog option', 1);
      expect((await optionTexts(list))[0]).toMatch(/^Support/);
      await dialog.getByLabel('Search').press('Enter');
      await dialog.waitFor({ state: 'hidden' });

      // R16: the transferring agent gets the wrap-up form.
      await expect(pane.locator('.badge').textContent()).resolves.toBe('Wrap-up');
      await expect(pane.locator('textarea').isVisible()).resolves.toBe(false);
      const wrapUp = pane.locator('.wrapup');
      await wrapUp.getByLabel('Search').fill('follow');
      await waitCount(page, '.wrapup option', 1);
      expect(await optionTexts(wrapUp.locator('select'))).toEqual(['Needs follow-up']);
      await wrapUp.getByRole('button', { name: 'Submit wrap-up', exact: true }).click();
      await pane.waitFor({ state: 'detached' });
      await expect(page.locator('#history .tile').textContent()).resolves.toBe('+447966197542');

      const agents = (await admin(server, '/admin/agents')).json().agents;
      const annNow = agents.find((a: { agentId: string }) => a.agentId === 'ann');
      expect(annNow.wrapUps).toEqual([]);
      const stillOpen = (await admin(server, '/admin/conversations')).json().conversations;
      expect(stillOpen).toHaveLength(1);
      expect(stillOpen[0].queueId).toBe('support');
    });

    /** Picks the reason the search leaves and submits it; resolves when the pane is gone. */
    async function wrapUpWith(p: AgentPage, paneText: string, search: string, reason: string) {
      const pane = p.pane(paneText);
      const wrapUp = pane.locator('.wrapup');
      await wrapUp.waitFor();
      await wrapUp.getByLabel('Search').fill(search);
      await waitCount(
        p.page,
        `[data-conversation="${await pane.getAttribute('data-conversation')}"] .wrapup option`,
        1,
      );
      expect(await optionTexts(wrapUp.locator('select'))).toEqual([reason]);
      await wrapUp.getByLabel('Search').press('Enter');
      await pane.waitFor({ state: 'detached' });
    }

    it('runs a conference: the consulted agent joins ("joined", state Conference), leaves; the owner ends the conference and the conversation (R17, R18, R19, R20)', async () => {
      server = await startDesktopServer();
      const ann = await open('ann');
      const bob = await open('bob');
      await ann.setState('Available');
      await ann.waitStatus('Available');
      await customerWrites(server, '447700900123', 'Can someone from sales help?', {
        name: 'Tom Baker',
      });
      await ann.popover().getByRole('button', { name: 'Accept', exact: true }).click();
      const annPane = ann.pane('Can someone from sales help?');
      await annPane.waitFor();
      await bob.setState('Available');
      await bob.waitStatus('Available');
      // A third agent, Available on a plain socket, so that the search has something to leave out.
      const cat = await AgentClient.login(server, 'cat');
      await cat.ok({ type: 'setState', status: 'Available' });

      // Invite an agent: the dialog lists the available agents, not yourself.
      const invite = async (first: boolean) => {
        await annPane.getByRole('button', { name: 'Conference', exact: true }).click();
        const dialog = ann.page.locator('#target-dialog');
        await dialog.waitFor();
        await dialog.getByRole('radio', { name: 'Agent' }).check();
        await waitCount(ann.page, '#target-dialog option', 2);
        if (first) {
          expect(await optionTexts(dialog.locator('select'))).toEqual([
            'Bob Jones (2 free)',
            'Cat Lee (2 free)',
          ]);
        }
        await dialog.getByLabel('Search').fill('bob');
        await waitCount(ann.page, '#target-dialog option', 1);
        await dialog.getByRole('button', { name: 'Conference', exact: true }).click();
        await dialog.waitFor({ state: 'hidden' });
        await annPane.locator('.notice', { hasText: 'Conference requested' }).waitFor();
      };
      await invite(true);
      const invitation = bob.popover();
      await invitation.waitFor();
      await expect(invitation.locator('.kind').textContent()).resolves.toBe(
        'Conference invitation',
      );
      await expect(invitation.locator('.from').textContent()).resolves.toBe('from Ann Smith');
      await invitation.getByRole('button', { name: 'Accept', exact: true }).click();

      await annPane
        .locator('.msg.system', { hasText: 'Bob Jones joined the conversation' })
        .waitFor();
      await expect(annPane.locator('.badge').textContent()).resolves.toBe('Conference');
      await expect(annPane.locator('.notice').textContent()).resolves.toBe(
        'Agent joined: Conference',
      );
      const bobPane = bob.pane('Can someone from sales help?');
      await expect(bobPane.locator('.badge').textContent()).resolves.toBe('Conference');
      // The consulted agent sees the owner's buttons gone and Leave conference there.
      await expect(
        bobPane.getByRole('button', { name: 'Transfer', exact: true }).isVisible(),
      ).resolves.toBe(false);
      await bobPane.locator('textarea').fill('Hello from sales.');
      await bobPane.locator('textarea').press('Enter');
      await annPane.locator('.msg.agent:not(.own)', { hasText: 'Hello from sales.' }).waitFor();
      await screenshot(ann.page, 'reports/screenshots/desktop-conference.png');

      await bobPane.getByRole('button', { name: 'Leave conference', exact: true }).click();
      await bobPane.locator('.wrapup-cause', { hasText: 'You left the conference' }).waitFor();
      await annPane
        .locator('.msg.system', { hasText: 'Bob Jones left the conversation' })
        .waitFor();
      await expect(annPane.locator('.badge').textContent()).resolves.toBe('Active');
      await wrapUpWith(bob, 'Can someone from sales help?', 'res', 'Resolved');

      // Again, and this time the owner ends the conference: the consulted agent is released.
      await invite(false);
      await bob.popover().getByRole('button', { name: 'Accept', exact: true }).click();
      await expect(
        annPane.locator('.badge', { hasText: 'Conference' }).waitFor(),
      ).resolves.toBeUndefined();
      await annPane.getByRole('button', { name: 'End conference', exact: true }).click();
      await bobPane
        .locator('.wrapup-cause', { hasText: 'The owner ended the conference' })
        .waitFor();
      await annPane.locator('.badge', { hasText: 'Active' }).waitFor();
      await wrapUpWith(bob, 'Can someone from sales help?', 'res', 'Resolved');

      // The owner ends the conversation and wraps up: its record is final.
      await annPane.getByRole('button', { name: 'End', exact: true }).click();
      await annPane.locator('.wrapup-cause', { hasText: 'Conversation ended' }).waitFor();
      await wrapUpWith(ann, 'Can someone from sales help?', 'res', 'Resolved');
      const records = (await admin(server, '/admin/records')).json();
      expect(records.total).toBe(1);
      expect(records.records[0].conferenceCount).toBe(2);
      expect(records.records[0].wrapUpReason).toBe('resolved');
      await cat.close();
    });

    it('goes to RONA when the timer runs out, and back to Available by hand (R3, R4)', async () => {
      server = await startDesktopServer({ ronaTimeoutMs: 3000 });
      const ann = await open('ann');
      await ann.setState('Available');
      await ann.waitStatus('Available');
      await customerWrites(server, '447700900456', 'anyone there?');
      await ann.popover().waitFor();
      await ann.waitStatus('RONA');
      await ann.popover().waitFor({ state: 'detached' });
      const state = ann.page.locator('#state');
      await expect(state.locator('option:checked').textContent()).resolves.toBe('RONA');
      await ann.page
        .locator('#notifications .note-preview', { hasText: 'Not accepted in time (RONA)' })
        .waitFor();
      // RONA stays: no offer comes while in it, though the customer still waits.
      await new Promise((r) => setTimeout(r, 300));
      await expect(ann.popover().count()).resolves.toBe(0);
      await ann.setState('Available');
      await ann.waitStatus('Available');
      // The conversation went back to its queue and is offered again.
      await ann.popover().waitFor();
      await ann.popover().getByRole('button', { name: 'Accept', exact: true }).click();
      await ann.pane('anyone there?').waitFor();
    });

    it('shows the asset-deleted warning: sending stops, End and wrap-up still work (R8)', async () => {
      server = await startDesktopServer();
      const ann = await open('ann');
      await ann.setState('Available');
      await ann.waitStatus('Available');
      await customerWrites(server, '447700900789', 'my order is late');
      await ann.popover().getByRole('button', { name: 'Accept', exact: true }).click();
      const pane = ann.pane('my order is late');
      await pane.waitFor();
      await pane.locator('textarea').fill('Let me look.');
      await pane.locator('textarea').press('Enter');
      await pane.locator('.msg.agent.own').waitFor();

      const deleted = await admin(server, '/admin/assets/pn-sales', 'DELETE');
      expect(deleted.status).toBe(200);
      const warning = pane.locator('.warning');
      await warning.waitFor();
      expect(await warning.textContent()).toContain('deleted by an administrator');
      await expect(pane.locator('.badge').textContent()).resolves.toBe('Interrupted');
      await expect(pane.locator('textarea').isDisabled()).resolves.toBe(true);
      await expect(
        pane.getByRole('button', { name: 'Send', exact: true }).isDisabled(),
      ).resolves.toBe(true);
      await expect(
        pane.getByRole('button', { name: 'Transfer', exact: true }).isVisible(),
      ).resolves.toBe(false);
      // The server refuses a reply too.
      const direct = await AgentClient.login(server, 'ann');
      const refused = await direct.request({
        type: 'send',
        conversationId: await pane.getAttribute('data-conversation'),
        text: 'still there?',
      });
      expect(refused.code).toBe('CONVERSATION_INTERRUPTED');
      await direct.close();
      await screenshot(ann.page, 'reports/screenshots/desktop-asset-deleted.png');

      await pane.getByRole('button', { name: 'End', exact: true }).click();
      await wrapUpWith(ann, 'my order is late', 'res', 'Resolved');
      const records = (await admin(server, '/admin/records')).json();
      expect(records.records.map((r: { interrupted: boolean }) => r.interrupted)).toEqual([true]);
      const outbox = (await admin(server, '/admin/outbound?status=held')).json();
      expect(outbox.messages.map((m: { text: string }) => m.text)).toEqual(['Let me look.']);
    });

    it('shows the not-accepted outcomes: a transfer the server refuses stays in the dialog, Refresh asks again, a conference invitation that runs out says so (R14, R15, R17)', async () => {
      server = await startDesktopServer({ ronaTimeoutMs: 3000 });
      // A wrong token: the page says so, and the token never reaches the URL.
      const stranger = await browser.newContext();
      const signIn = await stranger.newPage();
      await signIn.goto(`${server.url}/desktop`);
      await signIn.locator('#token').fill('not-a-token');
      await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
      await signIn.locator('#signin-error', { hasText: 'not an agent token' }).waitFor();
      expect(signIn.url()).toBe(`${server.url}/desktop`);
      await stranger.close();
      const ann = await open('ann');
      await ann.setState('Available');
      await ann.waitStatus('Available');
      await customerWrites(server, '447700900321', 'I need a manager');
      await ann.popover().getByRole('button', { name: 'Accept', exact: true }).click();
      const pane = ann.pane('I need a manager');
      await pane.waitFor();
      const bob = await AgentClient.login(server, 'bob');
      await bob.ok({ type: 'setState', status: 'Available' });

      // The dialog lists Bob; Bob leaves before the click: the refusal shows, the dialog stays.
      await pane.getByRole('button', { name: 'Transfer', exact: true }).click();
      const dialog = ann.page.locator('#target-dialog');
      await expect(ann.page.evaluate('document.activeElement.type')).resolves.toBe('search');
      await dialog.getByRole('radio', { name: 'Agent' }).check();
      await waitCount(ann.page, '#target-dialog option', 1);
      await dialog.locator('select').selectOption({ index: 0 });
      await bob.ok({ type: 'setState', status: 'LoggedOut' });
      await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();
      await dialog.locator('.form-error', { hasText: 'TARGET_AGENT_UNAVAILABLE' }).waitFor();
      await expect(dialog.isVisible()).resolves.toBe(true);
      await dialog.getByRole('button', { name: 'Refresh', exact: true }).click();
      await waitCount(ann.page, '#target-dialog option', 0);
      await dialog.locator('.list-status', { hasText: 'Nothing matches.' }).waitFor();
      // Escape closes it and gives the focus back to the pane's Transfer button.
      await ann.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      await expect(ann.page.evaluate('document.activeElement.textContent')).resolves.toBe(
        'Transfer',
      );

      // A conference invitation Bob does not answer: Bob goes to RONA, Ann is told.
      await bob.ok({ type: 'setState', status: 'Available' });
      await pane.getByRole('button', { name: 'Conference', exact: true }).click();
      await dialog.getByRole('radio', { name: 'Agent' }).check();
      await waitCount(ann.page, '#target-dialog option', 1);
      await dialog.getByLabel('Search').press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await pane.locator('.notice', { hasText: 'Conference requested' }).waitFor();
      await pane
        .locator('.notice', { hasText: 'Conference not accepted: Not accepted in time (RONA)' })
        .waitFor();
      await expect(pane.locator('.badge').textContent()).resolves.toBe('Active');
      await ann.page
        .locator('#notifications .note-preview', { hasText: 'Conference not accepted' })
        .waitFor();
      await bob.close();
    });

    /**
     * Everything the page holds as text: the serialized DOM, every attribute value as the page
     * set it (tooltips, aria labels, data attributes), the values of inputs, text areas and
     * selects (not in the markup), the document title and the tab's storage.
     */
    async function everythingShown(p: AgentPage): Promise<string> {
      return p.page.evaluate(`(() => {
        const parts = [document.documentElement.outerHTML, document.title];
        for (const el of document.querySelectorAll('*')) {
          for (const a of el.attributes) parts.push(a.name + '=' + a.value);
          if ('value' in el && typeof el.value === 'string') parts.push(el.value);
          if (el.title) parts.push(el.title);
        }
        for (let i = 0; i < sessionStorage.length; i++) parts.push(sessionStorage.getItem(sessionStorage.key(i)));
        for (let i = 0; i < localStorage.length; i++) parts.push(localStorage.getItem(localStorage.key(i)));
        return parts.join('\\n');
      })()`);
    }

    it('with masking on, shows no unmasked secret anywhere in the DOM: text, titles, attributes, values (R9-R13, Table 1, MASKING.md)', async () => {
      server = await startDesktopServer({ masking: { enabled: true } });
      const ann = await open('ann');
      await ann.setState('Available');
      await ann.waitStatus('Available');
      // R13: a customer whose name is their number; the popover, pane and tiles mask it.
      const wamids = [
        await customerWrites(server, '447966197542', 'my number is +447966197542', {
          name: '+447966197542',
        }),
      ];
      await ann.popover().waitFor();
      await expect(ann.popover().locator('.customer-name').textContent()).resolves.toBe(
        '*********7542',
      );
      await expect(ann.popover().locator('.customer-number').textContent()).resolves.toBe(
        '*********7542',
      );
      await expect(ann.popover().locator('.source-number').textContent()).resolves.toBe(
        '********0100',
      );
      await ann.popover().getByRole('button', { name: 'Accept', exact: true }).click();
      const first = ann.pane('my number is');
      await first.waitFor();
      const examples = [
        'call me at 07966 197542',
        'or +1-202-555-0143',
        'card 4111 1111 1111 1111',
        'IBAN DE89 3704 0044 0532 0130 00',
        'ssn 123-45-6789',
        'mail john.doe+tag@mail.example.co.uk',
      ];
      for (const text of examples) wamids.push(await customerWrites(server, '447966197542', text));
      await waitCount(
        ann.page,
        `.pane[data-conversation="${await first.getAttribute('data-conversation')}"] .msg.customer`,
        7,
      );
      await first.locator('textarea').fill('Thanks, I have what I need.');
      await first.locator('textarea').press('Enter');
      await first.locator('.msg.agent.own').waitFor();
      await first.getByRole('button', { name: 'End', exact: true }).click();
      await wrapUpWith(ann, 'my number is', 'res', 'Resolved');
      await ann.page.locator('#history .tile').waitFor();

      // Table 1's other two examples, in a second conversation that stays open.
      wamids.push(
        await customerWrites(
          server,
          '11234567890',
          'write to melissa@gmail.com or call + 1 (123) 456 7890',
          {
            name: 'Anna Berg',
          },
        ),
      );
      await ann.popover().getByRole('button', { name: 'Accept', exact: true }).click();
      const second = ann.pane('write to');
      await second.waitFor();
      // The dialogs and the wrap-up list are in the DOM too.
      await second.getByRole('button', { name: 'Transfer', exact: true }).click();
      await ann.page.locator('#target-dialog option').first().waitFor();
      await ann.page.keyboard.press('Escape');
      await ann.page.locator('#target-dialog').waitFor({ state: 'hidden' });

      const secrets = [
        '+ 1 (123) 456 7890',
        '1234567890',
        '+447966197542',
        '447966197542',
        '7966197542',
        '07966 197542',
        '07966197542',
        'melissa@gmail.com',
        'melissa',
        '+1-202-555-0143',
        '202-555-0143',
        '2025550143',
        '4111 1111 1111 1111',
        '4111111111111111',
        'DE89 3704 0044 0532 0130 00',
        'DE89370400440532013000',
        '123-45-6789',
        '123456789',
        'john.doe+tag@mail.example.co.uk',
        'john.doe',
        '+31 20 555 0100',
        '31205550100',
        ...wamids,
      ];
      const masked = [
        '*********7542',
        'my number is *********7542',
        'call me at *******7542',
        'or ***********0143',
        'card ************1111',
        'IBAN ******************3000',
        'ssn *******6789',
        'mail j***********@mail.example.co.uk',
        'write to m******@gmail.com or call **********7890',
      ];
      const check = async (masked: readonly string[]) => {
        const shown = await everythingShown(ann);
        const squeezed = shown.replace(/\s+/g, '');
        for (const secret of secrets) {
          expect(shown, secret).not.toContain(secret);
          expect(squeezed, secret).not.toContain(secret.replace(/\s+/g, ''));
        }
        // The page does show the masked values: this check looks where the values are.
        for (const text of masked) expect(shown, text).toContain(text);
        expect(shown).toMatch(/data-conversation="c\d+"/);
      };
      await check(masked);
      await screenshot(ann.page, 'reports/screenshots/desktop-masked.png');
      // After a reload the snapshot rebuilds the desktop: as masked.
      await ann.page.reload();
      await ann.pane('write to').waitFor();
      // Notifications and history are the page's own memory: the open conversation is what is back.
      await check(masked.slice(-1));
    });
  });
});
