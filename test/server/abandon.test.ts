import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../../src/server/index.js';
import {
  AgentClient,
  abandon,
  admin,
  postSigned,
  start,
  until,
  webhookPayload,
} from './fixtures.js';

/**
 * The load-test extension `POST /admin/customers/abandon`: the customer's open conversation is
 * found through the router and abandoned with a journaled `customer.abandon`.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(overrides: Parameters<typeof start>[0] = {}): Promise<ServerHandle> {
  const s = await start(overrides);
  cleanups.push(() => s.close());
  return s;
}

async function message(s: ServerHandle, from: string, id: string, phoneNumberId = 'pn-sales') {
  const r = await postSigned(s, webhookPayload({ from, id, text: 'hello', phoneNumberId }));
  expect(r.status).toBe(200);
}

describe('POST /admin/customers/abandon', () => {
  it('abandons the waiting customer: 200 with the conversation id, an abandoned record', async () => {
    const s = await server();
    await message(s, '447000001', 'a-1');
    const r = await abandon(s, { assetId: 'pn-sales', customerId: '447000001' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      assetId: 'pn-sales',
      customerId: '447000001',
      conversationId: 'c1',
      abandoned: true,
      at: expect.any(Number),
    });
    const records = (await admin(s, '/admin/records')).json().records;
    expect(records).toMatchObject([{ conversationId: 'c1', outcome: 'abandoned' }]);
    expect((await admin(s, '/admin/conversations')).json().conversations).toEqual([]);
    // Nothing open any more; the customer's next message opens a new conversation.
    const again = await abandon(s, { assetId: 'pn-sales', customerId: '447000001' });
    expect(again.status).toBe(404);
    expect(again.json().error.code).toBe('NO_OPEN_CONVERSATION');
    await message(s, '447000001', 'a-2');
    const second = await abandon(s, { assetId: 'pn-sales', customerId: '447000001' });
    expect(second.json().conversationId).toBe('c2');
  });

  it('withdraws an offer from the agent it was offered to', async () => {
    const s = await server();
    const ann = await AgentClient.login(s, 'ann');
    cleanups.push(() => ann.close());
    await ann.ok({ type: 'setState', status: 'Available' });
    await message(s, '447000002', 'b-1');
    const offer = await ann.event('offer');
    expect((await abandon(s, { assetId: 'pn-sales', customerId: '447000002' })).status).toBe(200);
    const revoked = await ann.event('offer.revoked');
    expect(revoked).toMatchObject({ conversationId: offer.conversationId, reason: 'abandoned' });
  });

  it('refuses an answered customer with the router code, 409 CONVERSATION_NOT_WAITING', async () => {
    const s = await server();
    const ann = await AgentClient.login(s, 'ann');
    cleanups.push(() => ann.close());
    await ann.ok({ type: 'setState', status: 'Available' });
    await message(s, '447000003', 'c-1');
    const offer = await ann.event('offer');
    await ann.ok({ type: 'accept', conversationId: offer.conversationId });
    const before = JSON.stringify(s.snapshot());
    const r = await abandon(s, { assetId: 'pn-sales', customerId: '447000003' });
    expect(r.status).toBe(409);
    expect(r.json().error.code).toBe('CONVERSATION_NOT_WAITING');
    expect(JSON.stringify(s.snapshot())).toBe(before);
  });

  it('refuses a customer answered once and now waiting for a transfer: 409, nothing changes', async () => {
    const s = await server();
    const ann = await AgentClient.login(s, 'ann');
    cleanups.push(() => ann.close());
    await ann.ok({ type: 'setState', status: 'Available' });
    await message(s, '447000006', 'e-1');
    const offer = await ann.event('offer');
    await ann.ok({ type: 'accept', conversationId: offer.conversationId });
    await ann.ok({
      type: 'transfer',
      conversationId: offer.conversationId,
      target: { kind: 'queue', queueId: 'support' },
    });
    const open = (await admin(s, '/admin/conversations')).json().conversations;
    expect(open).toMatchObject([{ conversationId: offer.conversationId, status: 'queued' }]);
    const before = JSON.stringify(s.snapshot());
    const r = await abandon(s, { assetId: 'pn-sales', customerId: '447000006' });
    expect(r.status).toBe(409);
    expect(r.json().error.code).toBe('CONVERSATION_NOT_WAITING');
    expect(JSON.stringify(s.snapshot())).toBe(before);
  });

  it('is journaled: a restart on the same journal has the abandon', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-abandon-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = join(dir, 'journal.db');
    const first = await start({ db });
    await message(first, '447000004', 'd-1');
    await message(first, '447000005', 'd-2');
    expect((await abandon(first, { assetId: 'pn-sales', customerId: '447000004' })).status).toBe(
      200,
    );
    const snapshot = first.snapshot();
    const records = (await admin(first, '/admin/records')).json();
    await first.close();
    const second = await server({ db });
    expect(second.snapshot()).toEqual(snapshot);
    expect((await admin(second, '/admin/records')).json()).toEqual(records);
    const open = await until(async () => (await admin(second, '/admin/conversations')).json());
    expect(open.conversations.map((c: { customer: { id: string } }) => c.customer.id)).toEqual([
      '447000005',
    ]);
  });
});
