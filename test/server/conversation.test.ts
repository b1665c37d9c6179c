import { afterEach, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../../src/server/index.js';
import {
  AgentClient,
  admin,
  GraphSink,
  postSigned,
  start,
  tenant,
  until,
  webhookPayload,
} from './fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(overrides: Parameters<typeof start>[0] = {}) {
  const sink = await GraphSink.start();
  cleanups.push(() => sink.close());
  const server = await start({ graphUrl: sink.url, accessToken: 'graph-token', ...overrides });
  cleanups.push(() => server.close());
  return { server, sink };
}

async function login(server: ServerHandle, agentId: 'ann' | 'bob' | 'cat') {
  const client = await AgentClient.login(server, agentId);
  cleanups.push(() => client.close());
  return client;
}

describe('a full conversation over the wire', () => {
  it('webhook -> offer -> accept -> messages both ways -> conference -> transfer -> end -> wrap-up', async () => {
    const { server, sink } = await setup();
    const ann = await login(server, 'ann');
    const bob = await login(server, 'bob');
    const cat = await login(server, 'cat');
    await ann.ok({ type: 'setState', status: 'Available' });

    const ack = await postSigned(
      server,
      webhookPayload({
        from: '447966197542',
        id: 'wamid.1',
        text: 'Hello, my order?',
        name: 'Melissa Jones',
      }),
    );
    expect(ack.status).toBe(200);
    expect(ack.json()).toEqual({
      received: 1,
      duplicates: 0,
      statuses: 0,
      truncated: 0,
      refused: [],
    });

    // R1/R2: the popover with name, number, source number, queue, and the offer time.
    const offer = await ann.event('offer');
    expect(offer.popover).toMatchObject({
      customerName: 'Melissa Jones',
      customerNumber: '+447966197542',
      sourceNumber: '+31 20 555 0100',
      queueName: 'Sales',
      offerKind: 'route',
    });
    const conversationId = offer.conversationId;
    expect(offer.deadline - offer.popover.offeredAt).toBe(30_000);

    const accepted = await ann.ok({ type: 'accept', conversationId });
    expect(accepted).toMatchObject({ type: 'ok', request: 'accept' });
    const pane = await ann.event('conversation.accepted');
    expect(pane.pane.messages).toMatchObject([
      { from: 'customer', text: 'Hello, my order?', initials: 'MJ' },
    ]);

    // Agent -> customer through the Graph API sink.
    await ann.ok({ type: 'send', conversationId, text: 'Let me check.' });
    const [sent] = await sink.waitFor(1);
    expect(sent!.path).toBe('/v21.0/pn-sales/messages');
    expect(sent!.headers.authorization).toBe('Bearer graph-token');
    expect(sent!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '447966197542',
      type: 'text',
      text: { preview_url: false, body: 'Let me check.' },
    });

    // Customer -> agent on the open conversation.
    await postSigned(
      server,
      webhookPayload({ from: '447966197542', id: 'wamid.2', text: 'Thanks' }),
    );
    const msg = await ann.event('message', (e) => e.message.text === 'Thanks');
    expect(msg.conversationId).toBe(conversationId);

    // R14: searchable, refreshable lists; bob is not available yet, so not listed.
    expect((await ann.ok({ type: 'agents' })).agents).toEqual([]);
    await bob.ok({ type: 'setState', status: 'Available' });
    expect((await ann.ok({ type: 'agents', search: 'bob' })).agents).toEqual([
      { id: 'bob', name: 'Bob Jones', freeSlots: 2 },
    ]);
    expect((await ann.ok({ type: 'queues', search: 'sup' })).queues).toEqual([
      { id: 'support', name: 'Support', waiting: 0, availableAgents: 2 },
    ]);

    // R17/R18: conference bob in; the state becomes conference.
    await ann.ok({ type: 'conference', conversationId, target: { kind: 'agent', agentId: 'bob' } });
    const bobOffer = await bob.event('offer', (e) => e.conversationId === conversationId);
    expect(bobOffer.popover.offerKind).toBe('conference');
    await bob.ok({ type: 'accept', conversationId });
    await ann.event('conversation.state', (e) => e.state === 'conference');
    // R19: the consulted agent leaves and wraps up.
    await bob.ok({ type: 'leaveConference', conversationId });
    await bob.event('wrapup.required', (e) => e.cause === 'left-conference');
    const reasons = await bob.ok({ type: 'wrapUpReasons', search: 'resol' });
    expect(reasons.reasons).toEqual([{ id: 'resolved', label: 'Resolved' }]);
    await bob.ok({ type: 'wrapUp', conversationId, reasonId: 'resolved' });

    // R15/R16: transfer to cat; ann gets the wrap-up dialog at once.
    await cat.ok({ type: 'setState', status: 'Available' });
    await ann.ok({ type: 'transfer', conversationId, target: { kind: 'agent', agentId: 'cat' } });
    await ann.event('wrapup.required', (e) => e.cause === 'transferred');
    await ann.ok({ type: 'wrapUp', conversationId, reasonId: 'follow-up' });
    const catOffer = await cat.event('offer', (e) => e.conversationId === conversationId);
    expect(catOffer.popover.offerKind).toBe('transfer');
    expect(catOffer.popover.fromAgentName).toBe('Ann Smith');
    await cat.ok({ type: 'accept', conversationId });
    await cat.ok({ type: 'send', conversationId, text: 'Cat here, all sorted.' });
    await sink.waitFor(2);
    expect(sink.requests[1]!.body.text.body).toBe('Cat here, all sorted.');

    // R20: end, then wrap-up makes the record final.
    await cat.ok({ type: 'end', conversationId });
    await cat.event('wrapup.required', (e) => e.cause === 'ended');
    let records = (await admin(server, '/admin/records')).json();
    expect(records.total).toBe(0);
    await cat.ok({ type: 'wrapUp', conversationId, reasonId: 'resolved' });
    records = (await admin(server, '/admin/records')).json();
    expect(records.total).toBe(1);
    expect(records.records[0]).toMatchObject({
      conversationId,
      outcome: 'handled',
      agentId: 'ann',
      lastAgentId: 'cat',
      transferCount: 1,
      conferenceCount: 1,
      customerMessages: 2,
      agentMessages: 2,
      wrapUpReason: 'resolved',
    });
    const ndjson = await admin(server, '/admin/records.ndjson');
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson');
    expect(
      ndjson.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(records.records);

    const outbound = (await admin(server, '/admin/outbound')).json();
    expect(outbound.counts).toEqual({ pending: 0, sent: 2, failed: 0, held: 0 });
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^ccsim_messages_in_total 2$/m);
    expect(metrics).toMatch(/^ccsim_messages_out_total\{result="sent"\} 2$/m);
    expect(metrics).toMatch(/^ccsim_offers_total\{kind="conference"\} 1$/m);
    expect(metrics).toMatch(/^ccsim_journal_write_seconds_count \d+$/m);
    expect(metrics).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('R4: an offer not accepted in time puts the agent in RONA; the conversation goes to the next agent', async () => {
    const { server } = await setup({ tenant: tenant({ ronaTimeoutMs: 200 }) });
    const ann = await login(server, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await postSigned(server, webhookPayload({ from: '447700900001', id: 'w-r1', text: 'hi' }));
    const offer = await ann.event('offer');
    const revoked = await ann.event('offer.revoked');
    expect(revoked).toEqual({
      type: 'offer.revoked',
      conversationId: offer.conversationId,
      reason: 'rona',
    });
    await ann.event('agent.state', (e) => e.status === 'RONA');
    const bob = await login(server, 'bob');
    await bob.ok({ type: 'setState', status: 'Available' });
    const bobOffer = await bob.event('offer');
    expect(bobOffer.conversationId).toBe(offer.conversationId);
    // RONA is left only by a manual change to Available.
    const agents = (await admin(server, '/admin/agents')).json().agents;
    expect(agents.find((a: { agentId: string }) => a.agentId === 'ann').status).toBe('RONA');
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^ccsim_rona_total 1$/m);
  });

  it('--speed runs the RONA deadline faster', async () => {
    const { server } = await setup({ tenant: tenant({ ronaTimeoutMs: 30_000 }), speed: 300 });
    const ann = await login(server, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await postSigned(server, webhookPayload({ from: '447700900002', id: 'w-s1', text: 'hi' }));
    // 30 s of clock time at 300x is 100 ms of real time; the wait below is only a bound.
    const revoked = await ann.event('offer.revoked');
    expect(revoked.reason).toBe('rona');
  });

  it('R8: deleting the asset mid-conversation warns the agent, locks sending, and still needs wrap-up', async () => {
    const { server, sink } = await setup();
    const ann = await login(server, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await postSigned(server, webhookPayload({ from: '447700900003', id: 'w-d1', text: 'hi' }));
    const { conversationId } = await ann.event('offer');
    await ann.ok({ type: 'accept', conversationId });

    const del = await admin(server, '/admin/assets/pn-sales', 'DELETE');
    expect(del.status).toBe(200);
    expect(del.json()).toMatchObject({ assetId: 'pn-sales', deleted: true });
    const warning = await ann.event('conversation.interrupted');
    expect(warning.warning).toMatch(/deleted/);
    await ann.event('conversation.state', (e) => e.state === 'interrupted');

    const refused = await ann.request({ type: 'send', conversationId, text: 'still there?' });
    expect(refused).toMatchObject({
      type: 'error',
      request: 'send',
      code: 'CONVERSATION_INTERRUPTED',
    });
    // New messages to the deleted number are refused at the door.
    const late = await postSigned(
      server,
      webhookPayload({ from: '447700900004', id: 'w-d2', text: 'x' }),
    );
    expect(late.status).toBe(410);
    expect(late.json().error.code).toBe('ASSET_DELETED');
    const again = await admin(server, '/admin/assets/pn-sales', 'DELETE');
    expect(again.status).toBe(410);

    await ann.ok({ type: 'end', conversationId });
    await ann.ok({ type: 'wrapUp', conversationId, reasonId: 'resolved' });
    const records = (await admin(server, '/admin/records')).json().records;
    expect(records).toMatchObject([{ conversationId, outcome: 'interrupted', interrupted: true }]);
    expect(sink.requests).toEqual([]);
  });

  it('retries a failing Graph API and records failures visibly', async () => {
    const { server, sink } = await setup({
      outbound: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const ann = await login(server, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await postSigned(server, webhookPayload({ from: '447700900005', id: 'w-o1', text: 'hi' }));
    const { conversationId } = await ann.event('offer');
    await ann.ok({ type: 'accept', conversationId });

    sink.failNext = 2;
    await ann.ok({ type: 'send', conversationId, text: 'first' });
    await sink.waitFor(1);
    expect(sink.requests[0]!.body.text.body).toBe('first');

    sink.failNext = 3;
    await ann.ok({ type: 'send', conversationId, text: 'second' });
    const failed = await until(async () => {
      const out = (await admin(server, '/admin/outbound?status=failed')).json();
      return out.messages.length > 0 ? out : undefined;
    });
    expect(failed.messages[0]).toMatchObject({ text: 'second', status: 'failed', attempts: 3 });
    expect(failed.messages[0].lastError).toMatch(/HTTP 500/);
    expect(failed.counts).toMatchObject({ sent: 1, failed: 1 });
    const metrics = await fetch(`${server.url}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/^ccsim_messages_out_total\{result="failed"\} 1$/m);
    expect(metrics).toMatch(/^ccsim_outbound_attempts_total 6$/m);
  });

  it('without --graph-url, replies are held in the outbox (admin API)', async () => {
    const server = await start();
    cleanups.push(() => server.close());
    const ann = await login(server, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await postSigned(server, webhookPayload({ from: '447700900006', id: 'w-h1', text: 'hi' }));
    const { conversationId } = await ann.event('offer');
    await ann.ok({ type: 'accept', conversationId });
    await ann.ok({ type: 'send', conversationId, text: 'held reply' });
    const out = (await admin(server, '/admin/outbound?status=held')).json();
    expect(out.messages).toMatchObject([
      { text: 'held reply', customerId: '447700900006', status: 'held' },
    ]);
  });

  it('a reconnecting agent gets its conversations back; duplicates are not delivered twice', async () => {
    const { server } = await setup();
    const ann = await login(server, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    const payload = webhookPayload({ from: '447700900007', id: 'w-r7', text: 'first' });
    await postSigned(server, payload);
    const retry = await postSigned(server, payload);
    expect(retry.json()).toMatchObject({ received: 0, duplicates: 1 });
    const { conversationId } = await ann.event('offer');
    await ann.ok({ type: 'accept', conversationId });
    await ann.close();

    const again = await login(server, 'ann');
    const auth = again.frames.find((f) => f.type === 'auth.ok')!;
    expect(auth.desktop.status).toBe('Available');
    expect(auth.desktop.conversations).toHaveLength(1);
    expect(auth.desktop.conversations[0].messages.map((m: { text: string }) => m.text)).toEqual([
      'first',
    ]);
  });
});
