import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomerReplayer,
  ErrorCounts,
  HttpPool,
  LoadMetrics,
  type ScheduledWebhook,
} from '../../src/load/index.js';

/**
 * A deployment stub that stalls for 500 ms in the middle of a run: requests that arrive during
 * the stall are answered only when it ends. The replayer measures from the intended send time,
 * so the stall shows in its p99; a naive measurement (from the write to the socket, what a
 * closed-loop client records) sees only the few requests that were in flight when it began.
 */
describe('coordinated omission', () => {
  let server: http.Server;
  let url: string;
  let stallFrom = Number.POSITIVE_INFINITY;
  const STALL_MS = 500;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const now = performance.now();
        const answer = () => res.end('{"received":1,"duplicates":0,"statuses":0,"refused":[]}');
        if (now >= stallFrom && now < stallFrom + STALL_MS) {
          setTimeout(answer, stallFrom + STALL_MS - now);
        } else answer();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('a 500 ms stall shows in p99 from the intended time, not in the naive p99', async () => {
    const pool = new HttpPool(url, { connections: 2 });
    const metrics = new LoadMetrics();
    const start = performance.now() + 100;
    const rate = 200; // per second, for 2 s: 400 webhooks, 100 of them due during the stall
    const schedule: ScheduledWebhook[] = Array.from({ length: 400 }, (_, i) => ({
      due: start + (i * 1000) / rate,
      message: {
        assetId: '100000000000001',
        displayNumber: '31205550101',
        customerId: String(31600000000 + i),
        customerName: 'Test',
        messageId: `wamid.co.${i}.1`,
        text: 'hello',
        timestamp: 1700000000,
      },
    }));
    stallFrom = start + 800;
    const replayer = new CustomerReplayer({
      pool,
      appSecret: 'secret',
      schedule,
      metrics,
      errors: new ErrorCounts(),
    });
    replayer.start();
    await replayer.done;
    pool.close();

    expect(metrics.webhook_acks.count).toBe(400);
    const intended = metrics.webhook_ack.percentile(99);
    const naive = metrics.webhook_ack_from_send.percentile(99);
    // The stall is physics: whatever the machine, requests due at its start waited for all of it.
    expect(intended).toBeGreaterThanOrEqual(0.8 * STALL_MS);
    // A closed-loop measurement hides it: only the 2 requests in flight saw it (0.5% < 1%).
    expect(naive).toBeLessThan(intended / 2);
    expect(metrics.webhook_ack_from_send.percentile(100)).toBeGreaterThanOrEqual(0.8 * STALL_MS);
    // The requests held back behind the stalled sockets were sent late: behind schedule.
    expect(metrics.behind_schedule.count).toBeGreaterThanOrEqual(50);
  });
});
