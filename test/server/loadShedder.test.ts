import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  type ServerHandle,
  type ServerOptions,
  signBody,
} from '../../src/server/index.js';
import { LoadShedder } from '../../src/server/loadShedder.js';
import { AgentClient, postSigned, SECRET, start, webhookPayload } from './fixtures.js';

/**
 * Issue 16, item 7: shedding by delay rather than by a count, a cap on connections, bodies
 * checked and bounded while they stream in, nginx-range timeouts. Counts and codes are asserted,
 * never durations.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(overrides: Partial<ServerOptions> = {}): Promise<ServerHandle> {
  const s = await start(overrides);
  cleanups.push(() => s.close());
  return s;
}

/** A raw socket that collects what the server writes. */
async function connect(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const state = { text: '', closed: false };
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => {
    state.text += d;
  });
  socket.on('close', () => {
    state.closed = true;
  });
  socket.on('error', () => {});
  cleanups.push(() => {
    socket.destroy();
  });
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  return { socket, state, closed };
}

describe('LoadShedder: by the delay a new command would see', () => {
  const limits = { ...DEFAULT_LIMITS };
  it('sheds webhooks beyond 200 ms, agents beyond 1 s, with Retry-After', () => {
    let wait = 0;
    const shedder = new LoadShedder(limits, () => wait);
    cleanups.push(() => shedder.stop());
    expect(shedder.refusal('webhook')).toBeNull();
    wait = 250;
    expect(shedder.refusal('webhook')).toMatchObject({
      code: 'OVERLOADED',
      status: 503,
      retryAfterSeconds: 1,
    });
    expect(shedder.refusal('agent')).toBeNull();
    wait = 1500;
    expect(shedder.refusal('agent')).toMatchObject({ code: 'OVERLOADED' });
    expect(shedder.delayMs()).toBeGreaterThanOrEqual(1500);
  });
});

describe('shedding at a running server', () => {
  it('an overloaded server answers webhooks 503 OVERLOADED + Retry-After before reading them, and takes nothing in', async () => {
    // A threshold below any delay: every webhook is shed (the wiring, deterministically).
    const s = await server({ limits: { shedWebhooksAfterMs: -1 } });
    const before = JSON.stringify(s.snapshot());
    const r = await postSigned(s, webhookPayload({ from: '447700900001', id: 'o1', text: 'hi' }));
    expect(r.status).toBe(503);
    expect(r.headers['retry-after']).toBe('1');
    expect(r.json().error.code).toBe('OVERLOADED');
    expect(JSON.stringify(s.snapshot())).toBe(before);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/ccsim_shed_total\{kind="webhook"\} 1/);
    expect(metrics).toMatch(/ccsim_delay_seconds \d/);
  });

  it("agents' commands are shed with an OVERLOADED error frame; their queries are not", async () => {
    const s = await server({ limits: { shedAgentCommandsAfterMs: -1 } });
    const ann = await AgentClient.login(s, 'ann');
    cleanups.push(() => ann.close());
    expect(await ann.request({ type: 'setState', status: 'Available' })).toMatchObject({
      type: 'error',
      code: 'OVERLOADED',
    });
    expect((await ann.request({ type: 'queues' })).type).toBe('ok');
  });
});

describe('connections, bodies and timeouts', () => {
  it('a connection over maxConnections gets 503 TOO_MANY_CONNECTIONS and is closed; one frees a place', async () => {
    const s = await server({ limits: { maxConnections: 2 } });
    const a = await connect(s.port);
    await connect(s.port);
    const third = await connect(s.port);
    third.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await third.closed;
    expect(third.state.text).toMatch(/^HTTP\/1\.1 503 /);
    expect(third.state.text).toContain('"code":"TOO_MANY_CONNECTIONS"');
    a.socket.destroy();
    await a.closed;
    await new Promise((r) => setTimeout(r, 20));
    const fourth = await connect(s.port);
    fourth.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await fourth.closed;
    expect(fourth.state.text).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('no or a malformed signature: 401 before a byte of the body is read', async () => {
    const s = await server();
    for (const header of ['', 'X-Hub-Signature-256: sha1=abc\r\n']) {
      const c = await connect(s.port);
      // A 1 MB body is announced and never sent: the answer does not wait for it.
      c.socket.write(
        `POST /webhook HTTP/1.1\r\nHost: x\r\n${header}Content-Length: 1000000\r\n\r\n`,
      );
      await c.closed;
      expect(c.state.text).toMatch(/^HTTP\/1\.1 401 /);
      expect(c.state.text).toMatch(/"code":"SIGNATURE_(MISSING|INVALID)"/);
      expect(c.state.text.toLowerCase()).toContain('connection: close');
    }
  });

  it('1 MB bodies from 20 clients with a 4 MB budget: 4 are read, 16 get 503 OVERLOADED at once', async () => {
    const s = await server({
      limits: { bodyLimitBytes: 1024 * 1024, maxBufferedBodyBytes: 4 * 1024 * 1024 },
    });
    const clients = await Promise.all(Array.from({ length: 20 }, () => connect(s.port)));
    const signature = `sha256=${'ab'.repeat(32)}`;
    for (const c of clients) {
      c.socket.write(
        `POST /webhook HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: ${signature}\r\nContent-Length: ${1024 * 1024}\r\n\r\n`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
    const refused = clients.filter((c) => /^HTTP\/1\.1 503 /.test(c.state.text));
    expect(refused).toHaveLength(16);
    for (const c of refused) expect(c.state.text).toContain('"code":"OVERLOADED"');
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/ccsim_body_bytes_buffered 4194304/);
    // The four being read send their (wrongly signed) bodies: 401, and the budget is free again.
    const read = clients.filter((c) => c.state.text === '');
    expect(read).toHaveLength(4);
    for (const c of read) c.socket.write('x'.repeat(1024 * 1024));
    await Promise.all(read.map((c) => waitFor(() => c.state.text !== '')));
    for (const c of read) expect(c.state.text).toContain('"code":"SIGNATURE_INVALID"');
    const after = await (await fetch(`${s.url}/metrics`)).text();
    expect(after).toMatch(/ccsim_body_bytes_buffered 0/);
    // And a real webhook goes through.
    const ok = await postSigned(s, webhookPayload({ from: '447700900001', id: 'b1', text: 'hi' }));
    expect(ok.status).toBe(200);
  });

  it('a body that stalls longer than bodyIdleTimeoutMs: 408 REQUEST_TIMEOUT and the connection closes', async () => {
    const s = await server({ limits: { bodyIdleTimeoutMs: 100 } });
    const body = JSON.stringify(webhookPayload({ from: '447700900001', id: 't1', text: 'hi' }));
    const c = await connect(s.port);
    c.socket.write(
      `POST /webhook HTTP/1.1\r\nHost: x\r\nX-Hub-Signature-256: ${signBody(SECRET, body)}\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await c.closed;
    expect(c.state.text).toMatch(/^HTTP\/1\.1 408 /);
    expect(c.state.text).toContain('"code":"REQUEST_TIMEOUT"');
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}
