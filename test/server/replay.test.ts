import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function tmpDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-replay-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'journal.db');
}

async function login(server: ServerHandle, agentId: 'ann' | 'bob' | 'cat') {
  const client = await AgentClient.login(server, agentId);
  cleanups.push(() => client.close());
  return client;
}

async function adminState(server: ServerHandle) {
  return {
    records: (await admin(server, '/admin/records')).json(),
    outbound: (await admin(server, '/admin/outbound?limit=1000')).json(),
    agentStates: (await admin(server, '/admin/agent-states')).json(),
    conversations: (await admin(server, '/admin/conversations?messages=true')).json(),
  };
}

describe('journal replay', () => {
  it.each([
    ['from the snapshot written at the stop', false],
    ['from the journal alone (the snapshot removed)', true],
  ] as const)(
    'a restart on the same journal comes back to the same state, records, outbox and dedup set: %s',
    async (_name, dropSnapshot) => {
      const db = tmpDb();
      const sink = await GraphSink.start();
      cleanups.push(() => sink.close());
      const first = await start({ db, graphUrl: sink.url });
      const ann = await login(first, 'ann');
      const bob = await login(first, 'bob');
      await ann.ok({ type: 'setState', status: 'Available' });
      await bob.ok({ type: 'setState', status: 'Available' });
      for (let i = 1; i <= 5; i++) {
        await postSigned(
          first,
          webhookPayload({ from: `44700900${i}`, id: `r-${i}`, text: `hello ${i}` }),
        );
      }
      // Both agents hold two offers each (capacity 2); one conversation waits in the queue.
      const offers = await until(() => {
        const o = [...ann.events, ...bob.events].filter((e) => e.type === 'offer');
        return o.length === 4 ? o : undefined;
      });
      const annOffers = ann.events.filter((e) => e.type === 'offer').map((e) => e.conversationId);
      await ann.ok({ type: 'accept', conversationId: annOffers[0] });
      await ann.ok({ type: 'send', conversationId: annOffers[0], text: 'reply one' });
      await ann.ok({
        type: 'transfer',
        conversationId: annOffers[0],
        target: { kind: 'queue', queueId: 'support' },
      });
      await ann.ok({ type: 'wrapUp', conversationId: annOffers[0], reasonId: 'resolved' });
      await ann.ok({ type: 'accept', conversationId: annOffers[1] });
      await ann.ok({ type: 'end', conversationId: annOffers[1] });
      await ann.ok({ type: 'wrapUp', conversationId: annOffers[1], reasonId: 'follow-up' });
      await admin(first, '/admin/assets/pn-support', 'DELETE');
      await sink.waitFor(1);
      expect(offers.length).toBe(4);

      const before = first.snapshot();
      const stateBefore = await adminState(first);
      expect(stateBefore.records.total).toBeGreaterThan(0);
      await first.close();
      if (dropSnapshot) {
        const file = new Database(db);
        file.exec('DELETE FROM snapshot');
        file.close();
      }

      const second = await start({ db, graphUrl: sink.url });
      cleanups.push(() => second.close());
      if (dropSnapshot) expect(second.replayed).toBeGreaterThan(10);
      else expect([second.replayed, second.restoredFrom > 10]).toEqual([0, true]);
      expect(second.snapshot()).toEqual(before);
      expect(await adminState(second)).toEqual(stateBefore);
      // The outbound message was delivered once, before the restart; it is not sent again.
      expect(sink.requests).toHaveLength(1);
      // WhatsApp retries of messages taken in before the restart are still duplicates.
      const retry = await postSigned(
        second,
        webhookPayload({ from: '447009001', id: 'r-1', text: 'hello 1' }),
      );
      expect(retry.json()).toMatchObject({ received: 0, duplicates: 1 });
      // Reconnecting agents get their offers back.
      const bob2 = await login(second, 'bob');
      const auth = bob2.frames.find((f) => f.type === 'auth.ok')!;
      expect(auth.desktop.offers).toHaveLength(2);
    },
  );

  it('re-arms offer deadlines from the journal: an offer pending at shutdown times out after restart', async () => {
    const db = tmpDb();
    const t = tenant({ ronaTimeoutMs: 60_000 });
    const first = await start({ db, tenant: t });
    const ann = await login(first, 'ann');
    await ann.ok({ type: 'setState', status: 'Available' });
    await postSigned(first, webhookPayload({ from: '447009009', id: 't-1', text: 'hi' }));
    const offer = await ann.event('offer');
    const lastNow = offer.popover.offeredAt;
    await first.close();

    // 60 s of clock time at 600x: the wait below is only a bound.
    const second = await start({ db, tenant: t, speed: 600 });
    cleanups.push(() => second.close());
    const agents = await until(async () => {
      const a = (await admin(second, '/admin/agents')).json().agents;
      return a.find((x: { agentId: string }) => x.agentId === 'ann').status === 'RONA'
        ? a
        : undefined;
    });
    const annState = agents.find((x: { agentId: string }) => x.agentId === 'ann');
    // The clock never runs backwards across a restart.
    expect(annState.since).toBeGreaterThanOrEqual(lastNow);
    expect(annState.since).toBeGreaterThanOrEqual(offer.deadline);
  });

  it('a journal written for another tenant is refused: DB_TENANT_MISMATCH', async () => {
    const db = tmpDb();
    const first = await start({ db });
    await first.close();
    await expect(start({ db, tenant: tenant({ ronaTimeoutMs: 1234 }) })).rejects.toMatchObject({
      code: 'DB_TENANT_MISMATCH',
    });
  });
});

describe('journal layout', () => {
  it('a file of another layout (an older server) is refused: DB_SCHEMA_MISMATCH', async () => {
    const db = tmpDb();
    const old = new Database(db);
    old.exec(
      "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); INSERT INTO meta VALUES ('tenant', 'x');",
    );
    old.close();
    await expect(start({ db })).rejects.toMatchObject({ code: 'DB_SCHEMA_MISMATCH' });
  });
});

describe('startup failures', () => {
  it('a port in use rejects startServer, releases the journal, and leaves nothing running', async () => {
    const db = tmpDb();
    const first = await start({ db: ':memory:' });
    cleanups.push(() => first.close());
    await expect(start({ db, port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // The journal was closed: the same file opens again.
    const again = await start({ db });
    await again.close();
  });
});
