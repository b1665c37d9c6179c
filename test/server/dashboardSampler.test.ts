import { afterEach, describe, expect, it } from 'vitest';
import type { ServerHandle } from '../../src/server/index.js';
import { record } from '../kpi/builders.js';
import { postSigned, start, webhookPayload } from './fixtures.js';

/**
 * The server's side of the live dashboard (issue 17): a step's counts from the server's own
 * request handling, queues and agents from the router's public stats, and service level so far
 * checked against the formula written out here (answered within T over offered, per queue).
 */
describe('DashboardSampler', () => {
  let server: ServerHandle | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('counts one step of webhooks, messages and errors, then starts the next from zero', async () => {
    server = await start({
      dashboard: {
        serviceLevel: { thresholdSeconds: 20, definition: 'offered', shortAbandonSeconds: 5 },
      },
    });
    const sampler = server.dashboard!;
    for (let i = 0; i < 3; i++) {
      const res = await postSigned(
        server,
        webhookPayload({ from: `3161111000${i}`, id: `wamid.sampler-${i}`, text: 'hello' }),
      );
      expect(res.status).toBe(200);
    }
    expect(
      (await postSigned(server, webhookPayload({ from: '1', id: 'x', text: 'y' }), 'wrong')).status,
    ).toBe(401);
    const point = await sampler.sample();
    expect(point).toMatchObject({ webhooks: 4, messagesIn: 3, errors: 1 });
    expect(point.ack.count).toBe(4);
    expect(point.ack.p50).toBeGreaterThan(0);
    expect(point.ack.p99!).toBeGreaterThanOrEqual(point.ack.p50!);
    expect(point.queues).toEqual(server.router.stats().waiting);
    expect(point.queues).toEqual({ sales: 3, support: 0 });
    expect(point.agents).toEqual(server.router.stats().agents);
    const next = await sampler.sample();
    expect(next).toMatchObject({ webhooks: 0, messagesIn: 0, errors: 0 });
    expect(next.ack).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
    expect(next.queues).toEqual({ sales: 3, support: 0 });
  });

  it('service level so far: answered within T over offered, for the tenant and each first queue', async () => {
    server = await start({
      dashboard: {
        serviceLevel: { thresholdSeconds: 20, definition: 'offered', shortAbandonSeconds: 5 },
      },
    });
    const sampler = server.dashboard!;
    expect((await sampler.sample()).serviceLevel).toEqual({
      tenant: null,
      queues: { sales: null, support: null },
      finished: 0,
    });
    const support = (r: ReturnType<typeof record>) => ({ ...r, queueId: 'support' });
    const records = [
      record('a', { arrivedAt: 0, acceptedAt: 10, endedAt: 100, outcome: 'handled' }), // within
      record('b', { arrivedAt: 0, acceptedAt: 20, endedAt: 100, outcome: 'handled' }), // at T: within
      record('c', { arrivedAt: 0, acceptedAt: 21, endedAt: 100, outcome: 'handled' }), // late
      record('d', { arrivedAt: 0, endedAt: 3, outcome: 'abandoned' }), // short abandon
      support(record('e', { arrivedAt: 0, acceptedAt: 5, endedAt: 50, outcome: 'handled' })),
      support(record('f', { arrivedAt: 0, endedAt: 40, outcome: 'abandoned' })),
    ];
    for (const r of records) sampler.record(r);
    const sl = (await sampler.sample()).serviceLevel;
    // offered: sales 4 (2 within), support 2 (1 within), tenant 6 (3 within).
    expect(sl).toEqual({ tenant: 3 / 6, queues: { sales: 2 / 4, support: 1 / 2 }, finished: 6 });
  });

  it('the other definitions: offered minus short abandons, answered plus late abandons', async () => {
    for (const [definition, want] of [
      // 2 within; offered 4, short abandons 1 -> 2/3
      ['offered-minus-short-abandons', 2 / 3],
      // answered 3 + abandoned after T 0 -> 2/3 as well; with one more late abandon -> 2/4
      ['answered-plus-late-abandons', 2 / 4],
    ] as const) {
      server = await start({
        dashboard: { serviceLevel: { thresholdSeconds: 20, definition, shortAbandonSeconds: 5 } },
      });
      const sampler = server.dashboard!;
      sampler.record(
        record('a', { arrivedAt: 0, acceptedAt: 10, endedAt: 100, outcome: 'handled' }),
      );
      sampler.record(
        record('b', { arrivedAt: 0, acceptedAt: 20, endedAt: 100, outcome: 'handled' }),
      );
      sampler.record(
        record('c', { arrivedAt: 0, acceptedAt: 21, endedAt: 100, outcome: 'handled' }),
      );
      sampler.record(record('d', { arrivedAt: 0, endedAt: 3, outcome: 'abandoned' }));
      if (definition === 'answered-plus-late-abandons') {
        sampler.record(record('e', { arrivedAt: 0, endedAt: 30, outcome: 'abandoned' }));
      }
      expect((await sampler.sample()).serviceLevel.tenant).toBeCloseTo(want, 12);
      await server.close();
      server = undefined;
    }
  });

  it('samples nothing without the dashboard option', async () => {
    server = await start();
    expect(server.dashboard).toBeNull();
  });
});
