import http from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import type { DesktopEvent, TenantConfig } from '../../src/core/index.js';
import {
  type ServerHandle,
  type ServerOptions,
  signBody,
  startServer,
} from '../../src/server/index.js';

export const tenant = (overrides: Partial<TenantConfig> = {}): TenantConfig => ({
  queues: [
    { id: 'sales', name: 'Sales' },
    { id: 'support', name: 'Support' },
  ],
  assets: [
    { id: 'pn-sales', number: '+31 20 555 0100', queueId: 'sales' },
    { id: 'pn-support', number: '+31 20 555 0200', queueId: 'support' },
  ],
  agents: [
    { id: 'ann', name: 'Ann Smith', capacity: 2 },
    { id: 'bob', name: 'Bob Jones', capacity: 2 },
    { id: 'cat', name: 'Cat Lee', capacity: 2 },
  ],
  wrapUpReasons: [
    { id: 'resolved', label: 'Resolved' },
    { id: 'follow-up', label: 'Needs follow-up' },
  ],
  idleCodes: [{ id: 'break', label: 'Break' }],
  ronaTimeoutMs: 30_000,
  transferPolicy: 'disconnect',
  masking: { enabled: false },
  ...overrides,
});

export const TOKENS = { ann: 'token-ann-0001', bob: 'token-bob-0002', cat: 'token-cat-0003' };
export const SECRET = 'test-app-secret';
export const ADMIN = 'test-admin-token';
export const VERIFY = 'test-verify-token';

export const quietLog = () => {};

export async function start(overrides: Partial<ServerOptions> = {}): Promise<ServerHandle> {
  return startServer({
    tenant: tenant(),
    agentTokens: TOKENS,
    db: ':memory:',
    port: 0,
    appSecret: SECRET,
    adminToken: ADMIN,
    verifyToken: VERIFY,
    log: quietLog,
    ...overrides,
  });
}

export interface InboundSpec {
  readonly from: string;
  readonly id: string;
  readonly text: string;
  readonly name?: string;
  readonly phoneNumberId?: string;
}

/** A WhatsApp Cloud API webhook payload, as Meta sends it. */
export function webhookPayload(...messages: InboundSpec[]): unknown {
  const byAsset = new Map<string, InboundSpec[]>();
  for (const m of messages) {
    const asset = m.phoneNumberId ?? 'pn-sales';
    byAsset.set(asset, [...(byAsset.get(asset) ?? []), m]);
  }
  return {
    object: 'whatsapp_business_account',
    entry: [...byAsset.entries()].map(([asset, ms]) => ({
      id: 'WABA-1',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '31205550100', phone_number_id: asset },
            contacts: ms.map((m) => ({
              profile: { name: m.name ?? `Customer ${m.from}` },
              wa_id: m.from,
            })),
            messages: ms.map((m) => ({
              from: m.from,
              id: m.id,
              timestamp: '1700000000',
              type: 'text',
              text: { body: m.text },
            })),
          },
        },
      ],
    })),
  };
}

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any response, asserted by tests
  json: () => any;
}

/** One HTTP request over loopback (no keep-alive, so tests leave no sockets behind). */
export function request(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    agent?: http.Agent;
  } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    // Framed explicitly: Node sends a DELETE body without Content-Length or chunking otherwise.
    const headers = { ...options.headers };
    if (options.body !== undefined)
      headers['content-length'] = String(Buffer.byteLength(options.body));
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export function postSigned(
  server: { url: string },
  payload: unknown,
  secret = SECRET,
): Promise<HttpResult> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return request(`${server.url}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(secret, body) },
    body,
  });
}

export function admin(server: { url: string }, path: string, method = 'GET'): Promise<HttpResult> {
  return request(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN}` } });
}

/** The load-test extension: `POST /admin/customers/abandon` with a JSON (or raw) body. */
export function abandon(
  server: { url: string },
  body: unknown,
  token = ADMIN,
): Promise<HttpResult> {
  return request(`${server.url}/admin/customers/abandon`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: frames are untyped JSON, asserted by tests
type Frame = Record<string, any>;

/** A scripted agent desktop: request/reply by id, and a queue of pushed events. */
export class AgentClient {
  readonly frames: Frame[] = [];
  readonly events: DesktopEvent[] = [];
  private nextId = 1;
  private readonly waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  closed: { code: number; reason: string } | null = null;
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      if (frame.type === 'event') this.events.push(frame.event);
      for (const w of [...this.waiters]) {
        if (w.test(frame)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(frame);
        }
      }
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.closeWaiters) w(this.closed);
    });
    ws.on('error', () => {});
  }

  static connect(wsUrl: string): Promise<AgentClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl);
      const client = new AgentClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  static async login(server: ServerHandle, agentId: keyof typeof TOKENS): Promise<AgentClient> {
    const client = await AgentClient.connect(server.wsUrl);
    const ok = await client.request({ type: 'auth', token: TOKENS[agentId] });
    if (ok.type !== 'auth.ok') throw new Error(`auth failed: ${JSON.stringify(ok)}`);
    return client;
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Sends a request frame with a fresh id and resolves with its reply (ok, auth.ok or error). */
  request(frame: Frame): Promise<Frame> {
    const id = this.nextId++;
    const reply = this.next((f) => f.id === id && f.type !== 'event');
    this.ws.send(JSON.stringify({ ...frame, id }));
    return reply;
  }

  /** Like request, but throws unless the reply is ok. */
  async ok(frame: Frame): Promise<Frame> {
    const reply = await this.request(frame);
    if (reply.type === 'error')
      throw new Error(`${frame.type} refused: ${reply.code} ${reply.message}`);
    return reply;
  }

  next(test: (f: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.waiters.push({
        test,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** The first pushed event matching `test`, received already or arriving later. */
  async event<T extends DesktopEvent['type']>(
    type: T,
    test: (e: Extract<DesktopEvent, { type: T }>) => boolean = () => true,
  ): Promise<Extract<DesktopEvent, { type: T }>> {
    const seen = this.events.find((e) => e.type === type && test(e as never));
    if (seen) return seen as Extract<DesktopEvent, { type: T }>;
    const frame = await this.next(
      (f) => f.type === 'event' && f.event.type === type && test(f.event),
    );
    return frame.event;
  }

  waitClose(): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const done = this.waitClose().then(() => undefined);
    this.ws.close();
    return done;
  }
}

export interface GraphRequest {
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  // biome-ignore lint/suspicious/noExplicitAny: the JSON body as the sink got it
  readonly body: any;
}

/** A Cloud API stand-in on loopback: records every POST; can fail the first N answers. */
export class GraphSink {
  readonly requests: GraphRequest[] = [];
  failNext = 0;
  failStatus = 500;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<GraphSink> {
    let sink!: GraphSink;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (sink.failNext > 0) {
          sink.failNext--;
          res.writeHead(sink.failStatus, { 'content-type': 'application/json' });
          res.end('{"error":{"message":"try later"}}');
          return;
        }
        sink.requests.push({
          path: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            messaging_product: 'whatsapp',
            messages: [{ id: `wamid.${sink.requests.length}` }],
          }),
        );
        for (const w of sink.waiters.splice(0)) w();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    sink = new GraphSink(server, `http://127.0.0.1:${port}/v21.0`);
    return sink;
  }

  async waitFor(n: number, timeoutMs = 5000): Promise<GraphRequest[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.requests.length < n) {
      if (Date.now() > deadline) throw new Error(`graph sink got ${this.requests.length} of ${n}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.requests;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls `check` until it returns a value other than undefined (bounded). */
export async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
