import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ABANDON_PATH,
  type AbandonOutcome,
  AbandonReplayer,
  AdminClient,
  ErrorCounts,
  HttpPool,
  LoadMetrics,
  planAbandons,
  type ScheduledAbandon,
} from '../../src/load/index.js';

/**
 * The abandons of a replay against a stub of the load-test extension: each customer id answers
 * as the reference deployment would in one situation.
 */
const ANSWERS: Record<string, { status: number; body: unknown }> = {
  waiting: { status: 200, body: { conversationId: 'c7', abandoned: true } },
  answered: { status: 409, body: { error: { code: 'CONVERSATION_NOT_WAITING', message: '' } } },
  gone: { status: 404, body: { error: { code: 'NO_OPEN_CONVERSATION', message: '' } } },
  '0': { status: 404, body: { error: { code: 'NO_OPEN_CONVERSATION', message: '' } } },
  broken: { status: 500, body: { error: { code: 'INTERNAL', message: '' } } },
};

describe('AbandonReplayer', () => {
  let server: http.Server;
  let url: string;
  let withExtension = true;
  const received: { customerId: string; at: number; auth: string | undefined }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const json = (body: unknown, status: number) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (!withExtension || req.url !== ABANDON_PATH || req.method !== 'POST') {
          return json({ error: { code: 'NOT_FOUND', message: 'no endpoint' } }, 404);
        }
        const { customerId } = JSON.parse(Buffer.concat(chunks).toString()) as {
          customerId: string;
        };
        received.push({ customerId, at: performance.now(), auth: req.headers.authorization });
        const answer = ANSWERS[customerId]!;
        json(answer.body, answer.status);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('sends each abandon at its time, after its customer is ready, and sorts out the answers', async () => {
    received.length = 0;
    const pool = new HttpPool(url, { connections: 2 });
    const metrics = new LoadMetrics();
    const errors = new ErrorCounts();
    const start = performance.now() + 50;
    const ids = ['waiting', 'answered', 'gone', 'broken'];
    const schedule: ScheduledAbandon[] = ids.map((customerId, i) => ({
      due: start + i * 20,
      arrival: i,
      assetId: '100000000000001',
      customerId,
    }));
    // Arrival 0's messages are answered only at start + 150.
    let release: () => void = () => {};
    const messagesAnswered = new Promise<void>((resolve) => {
      release = resolve;
    });
    const releasedAt = { at: 0 };
    setTimeout(
      () => {
        releasedAt.at = performance.now();
        release();
      },
      start + 150 - performance.now(),
    );
    const outcomes: [string, AbandonOutcome][] = [];
    const replayer = new AbandonReplayer({
      pool,
      adminToken: 'admin-secret',
      schedule,
      metrics,
      errors,
      now: () => performance.now(),
      ready: (arrival) => (arrival === 0 ? messagesAnswered : null),
      onOutcome: (a, outcome) => outcomes.push([a.customerId, outcome]),
    });
    replayer.start();
    await replayer.done;
    pool.close();

    expect(replayer).toMatchObject({ sent: 4, applied: 1, refused: 2, failed: 1 });
    expect(replayer.refusedByCode).toEqual({
      CONVERSATION_NOT_WAITING: 1,
      NO_OPEN_CONVERSATION: 1,
    });
    expect(Object.fromEntries(outcomes)).toEqual({
      waiting: { kind: 'applied', conversationId: 'c7' },
      answered: { kind: 'refused', code: 'CONVERSATION_NOT_WAITING' },
      gone: { kind: 'refused', code: 'NO_OPEN_CONVERSATION' },
      broken: { kind: 'failed', code: 'INTERNAL' },
    });
    expect(metrics.abandons_sent.count).toBe(4);
    expect(metrics.abandons_refused.count).toBe(2);
    expect(metrics.abandon_ack.count).toBe(4);
    expect(errors.toJSON()).toEqual({ abandon: { INTERNAL: 1 } });
    expect(received.every((r) => r.auth === 'Bearer admin-secret')).toBe(true);
    // Never before its time; the one whose customer was not ready waited for it.
    for (const r of received) {
      const due = schedule.find((a) => a.customerId === r.customerId)!.due;
      expect(r.at).toBeGreaterThanOrEqual(due - 1);
    }
    expect(received.find((r) => r.customerId === 'waiting')!.at).toBeGreaterThanOrEqual(
      releasedAt.at,
    );
    expect(received.map((r) => r.customerId).slice(0, 3)).toEqual(['answered', 'gone', 'broken']);
  });

  it('drops what is not sent yet when stopped, and is done', async () => {
    received.length = 0;
    const pool = new HttpPool(url, { connections: 1 });
    const replayer = new AbandonReplayer({
      pool,
      adminToken: 't',
      schedule: [
        // Due now, but its customer's messages never get an answer (the run was cut).
        { due: performance.now(), arrival: 0, assetId: 'a', customerId: 'waiting' },
        { due: performance.now() + 60_000, arrival: 1, assetId: 'a', customerId: 'waiting' },
      ],
      metrics: new LoadMetrics(),
      errors: new ErrorCounts(),
      now: () => performance.now(),
      ready: (arrival) => (arrival === 0 ? new Promise<void>(() => {}) : null),
    });
    replayer.start();
    await new Promise((r) => setTimeout(r, 20));
    replayer.stop();
    await replayer.done;
    pool.close();
    expect(replayer.sent).toBe(0);
    expect(received).toEqual([]);
  });

  it('planAbandons: off, no token, nothing to send, on, and auto by one probe', async () => {
    const admin = new AdminClient(url, 't');
    withExtension = true;
    expect(await planAbandons('auto', admin, 'a', 2)).toEqual({ replay: true });
    withExtension = false;
    expect(await planAbandons('auto', admin, 'a', 2)).toEqual({
      replay: false,
      reason: `the target answered ${ABANDON_PATH} with 404 NOT_FOUND`,
    });
    expect(await planAbandons('on', admin, 'a', 2)).toEqual({ replay: true });
    withExtension = true;
    expect(await planAbandons('off', admin, 'a', 2)).toEqual({
      replay: false,
      reason: '--abandon off',
    });
    expect(await planAbandons('auto', null, 'a', 2)).toEqual({
      replay: false,
      reason: 'no admin token',
    });
    await expect(planAbandons('on', null, 'a', 2)).rejects.toMatchObject({
      code: 'LOAD_INVALID_OPTION',
    });
    expect(await planAbandons('on', admin, 'a', 0)).toEqual({
      replay: false,
      reason: "none in this segment's trace",
    });
  });
});
