import { afterEach, describe, expect, it } from 'vitest';
import type { ServerHandle, ServerOptions } from '../../src/server/index.js';
import { limitText } from '../../src/server/webhookPayload.js';
import {
  AgentClient,
  admin,
  postSigned,
  start,
  tenant,
  until,
  webhookPayload,
} from './fixtures.js';

/**
 * Issue 16, item 4: WhatsApp's limits and bounded memory. Inbound texts are cut at WhatsApp's
 * 4096 characters, frames to agents are capped (snapshots paged), and what an open conversation
 * and a queue hold is capped, each with a documented answer.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(overrides: Partial<ServerOptions> = {}): Promise<ServerHandle> {
  const s = await start(overrides);
  cleanups.push(() => s.close());
  return s;
}

async function login(s: ServerHandle, agentId: 'ann' | 'bob' | 'cat'): Promise<AgentClient> {
  const client = await AgentClient.login(s, agentId);
  cleanups.push(() => client.close());
  return client;
}

const text = (from: string, id: string, body: string, phoneNumberId = 'pn-sales') =>
  webhookPayload({ from, id, text: body, phoneNumberId });

describe('inbound texts: cut at 4096 characters', () => {
  it('limitText keeps the first 4095 characters and "…"; 4096 fit; emoji count as one', () => {
    expect(limitText('x'.repeat(4096), 4096)).toBeNull();
    expect(limitText('x'.repeat(4097), 4096)).toBe(`${'x'.repeat(4095)}\u2026`);
    const emoji = '\u{1F600}';
    expect(limitText(emoji.repeat(4096), 4096)).toBeNull();
    const cut = limitText(emoji.repeat(4097), 4096)!;
    expect([...cut]).toHaveLength(4096);
    expect(cut.endsWith(`${emoji}\u2026`)).toBe(true);
  });

  it('ten 1M-character messages: the acks count them cut, and the agent logs in again and again', async () => {
    const s = await server({ limits: { bodyLimitBytes: 2 * 1024 * 1024 } });
    const ann = await login(s, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    const ack = await postSigned(s, text('447700900001', 'w0', 'first'));
    expect(ack.json().truncated).toBe(0);
    const offer = await ann.event('offer');
    await ann.ok({ type: 'accept', conversationId: offer.conversationId });
    for (let i = 1; i <= 10; i++) {
      const r = await postSigned(s, text('447700900001', `w${i}`, 'y'.repeat(1_000_000)));
      expect(r.json()).toMatchObject({ received: 1, truncated: 1 });
    }
    await until(() =>
      ann.events.filter((e) => e.type === 'message').length >= 10 ? true : undefined,
    );
    // The issue: every reconnect got a 10.4 MB auth.ok and was closed with 1013.
    for (let i = 0; i < 3; i++) {
      const again = await AgentClient.connect(s.wsUrl);
      const raw: string[] = [];
      again.ws.on('message', (d) => raw.push(d.toString()));
      const auth = await again.request({ type: 'auth', token: 'token-ann-0001' });
      expect(auth.type).toBe('auth.ok');
      const pane = auth.desktop.conversations[0];
      expect(pane.messages).toHaveLength(11);
      expect(pane.messages[10].text).toHaveLength(4096);
      expect(pane.messages[10].text.endsWith('\u2026')).toBe(true);
      expect(Buffer.byteLength(raw[0]!)).toBeLessThan(64 * 1024);
      await again.close();
      expect(again.closed?.code).not.toBe(1013);
    }
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/ccsim_messages_truncated_total 10/);
  });
});

describe('frames to agents: capped, panes paged, history on request', () => {
  it('auth.ok carries the newest messages that fit and olderMessages; history pages back to the first', async () => {
    const cap = 6000;
    const s = await server({ limits: { maxOutgoingFrameBytes: cap } });
    const ann = await login(s, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    for (let i = 1; i <= 30; i++) {
      await postSigned(s, text('447700900001', `p${i}`, `message ${i} ${'z'.repeat(300)}`));
    }
    const offer = await ann.event('offer');
    await ann.ok({ type: 'accept', conversationId: offer.conversationId });
    const accepted = await ann.event('conversation.accepted');
    // The accepted pane is paged the same way.
    const acceptedPane = accepted.pane as typeof accepted.pane & { olderMessages: number };
    expect(acceptedPane.olderMessages + acceptedPane.messages.length).toBe(30);

    const raw: string[] = [];
    const again = await AgentClient.connect(s.wsUrl);
    cleanups.push(() => again.close());
    again.ws.on('message', (d) => raw.push(d.toString()));
    const auth = await again.request({ type: 'auth', token: 'token-ann-0001' });
    expect(Buffer.byteLength(raw[0]!)).toBeLessThanOrEqual(cap);
    const pane = auth.desktop.conversations[0];
    expect(pane.olderMessages).toBeGreaterThan(0);
    expect(pane.messages.at(-1).text).toMatch(/^message 30 /);
    const seen: string[] = pane.messages.map((m: { text: string }) => m.text);
    let older = pane.olderMessages;
    let before = pane.messages[0].seq;
    while (older > 0) {
      const page = await again.ok({
        type: 'history',
        conversationId: pane.conversationId,
        beforeSeq: before,
        limit: 7,
      });
      expect(Buffer.byteLength(raw.at(-1)!)).toBeLessThanOrEqual(cap);
      expect(page.messages.length).toBeGreaterThan(0);
      expect(page.messages.length).toBeLessThanOrEqual(7);
      seen.unshift(...page.messages.map((m: { text: string }) => m.text));
      older = page.olderMessages;
      before = page.messages[0].seq;
    }
    expect(seen.map((t) => t.split(' ').slice(0, 2).join(' '))).toEqual(
      Array.from({ length: 30 }, (_, i) => `message ${i + 1}`),
    );
    const refused = await again.request({ type: 'history', conversationId: 'c999' });
    expect(refused).toMatchObject({ type: 'error', code: 'NOT_A_PARTICIPANT', request: 'history' });
  });

  it('a reply over the cap is a WS_RESPONSE_TOO_LARGE error frame; an event over it closes 1009', async () => {
    const reasons = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, label: `Reason ${i}` }));
    const s = await server({
      tenant: tenant({ wrapUpReasons: reasons }),
      limits: { maxOutgoingFrameBytes: 500 },
    });
    const ann = await login(s, 'ann');
    const reply = await ann.request({ type: 'wrapUpReasons' });
    expect(reply).toMatchObject({ type: 'error', code: 'WS_RESPONSE_TOO_LARGE' });
    await ann.ok({ type: 'setState', status: 'Available' });
    // An offer frame is ~900 bytes here: it cannot be left out, so the socket goes.
    await postSigned(s, text('447700900001', 'e1', 'hello'));
    expect(await ann.waitClose()).toEqual({ code: 1009, reason: 'WS_EVENT_TOO_LARGE' });
  });
});

describe('caps on what the router holds', () => {
  it('a conversation holds its newest maxMessagesPerConversation messages and counts them all', async () => {
    const s = await server({ limits: { maxMessagesPerConversation: 5 } });
    for (let i = 1; i <= 8; i++) await postSigned(s, text('447700900001', `c${i}`, `m${i}`));
    const [c] = (await admin(s, '/admin/conversations?messages=true')).json().conversations;
    expect(c.customerMessages).toBe(8);
    expect(c.messages.map((m: { text: string }) => m.text)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
  });

  it('a full queue: 503 QUEUE_FULL with Retry-After, nothing taken in; the retry is taken once there is room', async () => {
    const s = await server({ limits: { maxQueueLength: 2 } });
    expect((await postSigned(s, text('447700900001', 'q1', 'one'))).status).toBe(200);
    expect((await postSigned(s, text('447700900002', 'q2', 'two'))).status).toBe(200);
    const before = JSON.stringify(s.snapshot());
    const full = await postSigned(s, text('447700900003', 'q3', 'three'));
    expect(full.status).toBe(503);
    expect(full.headers['retry-after']).toBe('30');
    expect(full.json().error.code).toBe('QUEUE_FULL');
    expect(JSON.stringify(s.snapshot())).toBe(before);
    // A customer already waiting still gets through; another number's queue has room.
    expect((await postSigned(s, text('447700900001', 'q1b', 'still there?'))).status).toBe(200);
    expect((await postSigned(s, text('447700900003', 'q3s', 'x', 'pn-support'))).status).toBe(200);
    const ann = await login(s, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await ann.event('offer');
    const retry = await postSigned(s, text('447700900003', 'q3', 'three'));
    expect(retry.json()).toMatchObject({ received: 1, duplicates: 0 });
  });

  it('two new customers in one webhook with one place left: the first is taken, the payload is 503; its retry takes the second later', async () => {
    const s = await server({ limits: { maxQueueLength: 1 } });
    const both = webhookPayload(
      { from: '447700900001', id: 'r1', text: 'one' },
      { from: '447700900002', id: 'r2', text: 'two' },
    );
    const first = await postSigned(s, both);
    expect(first.status).toBe(503);
    expect(first.json().error.code).toBe('QUEUE_FULL');
    expect(s.router.conversationOverviews()).toHaveLength(1);
    const ann = await login(s, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await ann.event('offer');
    const retry = await postSigned(s, both);
    expect(retry.json()).toMatchObject({ received: 1, duplicates: 1 });
    expect(s.router.conversationOverviews()).toHaveLength(2);
  });
});
