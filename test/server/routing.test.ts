import { afterEach, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../../src/server/index.js';
import { AgentClient, admin, postSigned, start, tenant, webhookPayload } from './fixtures.js';

/**
 * The live server routes as the simulator does (docs/router.md, "Routing"): it takes the
 * TenantConfig as is, and carries out the router's overflow timers like RONA deadlines.
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

async function login(s: ServerHandle, agentId: 'ann' | 'bob' | 'cat'): Promise<AgentClient> {
  const client = await AgentClient.login(s, agentId);
  cleanups.push(() => client.close());
  return client;
}

async function message(s: ServerHandle, from: string, id: string, phoneNumberId: string) {
  const r = await postSigned(s, webhookPayload({ from, id, text: 'hello', phoneNumberId }));
  expect(r.status).toBe(200);
}

describe('routing over the wire', () => {
  it('offers the higher-priority queue first, though its conversation arrived later', async () => {
    const s = await server({
      tenant: tenant({
        queues: [
          { id: 'sales', name: 'Sales' },
          { id: 'support', name: 'Support', priority: 1 },
        ],
        agents: [{ id: 'ann', name: 'Ann Smith', capacity: 1 }],
      }),
    });
    await message(s, '447000001', 'p-1', 'pn-sales');
    await message(s, '447000002', 'p-2', 'pn-support');
    const open = (await admin(s, '/admin/conversations')).json().conversations;
    expect(open).toHaveLength(2);
    const ann = await login(s, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    const offer = await ann.event('offer');
    expect(offer.popover.queueName).toBe('Support');
    expect(ann.events.filter((e) => e.type === 'offer')).toHaveLength(1);
  });

  it('carries out an overflow timer: the waiting conversation reaches the expert group', async () => {
    const s = await server({
      tenant: tenant({
        queues: [
          { id: 'sales', name: 'Sales', overflow: [{ afterMs: 300, agentGroups: ['experts'] }] },
          { id: 'support', name: 'Support' },
        ],
        agents: [
          { id: 'ann', name: 'Ann Smith', capacity: 1, queues: ['sales'] },
          { id: 'cat', name: 'Cat Lee', capacity: 1, queues: ['support'], group: 'experts' },
        ],
      }),
    });
    const cat = await login(s, 'cat');
    await cat.ok({ type: 'setState', status: 'Available' });
    await message(s, '447000003', 'o-1', 'pn-sales');
    // Not at once: only after 300 ms in the queue may an expert take it.
    expect(cat.events.some((e) => e.type === 'offer')).toBe(false);
    const offer = await cat.event('offer');
    expect(offer.popover.queueName).toBe('Sales');
    expect(offer.popover.offeredAt - (await firstMessageAt(s))).toBeGreaterThanOrEqual(300);
  });
});

async function firstMessageAt(s: ServerHandle): Promise<number> {
  const conversations = (await admin(s, '/admin/conversations')).json().conversations;
  return conversations[0].arrivedAt;
}
