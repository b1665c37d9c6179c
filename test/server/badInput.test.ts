import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ServerHandle, signBody, WIRE_CODES } from '../../src/server/index.js';
import {
  ADMIN,
  AgentClient,
  abandon,
  admin,
  postSigned,
  request,
  SECRET,
  start,
  TOKENS,
  VERIFY,
  webhookPayload,
} from './fixtures.js';

/**
 * The bad-input table of docs/protocol.md, row by row: each input, its wire code (HTTP status or
 * WebSocket close code) and its named error code, and the state unchanged afterwards.
 */

let server: ServerHandle;
beforeAll(async () => {
  server = await start({ limits: { bodyLimitBytes: 4096, maxFrameBytes: 8192 } });
});
afterAll(() => server.close());

const covered = new Set<string>();

async function expectHttpError(
  res: Promise<{ status: number; text: string; headers: Record<string, unknown> }>,
  status: number,
  code: string,
) {
  const r = await res;
  expect(r.status).toBe(status);
  expect(r.headers['content-type']).toBe('application/json');
  const body = JSON.parse(r.text);
  expect(body).toEqual({ error: { code, message: expect.any(String) } });
  expect(WIRE_CODES[code as keyof typeof WIRE_CODES]?.status ?? status).toBe(status);
  covered.add(code);
  return r;
}

function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = JSON.stringify(server.snapshot());
  return fn().then((value) => {
    expect(JSON.stringify(server.snapshot())).toBe(before);
    return value;
  });
}

const post = (body: string, headers: Record<string, string>) =>
  request(`${server.url}/webhook`, { method: 'POST', headers, body });

describe('bad input: HTTP', () => {
  it('invalid JSON -> 400 INVALID_JSON', () =>
    unchanged(() => expectHttpError(postSigned(server, '{"object":'), 400, 'INVALID_JSON')));

  it('wrong shape -> 422 INVALID_PAYLOAD, naming the field', () =>
    unchanged(async () => {
      const payload = webhookPayload({ from: '4470000', id: 'x', text: 'hi' }) as {
        entry: { changes: { value: { messages: { from: string }[] } }[] }[];
      };
      payload.entry[0]!.changes[0]!.value.messages[0]!.from = 'not-digits';
      const r = await expectHttpError(postSigned(server, payload), 422, 'INVALID_PAYLOAD');
      expect(JSON.parse(r.text).error.message).toMatch(/messages\.0\.from/);
      await expectHttpError(
        postSigned(server, { object: 'page', entry: [] }),
        422,
        'INVALID_PAYLOAD',
      );
    }));

  it('unknown phone_number_id -> 404 UNKNOWN_ASSET', () =>
    unchanged(() =>
      expectHttpError(
        postSigned(
          server,
          webhookPayload({ from: '4470000', id: 'u1', text: 'hi', phoneNumberId: 'nope' }),
        ),
        404,
        'UNKNOWN_ASSET',
      ),
    ));

  it('missing signature -> 401 SIGNATURE_MISSING', () =>
    unchanged(() =>
      expectHttpError(
        post(JSON.stringify(webhookPayload({ from: '4470000', id: 's1', text: 'hi' })), {}),
        401,
        'SIGNATURE_MISSING',
      ),
    ));

  it('bad signature (wrong key, malformed, or a re-serialised body) -> 401 SIGNATURE_INVALID', () =>
    unchanged(async () => {
      const body = JSON.stringify(webhookPayload({ from: '4470000', id: 's2', text: 'hi' }));
      await expectHttpError(
        post(body, { 'x-hub-signature-256': signBody('wrong-secret', body) }),
        401,
        'SIGNATURE_INVALID',
      );
      await expectHttpError(
        post(body, { 'x-hub-signature-256': 'sha1=abc' }),
        401,
        'SIGNATURE_INVALID',
      );
      await expectHttpError(
        post(`${body} `, { 'x-hub-signature-256': signBody(SECRET, body) }),
        401,
        'SIGNATURE_INVALID',
      );
    }));

  it('oversize body -> 413 BODY_TOO_LARGE, by Content-Length and while streaming', () =>
    unchanged(async () => {
      const big = 'x'.repeat(5000);
      await expectHttpError(
        post(big, { 'x-hub-signature-256': signBody(SECRET, big) }),
        413,
        'BODY_TOO_LARGE',
      );
      // Chunked, no Content-Length: the limit applies while reading.
      const r = await rawHttp(
        `POST /webhook HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: ${signBody(SECRET, big)}\r\nTransfer-Encoding: chunked\r\n\r\n1388\r\n${big}\r\n0\r\n\r\n`,
      );
      expect(r).toMatch(/^HTTP\/1\.1 413 /);
      expect(r).toContain('"code":"BODY_TOO_LARGE"');
    }));

  it('wrong method -> 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const r = await expectHttpError(
      request(`${server.url}/webhook`, { method: 'PUT' }),
      405,
      'METHOD_NOT_ALLOWED',
    );
    expect(r.headers.allow).toBe('GET, POST');
    await expectHttpError(
      request(`${server.url}/healthz`, { method: 'POST' }),
      405,
      'METHOD_NOT_ALLOWED',
    );
    await expectHttpError(admin(server, '/admin/records', 'POST'), 405, 'METHOD_NOT_ALLOWED');
    await expectHttpError(
      admin(server, '/admin/assets/pn-sales', 'GET'),
      405,
      'METHOD_NOT_ALLOWED',
    );
  });

  it('verify handshake: 200 challenge; 400 VERIFY_REQUEST_INVALID; 403 VERIFY_TOKEN_MISMATCH', async () => {
    const ok = await request(
      `${server.url}/webhook?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('1158201444');
    await expectHttpError(
      request(`${server.url}/webhook?hub.mode=subscribe`),
      400,
      'VERIFY_REQUEST_INVALID',
    );
    await expectHttpError(
      request(`${server.url}/webhook?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`),
      403,
      'VERIFY_TOKEN_MISMATCH',
    );
  });

  it('unknown path -> 404 NOT_FOUND', async () => {
    await expectHttpError(request(`${server.url}/nope`), 404, 'NOT_FOUND');
    await expectHttpError(admin(server, '/admin/nope'), 404, 'NOT_FOUND');
  });

  it('admin without or with a wrong token -> 401 ADMIN_UNAUTHORIZED', async () => {
    await expectHttpError(request(`${server.url}/admin/records`), 401, 'ADMIN_UNAUTHORIZED');
    await expectHttpError(
      request(`${server.url}/admin/assets/pn-sales`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${ADMIN}x` },
      }),
      401,
      'ADMIN_UNAUTHORIZED',
    );
    expect(server.router.state.deletedAssets.size).toBe(0);
  });

  it('admin query out of range -> 400 INVALID_QUERY', async () => {
    await expectHttpError(admin(server, '/admin/records?limit=-1'), 400, 'INVALID_QUERY');
    await expectHttpError(admin(server, '/admin/outbound?status=lost'), 400, 'INVALID_QUERY');
  });

  it('admin delete of an unknown asset -> 404 UNKNOWN_ASSET', () =>
    unchanged(() =>
      expectHttpError(admin(server, '/admin/assets/nope', 'DELETE'), 404, 'UNKNOWN_ASSET'),
    ));

  it('load-test abandon: no open conversation -> 404 NO_OPEN_CONVERSATION; unknown asset -> 404 UNKNOWN_ASSET', () =>
    unchanged(async () => {
      await expectHttpError(
        abandon(server, { assetId: 'pn-sales', customerId: '447000999' }),
        404,
        'NO_OPEN_CONVERSATION',
      );
      await expectHttpError(
        abandon(server, { assetId: 'nope', customerId: '447000999' }),
        404,
        'UNKNOWN_ASSET',
      );
    }));

  it('load-test abandon: body not JSON -> 400 INVALID_JSON; wrong shape -> 422 INVALID_PAYLOAD; GET -> 405; no token -> 401', () =>
    unchanged(async () => {
      await expectHttpError(abandon(server, '{"assetId":'), 400, 'INVALID_JSON');
      await expectHttpError(abandon(server, ''), 400, 'INVALID_JSON');
      for (const body of [
        [],
        null,
        { assetId: 'pn-sales' },
        { assetId: 'pn-sales', customerId: 4470 },
        { assetId: '', customerId: '4470' },
        { assetId: 'pn-sales', customerId: 'x'.repeat(129) },
      ]) {
        const r = await expectHttpError(abandon(server, body), 422, 'INVALID_PAYLOAD');
        expect(JSON.parse(r.text).error.message).toMatch(/assetId|customerId/);
      }
      const r = await expectHttpError(
        admin(server, '/admin/customers/abandon'),
        405,
        'METHOD_NOT_ALLOWED',
      );
      expect(r.headers.allow).toBe('POST');
      await expectHttpError(
        abandon(server, { assetId: 'pn-sales', customerId: '1' }, 'wrong'),
        401,
        'ADMIN_UNAUTHORIZED',
      );
    }));

  it('load-test abandon of an answered customer -> 409 with the router code CONVERSATION_NOT_WAITING', async () => {
    const own = await start();
    try {
      const ann = await AgentClient.login(own, 'ann');
      await ann.ok({ type: 'setState', status: 'Available' });
      await postSigned(own, webhookPayload({ from: '447000998', id: 'nw-1', text: 'hi' }));
      const offer = await ann.event('offer');
      await ann.ok({ type: 'accept', conversationId: offer.conversationId });
      const before = JSON.stringify(own.snapshot());
      const r = await abandon(own, { assetId: 'pn-sales', customerId: '447000998' });
      expect(r.status).toBe(409);
      expect(r.json()).toEqual({
        error: { code: 'CONVERSATION_NOT_WAITING', message: expect.any(String) },
      });
      expect(JSON.stringify(own.snapshot())).toBe(before);
      await ann.close();
    } finally {
      await own.close();
    }
  });

  it('malformed HTTP -> 400 MALFORMED_REQUEST; oversize headers -> 431 HEADERS_TOO_LARGE', async () => {
    const r = await rawHttp('BLAH / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(r).toMatch(/^HTTP\/1\.1 400 /);
    expect(r).toContain('"code":"MALFORMED_REQUEST"');
    const h = await rawHttp(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(h).toMatch(/^HTTP\/1\.1 431 /);
    expect(h).toContain('"code":"HEADERS_TOO_LARGE"');
    covered.add('MALFORMED_REQUEST');
    covered.add('HEADERS_TOO_LARGE');
  });

  it('a request target new URL() refuses, or a bad %-escape -> 400 INVALID_REQUEST_TARGET', async () => {
    for (const line of ['GET http://[::1/ HTTP/1.1', `DELETE /admin/assets/% HTTP/1.1`]) {
      const r = await rawHttp(
        `${line}\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer ${ADMIN}\r\n\r\n`,
      );
      expect(r).toMatch(/^HTTP\/1\.1 400 /);
      expect(r).toContain('"code":"INVALID_REQUEST_TARGET"');
    }
    covered.add('INVALID_REQUEST_TARGET');
  });

  it('headers that do not arrive in time -> 408 REQUEST_TIMEOUT', async () => {
    const own = await start({ limits: { requestTimeoutMs: 100 } });
    try {
      const socket = net.connect(own.port, '127.0.0.1');
      let out = '';
      socket.on('data', (d) => {
        out += d.toString();
      });
      socket.write('POST /webhook HTTP/1.1\r\nHost: x\r\n');
      await new Promise((r) => socket.once('close', r));
      expect(out).toMatch(/^HTTP\/1\.1 408 /);
      expect(out).toContain('"code":"REQUEST_TIMEOUT"');
      covered.add('REQUEST_TIMEOUT');
    } finally {
      await own.close();
    }
  });

  it('a message to a deleted asset -> 410 ASSET_DELETED', async () => {
    const own = await start();
    try {
      expect((await admin(own, '/admin/assets/pn-support', 'DELETE')).status).toBe(200);
      const before = JSON.stringify(own.snapshot());
      await expectHttpError(
        postSigned(
          own,
          webhookPayload({ from: '4470000', id: 'd1', text: 'hi', phoneNumberId: 'pn-support' }),
        ),
        410,
        'ASSET_DELETED',
      );
      expect(JSON.stringify(own.snapshot())).toBe(before);
    } finally {
      await own.close();
    }
  });

  it('more commands waiting than the limit -> 503 SERVER_BUSY', async () => {
    const own = await start({ limits: { maxPendingCommands: 0 } });
    try {
      await expectHttpError(
        postSigned(own, webhookPayload({ from: '4470000', id: 'b1', text: 'hi' })),
        503,
        'SERVER_BUSY',
      );
      // Not taken in: the same message id is accepted once the server has room.
      expect(own.router.state.conversations.size).toBe(0);
    } finally {
      await own.close();
    }
  });

  it('a request that arrives while shutting down -> 503 SHUTTING_DOWN', async () => {
    const own = await start();
    const socket = net.connect(own.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
    });
    // A request in flight (half its body sent) holds the shutdown open...
    socket.write(
      `POST /webhook HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: sha256=${'0'.repeat(64)}\r\nContent-Length: 4\r\n\r\n{}`,
    );
    await new Promise((r) => setTimeout(r, 50));
    const closing = own.close();
    // ...while a pipelined request behind it arrives after shutdown began.
    socket.write('  GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await closing;
    await new Promise((r) => setTimeout(r, 20));
    socket.destroy();
    expect(text).toContain('"code":"SIGNATURE_INVALID"');
    expect(text).toMatch(/HTTP\/1\.1 503 [\s\S]*"code":"SHUTTING_DOWN"/);
    covered.add('SHUTTING_DOWN');
  });
});

function rawHttp(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d) => {
      out += d.toString();
    });
    socket.on('end', () => resolve(out));
    socket.on('close', () => resolve(out));
    socket.on('error', (e) => (out ? resolve(out) : reject(e)));
  });
}

async function expectClose(client: AgentClient, close: number, code: string) {
  const closed = await client.waitClose();
  expect(closed).toEqual({ code: close, reason: code });
  expect(WIRE_CODES[code as keyof typeof WIRE_CODES].close).toBe(close);
  covered.add(code);
}

async function expectErrorFrame(
  client: AgentClient,
  send: () => void,
  code: string,
  id: unknown = null,
) {
  const reply = client.next((f) => f.type === 'error');
  send();
  const frame = await reply;
  expect(frame).toMatchObject({ type: 'error', id, code, message: expect.any(String) });
  if (code in WIRE_CODES) {
    expect(WIRE_CODES[code as keyof typeof WIRE_CODES].close).toBeNull();
    covered.add(code);
  }
  expect(client.closed).toBeNull();
}

describe('bad input: agent WebSocket', () => {
  it('a frame before auth -> close 1008 WS_AUTH_REQUIRED', async () => {
    const before = JSON.stringify(server.snapshot());
    for (const frame of ['{"type":"setState","status":"Available"}', 'not json', '[]']) {
      const c = await AgentClient.connect(server.wsUrl);
      c.sendRaw(frame);
      await expectClose(c, 1008, 'WS_AUTH_REQUIRED');
    }
    expect(JSON.stringify(server.snapshot())).toBe(before);
  });

  it('a bad token -> close 1008 WS_AUTH_FAILED', async () => {
    const c = await AgentClient.connect(server.wsUrl);
    c.sendRaw(JSON.stringify({ type: 'auth', token: 'nope' }));
    await expectClose(c, 1008, 'WS_AUTH_FAILED');
  });

  it('no auth frame in time -> close 1008 WS_AUTH_TIMEOUT', async () => {
    const own = await start({ limits: { authTimeoutMs: 30 } });
    try {
      const c = await AgentClient.connect(own.wsUrl);
      await expectClose(c, 1008, 'WS_AUTH_TIMEOUT');
    } finally {
      await own.close();
    }
  });

  it('one socket too many for an agent -> close 1008 WS_TOO_MANY_SOCKETS', async () => {
    const own = await start({ limits: { maxSocketsPerAgent: 1 } });
    try {
      const first = await AgentClient.login(own, 'ann');
      const second = await AgentClient.connect(own.wsUrl);
      second.sendRaw(JSON.stringify({ type: 'auth', token: TOKENS.ann }));
      await expectClose(second, 1008, 'WS_TOO_MANY_SOCKETS');
      expect(first.closed).toBeNull();
      await first.close();
    } finally {
      await own.close();
    }
  });

  it('error frames: already authenticated, invalid JSON, wrong shape, unknown type, binary, other agent', async () => {
    const c = await AgentClient.login(server, 'bob');
    const before = JSON.stringify(server.snapshot());
    await expectErrorFrame(
      c,
      () => c.sendRaw(JSON.stringify({ type: 'auth', token: TOKENS.bob, id: 1 })),
      'WS_ALREADY_AUTHENTICATED',
      1,
    );
    await expectErrorFrame(c, () => c.sendRaw('{"type":'), 'WS_INVALID_JSON');
    await expectErrorFrame(
      c,
      () => c.sendRaw('{"type":"accept","id":"a","conversationId":7}'),
      'WS_INVALID_FRAME',
      'a',
    );
    await expectErrorFrame(c, () => c.sendRaw('{"type":"accept","id":{}}'), 'WS_INVALID_FRAME');
    await expectErrorFrame(c, () => c.sendRaw('{"type":"fly","id":2}'), 'WS_UNKNOWN_TYPE', 2);
    await expectErrorFrame(
      c,
      () => c.sendRaw(Buffer.from('{"type":"ping"}'), true),
      'WS_BINARY_FRAME',
    );
    await expectErrorFrame(
      c,
      () =>
        c.sendRaw(JSON.stringify({ type: 'setState', status: 'Available', agentId: 'ann', id: 3 })),
      'WS_AGENT_MISMATCH',
      3,
    );
    expect(JSON.stringify(server.snapshot())).toBe(before);
    await c.close();
  });

  it('router refusals -> error frame with the router code (invalid transition, R6 limit, unknown code)', async () => {
    const c = await AgentClient.login(server, 'cat');
    const before = JSON.stringify(server.snapshot());
    expect(await c.request({ type: 'accept', conversationId: 'c404' })).toMatchObject({
      type: 'error',
      request: 'accept',
      code: 'UNKNOWN_CONVERSATION',
    });
    expect(await c.request({ type: 'setState', status: 'Idle', idleCode: 'nap' })).toMatchObject({
      code: 'UNKNOWN_IDLE_CODE',
    });
    expect(
      await c.request({ type: 'wrapUp', conversationId: 'c404', reasonId: 'resolved' }),
    ).toMatchObject({
      type: 'error',
    });
    expect(JSON.stringify(server.snapshot())).toBe(before);
    await c.close();
  });

  it('an oversize frame -> close 1009 WS_FRAME_TOO_LARGE', async () => {
    const c = await AgentClient.login(server, 'ann');
    c.sendRaw(JSON.stringify({ type: 'send', conversationId: 'c1', text: 'x'.repeat(9000) }));
    const closed = await c.waitClose();
    expect(closed.code).toBe(1009);
    expect(WIRE_CODES.WS_FRAME_TOO_LARGE.close).toBe(1009);
    covered.add('WS_FRAME_TOO_LARGE');
  });

  it('invalid UTF-8 in a text frame -> close 1007 WS_INVALID_UTF8', async () => {
    const c = await AgentClient.login(server, 'ann');
    c.sendRaw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), false);
    const closed = await c.waitClose();
    expect(closed.code).toBe(1007);
    expect(WIRE_CODES.WS_INVALID_UTF8.close).toBe(1007);
    covered.add('WS_INVALID_UTF8');
  });

  it('a socket that does not read -> close 1013 WS_SLOW_CONSUMER', async () => {
    // A limit below zero closes on the first frame: deterministic, unlike a real backlog.
    const own = await start({ limits: { maxBufferedBytes: -1 } });
    try {
      const c = await AgentClient.connect(own.wsUrl);
      c.sendRaw(JSON.stringify({ type: 'auth', token: TOKENS.ann }));
      await expectClose(c, 1013, 'WS_SLOW_CONSUMER');
    } finally {
      await own.close();
    }
  });

  it('a peer that stops answering pings is dropped; one that answers stays', async () => {
    const own = await start({ limits: { heartbeatMs: 30 } });
    try {
      const silent = new WebSocket(own.wsUrl, { autoPong: false });
      const answering = await AgentClient.login(own, 'ann');
      const code = await new Promise<number>((resolve) => silent.on('close', (c) => resolve(c)));
      expect(code).toBe(1006);
      await new Promise((r) => setTimeout(r, 100));
      expect(answering.closed).toBeNull();
      await answering.close();
    } finally {
      await own.close();
    }
  });

  it('shutdown -> close 1001 WS_SHUTTING_DOWN', async () => {
    const own = await start();
    const c = await AgentClient.login(own, 'ann');
    await own.close();
    await expectClose(c, 1001, 'WS_SHUTTING_DOWN');
  });

  it('an upgrade on another path -> HTTP 404 NOT_FOUND', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/other`);
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status).toBe(404);
  });
});

describe('bad input: WebSocket handshake', () => {
  it('an upgrade that is not a WebSocket handshake -> HTTP 400 WS_HANDSHAKE_INVALID', async () => {
    const r = await rawHttp(
      'GET /agent HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 8\r\n\r\n',
    );
    expect(r).toMatch(/^HTTP\/1\.1 400 /);
    expect(r).toContain('"code":"WS_HANDSHAKE_INVALID"');
    covered.add('WS_HANDSHAKE_INVALID');
  });
});

describe('the table is complete', () => {
  it('every named code with a wire code was exercised above (or in its own test file)', () => {
    // Covered elsewhere: JOURNAL_UNAVAILABLE (sequencer.test.ts), DB_TENANT_MISMATCH and
    // DB_SCHEMA_MISMATCH (replay.test.ts), DB_SNAPSHOT_INVALID (snapshots.test.ts), SECRETS_FILE_* (secretsFile.test.ts, serveCli.test.ts), QUEUE_FULL and
    // WS_*_TOO_LARGE (limits.test.ts), OVERLOADED and TOO_MANY_CONNECTIONS (loadShedder.test.ts).
    // INTERNAL cannot be provoked from outside on purpose.
    const elsewhere = [
      'JOURNAL_UNAVAILABLE',
      'DB_TENANT_MISMATCH',
      'DB_SCHEMA_MISMATCH',
      'DB_SNAPSHOT_INVALID',
      'QUEUE_FULL',
      'OVERLOADED',
      'TOO_MANY_CONNECTIONS',
      'WS_RESPONSE_TOO_LARGE',
      'WS_EVENT_TOO_LARGE',
      'SECRETS_FILE_UNSAFE',
      'SECRETS_FILE_INVALID',
      'INTERNAL',
    ];
    const missing = Object.keys(WIRE_CODES).filter(
      (c) => !covered.has(c) && !elsewhere.includes(c),
    );
    expect(missing).toEqual([]);
  });
});
