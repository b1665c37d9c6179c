import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RouterErrorCode } from '../../src/core/index.js';
import { type ServerHandle, signBody } from '../../src/server/index.js';
import { AgentClient, request, SECRET, start, webhookPayload } from './fixtures.js';

/**
 * Thousands of malformed webhooks and WebSocket frames at a running server (fast-check, fixed
 * seed). Each gets the code docs/protocol.md documents for it, computed here by an oracle that
 * does not use the server's own parsers; the server stays up and its routing state is unchanged.
 */

const SEED = 20_261_124;
const RUNS = 2500;
const BODY_LIMIT = 16 * 1024;

let server: ServerHandle;
let before: string;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  server = await start({ limits: { bodyLimitBytes: BODY_LIMIT } });
  before = JSON.stringify(server.snapshot());
});
afterAll(async () => {
  agent.destroy();
  await server.close();
});

// biome-ignore lint/suspicious/noExplicitAny: fuzzed JSON is mutated at arbitrary paths
type Mutable = Record<string, any>;

interface WebhookCase {
  readonly method: string;
  readonly body: string;
  readonly signature: string | undefined;
  readonly expect: { status: number; code: string };
}

const valid = fc
  .array(
    fc.record({
      from: fc.stringMatching(/^[0-9]{6,15}$/),
      id: fc.string({ minLength: 1, maxLength: 40 }),
      text: fc.string({ minLength: 1, maxLength: 80 }),
      phoneNumberId: fc.constantFrom('pn-sales', 'pn-support'),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .map((ms) => webhookPayload(...ms) as Mutable);

const notDigits = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^[0-9]+$/.test(s));
const notString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { minLength: 1 }),
);

/** Each corrupts a valid payload in a way that must give this code. */
const mutations: fc.Arbitrary<{ apply: (p: Mutable) => void; code: string; status: number }> =
  fc.oneof(
    fc.constant({ apply: (p: Mutable) => delete p.object, code: 'INVALID_PAYLOAD', status: 422 }),
    fc
      .string()
      .filter((s) => s !== 'whatsapp_business_account')
      .map((s) => ({
        apply: (p: Mutable) => (p.object = s),
        code: 'INVALID_PAYLOAD',
        status: 422,
      })),
    notString.map((v) => ({
      apply: (p: Mutable) => (p.entry = v),
      code: 'INVALID_PAYLOAD',
      status: 422,
    })),
    fc.constant({
      apply: (p: Mutable) => (p.entry[0].changes[0].value.messaging_product = 'sms'),
      code: 'INVALID_PAYLOAD',
      status: 422,
    }),
    fc.constant({
      apply: (p: Mutable) => delete p.entry[0].changes[0].value.metadata,
      code: 'INVALID_PAYLOAD',
      status: 422,
    }),
    notString.map((v) => ({
      apply: (p: Mutable) => (p.entry[0].changes[0].value.metadata.phone_number_id = v),
      code: 'INVALID_PAYLOAD',
      status: 422,
    })),
    notDigits.map((v) => ({
      apply: (p: Mutable) => (p.entry[0].changes[0].value.messages[0].from = v),
      code: 'INVALID_PAYLOAD',
      status: 422,
    })),
    fc.constant({
      apply: (p: Mutable) => (p.entry[0].changes[0].value.messages[0].id = ''),
      code: 'INVALID_PAYLOAD',
      status: 422,
    }),
    notDigits.map((v) => ({
      apply: (p: Mutable) => (p.entry[0].changes[0].value.messages[0].timestamp = v),
      code: 'INVALID_PAYLOAD',
      status: 422,
    })),
    fc.constant({
      apply: (p: Mutable) => delete p.entry[0].changes[0].value.messages[0].text,
      code: 'INVALID_PAYLOAD',
      status: 422,
    }),
    fc.constant({
      apply: (p: Mutable) => (p.entry[0].changes[0].value.messages[0].text.body = ''),
      code: 'INVALID_PAYLOAD',
      status: 422,
    }),
    notString.map((v) => ({
      apply: (p: Mutable) => (p.entry[0].changes[0].value.contacts = v),
      code: 'INVALID_PAYLOAD',
      status: 422,
    })),
    fc
      .string({ minLength: 1, maxLength: 100 })
      .filter((s) => s !== 'pn-sales' && s !== 'pn-support')
      .map((s) => ({
        apply: (p: Mutable) => (p.entry[0].changes[0].value.metadata.phone_number_id = s),
        code: 'UNKNOWN_ASSET',
        status: 404,
      })),
  );

function signed(body: string, expectation: { status: number; code: string }): WebhookCase {
  return { method: 'POST', body, signature: signBody(SECRET, body), expect: expectation };
}

/** Whether a body parses as JSON: then the shape is wrong (422), else 400. */
function jsonOrNot(body: string): { status: number; code: string } {
  try {
    JSON.parse(body);
    return { status: 422, code: 'INVALID_PAYLOAD' };
  } catch {
    return { status: 400, code: 'INVALID_JSON' };
  }
}

const webhookCases: fc.Arbitrary<WebhookCase> = fc.oneof(
  // Arbitrary text, correctly signed.
  fc.string({ maxLength: 300 }).map((s) => signed(s, jsonOrNot(s))),
  // Arbitrary JSON values that are not a WhatsApp payload.
  fc
    .jsonValue({ maxDepth: 4 })
    .filter((v) => !(typeof v === 'object' && v !== null && 'object' in v))
    .map((v) => JSON.stringify(v) ?? 'null')
    .map((s) => signed(s, { status: 422, code: 'INVALID_PAYLOAD' })),
  // A real payload with one corruption.
  fc.tuple(valid, mutations).map(([payload, m]) => {
    m.apply(payload);
    return signed(JSON.stringify(payload), { status: m.status, code: m.code });
  }),
  // A real payload with a missing or wrong signature.
  fc
    .tuple(
      valid,
      fc.oneof(
        fc.constant(undefined),
        fc.constant(''),
        fc.string({ maxLength: 80 }).filter((s) => s !== ''),
        fc.stringMatching(/^[0-9a-f]{64}$/).map((h) => `sha256=${h}`),
      ),
    )
    .map(([payload, signature]) => ({
      method: 'POST',
      body: JSON.stringify(payload),
      signature,
      // HTTP trims header values: a blank one is a missing one.
      expect: signature?.trim()
        ? { status: 401, code: 'SIGNATURE_INVALID' }
        : { status: 401, code: 'SIGNATURE_MISSING' },
    })),
  // Over the body limit.
  fc
    .integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT * 2 })
    .map((n) => signed('x'.repeat(n), { status: 413, code: 'BODY_TOO_LARGE' })),
  // Wrong methods.
  fc
    .tuple(fc.constantFrom('PUT', 'PATCH', 'DELETE'), fc.string({ maxLength: 50 }))
    .map(([method, body]) => ({
      method,
      body,
      signature: signBody(SECRET, body),
      expect: { status: 405, code: 'METHOD_NOT_ALLOWED' },
    })),
);

describe('fuzz: webhooks', () => {
  it(`${RUNS} malformed webhooks each get their documented code; nothing is taken in`, async () => {
    await fc.assert(
      fc.asyncProperty(webhookCases, async (c) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (c.signature !== undefined) headers['x-hub-signature-256'] = c.signature;
        const res = await request(`${server.url}/webhook`, {
          method: c.method,
          headers,
          body: c.body,
          agent,
        });
        expect({ status: res.status, code: res.json().error?.code }).toEqual(c.expect);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(JSON.stringify(server.snapshot())).toBe(before);
    expect((await request(`${server.url}/healthz`)).status).toBe(200);
    const metrics = await request(`${server.url}/metrics`);
    expect(metrics.text).toMatch(/^ccsim_messages_in_total 0$/m);
  });
});

const KNOWN = [
  'auth',
  'setState',
  'accept',
  'send',
  'transfer',
  'conference',
  'leaveConference',
  'endConference',
  'end',
  'wrapUp',
  'queues',
  'agents',
  'wrapUpReasons',
  'idleCodes',
  'desktop',
  'ping',
];
const CONVERSATION_COMMANDS = ['accept', 'leaveConference', 'endConference', 'end'];

/** The documented answer to a text frame from an authenticated agent, by the documented order of checks. */
function oracle(text: string, agentId: string): string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'WS_INVALID_JSON';
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'WS_INVALID_FRAME';
  const f = json as Mutable;
  if ('id' in f && f.id !== undefined) {
    const okId =
      (typeof f.id === 'string' && f.id.length <= 128) ||
      (typeof f.id === 'number' && Number.isFinite(f.id));
    if (!okId) return 'WS_INVALID_FRAME';
  }
  if (typeof f.type !== 'string') return 'WS_INVALID_FRAME';
  if (!KNOWN.includes(f.type)) return 'WS_UNKNOWN_TYPE';
  if (f.agentId !== undefined && f.agentId !== agentId) return 'WS_AGENT_MISMATCH';
  return 'KNOWN';
}

type FrameCase = { data: string | Uint8Array; expect: string };

const badConversationId = fc.oneof(
  fc.constant(undefined),
  fc.constant(''),
  fc.integer(),
  fc.string({ minLength: 257, maxLength: 300 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
);
const conversationId = fc.string({ minLength: 1, maxLength: 60 });
const badTarget = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.record({ kind: fc.string().filter((k) => k !== 'queue' && k !== 'agent') }),
  fc.record({ kind: fc.constant('queue'), queueId: fc.integer() }),
  fc.record({ kind: fc.constant('agent') }),
);

const frameCases: fc.Arbitrary<FrameCase> = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => ({ data: s, expect: oracle(s, 'ann') })),
  fc
    .jsonValue({ maxDepth: 3 })
    .map((v) => JSON.stringify(v) ?? 'null')
    .map((s) => ({ data: s, expect: oracle(s, 'ann') })),
  fc
    .record({
      type: fc.string({ maxLength: 30 }).filter((t) => !KNOWN.includes(t)),
      id: fc.option(fc.oneof(fc.integer(), fc.string({ maxLength: 10 })), { nil: undefined }),
    })
    .map((f) => ({ data: JSON.stringify(f), expect: 'WS_UNKNOWN_TYPE' })),
  // Known types with fields of the wrong shape.
  fc
    .tuple(fc.constantFrom(...CONVERSATION_COMMANDS, 'send', 'wrapUp'), badConversationId)
    .map(([type, id]) => ({
      data: JSON.stringify({ type, conversationId: id, text: 'x', reasonId: 'resolved' }),
      expect: 'WS_INVALID_FRAME',
    })),
  fc
    .tuple(fc.constantFrom('transfer', 'conference'), conversationId, badTarget)
    .map(([type, c, target]) => ({
      data: JSON.stringify({ type, conversationId: c, target }),
      expect: 'WS_INVALID_FRAME',
    })),
  fc
    .oneof(
      fc.string().filter((s) => !['Available', 'Idle', 'LoggedOut'].includes(s)),
      fc.integer(),
    )
    .map((status) => ({
      data: JSON.stringify({ type: 'setState', status }),
      expect: 'WS_INVALID_FRAME',
    })),
  fc.oneof(fc.integer(), fc.constant(null)).map((text) => ({
    data: JSON.stringify({ type: 'send', conversationId: 'c1', text }),
    expect: 'WS_INVALID_FRAME',
  })),
  // Well-formed commands the router refuses (no such conversation, unknown idle code).
  fc
    .tuple(fc.constantFrom(...CONVERSATION_COMMANDS), conversationId)
    .map(([type, c]) => ({ data: JSON.stringify({ type, conversationId: c }), expect: 'ROUTER' })),
  fc.tuple(conversationId, fc.string({ maxLength: 5000 })).map(([c, text]) => ({
    data: JSON.stringify({ type: 'send', conversationId: c, text }),
    expect: 'ROUTER',
  })),
  fc
    .tuple(
      fc.constantFrom('transfer', 'conference'),
      conversationId,
      fc.constantFrom('sales', 'bob', 'zz'),
    )
    .map(([type, c, id]) => ({
      data: JSON.stringify({
        type,
        conversationId: c,
        target: id === 'bob' ? { kind: 'agent', agentId: id } : { kind: 'queue', queueId: id },
      }),
      expect: 'ROUTER',
    })),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((code) => code !== 'break')
    .map((idleCode) => ({
      data: JSON.stringify({ type: 'setState', status: 'Idle', idleCode }),
      expect: 'ROUTER',
    })),
  // Queries are fine whatever the search term; they change nothing.
  fc
    .tuple(fc.constantFrom('queues', 'agents', 'wrapUpReasons'), fc.string({ maxLength: 256 }))
    .map(([type, search]) => ({ data: JSON.stringify({ type, search }), expect: 'OK' })),
  fc.uint8Array({ maxLength: 100 }).map((b) => ({ data: b, expect: 'WS_BINARY_FRAME' })),
);

const ROUTER_CODES = new Set<string>(Object.values(RouterErrorCode));

describe('fuzz: agent WebSocket frames', () => {
  it(`${RUNS} malformed or refused frames each get their documented answer; state unchanged`, async () => {
    const ann = await AgentClient.login(server, 'ann');
    await fc.assert(
      fc.asyncProperty(frameCases, async (c) => {
        const reply = ann.next((f) => f.type !== 'event');
        if (typeof c.data === 'string') ann.sendRaw(c.data);
        else ann.sendRaw(Buffer.from(c.data), true);
        const frame = await reply;
        if (c.expect === 'OK') expect(frame.type).toBe('ok');
        else if (c.expect === 'ROUTER') {
          expect(frame.type).toBe('error');
          expect(ROUTER_CODES.has(frame.code)).toBe(true);
        } else
          expect({ type: frame.type, code: frame.code }).toEqual({ type: 'error', code: c.expect });
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(ann.closed).toBeNull();
    expect(ann.events).toEqual([]);
    expect(JSON.stringify(server.snapshot())).toBe(before);
    await ann.close();
  });

  it('frames before authentication: close 1008 with WS_AUTH_REQUIRED or WS_AUTH_FAILED', async () => {
    const preAuth = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
      fc.string({ maxLength: 60 }).map((token) => JSON.stringify({ type: 'auth', token })),
      fc.constantFrom(...KNOWN.filter((t) => t !== 'auth')).map((type) => JSON.stringify({ type })),
    );
    await fc.assert(
      fc.asyncProperty(preAuth, async (text) => {
        let expected = 'WS_AUTH_REQUIRED';
        try {
          const f = JSON.parse(text);
          if (f && typeof f === 'object' && f.type === 'auth' && typeof f.token === 'string') {
            expected = 'WS_AUTH_FAILED';
          }
        } catch {}
        const c = await AgentClient.connect(server.wsUrl);
        c.sendRaw(text);
        expect(await c.waitClose()).toEqual({ code: 1008, reason: expected });
      }),
      { seed: SEED, numRuns: 300 },
    );
    expect(JSON.stringify(server.snapshot())).toBe(before);
    expect((await request(`${server.url}/healthz`)).status).toBe(200);
  });
});
