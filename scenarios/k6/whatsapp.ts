// k6 load test of a WhatsApp contact-center deployment that speaks docs/protocol.md, replaying the
// traffic `ccsim trace --format k6` wrote (the customers of one simulated replication) while agent
// VUs follow the scenario's agent behaviour over the WebSocket desktop. The same metric names and
// thresholds as `ccsim loadtest` (docs/load.md). Self-contained: k6 modules only.
//
//   npx ccsim trace scenarios/whatsapp-smoke.yaml --format k6 --out reports/whatsapp-smoke.k6.json
//   k6 run -e TARGET=http://127.0.0.1:8080 -e APP_SECRET=... -e ADMIN_TOKEN=... -e SPEED=60 \
//     scenarios/k6/whatsapp.ts
//
// Environment: TARGET (required), APP_SECRET (required: the webhook signature key), ADMIN_TOKEN
// (optional: asset deletions and the loss check), SPEED (default 1; start the deployment with the
// same --speed), TRACE (default ../../reports/whatsapp-smoke.k6.json, relative to this script),
// AGENT_TOKENS (JSON {"agent-id": "token"}, overrides the trace's), RUN_TAG (tag in message ids),
// LEAD_SECONDS (default 3: time for agents to log in before the first customer), SUMMARY (default
// summary.k6.json), ABANDON (auto|on|off, default auto: send the trace's abandons through the
// load-test extension POST /admin/customers/abandon when the target has it; needs ADMIN_TOKEN).
//
// Customers: one iteration per conversation (shared-iterations over the trace's conversations, in
// arrival order), each message sent at its scheduled time (sleep until then), latency measured from
// that intended time: a scheduled per-event executor, exact where an arrival-rate executor would
// only match rates. A customer who abandoned in the simulation abandons after their messages, at
// the trace's time, when the deployment has the reference deployment's load-test extension (the
// Cloud API has no abandon signal). Distributed (k6-operator `parallelism: n`): k6's execution segments give each
// instance its own iterations (= conversations) and its own agent VUs, like `--segment i/n`.

import { check, sleep } from 'k6';
import crypto from 'k6/crypto';
import { SharedArray } from 'k6/data';
import encoding from 'k6/encoding';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';
import { clearTimeout, setTimeout } from 'k6/timers';
import { WebSocket } from 'k6/websockets';

// --- the trace (ccsim trace --format k6) ---------------------------------------------------------

type Distribution =
  | { dist: 'exponential'; mean: number }
  | { dist: 'lognormal'; mean: number; sd: number }
  | { dist: 'gamma'; mean: number; shape: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'deterministic'; value: number }
  | { dist: 'empirical'; values: number[]; weights?: number[] };

interface TraceMessage {
  at: number;
  arrival: number;
  seq: number;
  assetId: string;
  displayNumber: string;
  customerId: string;
  customerName: string;
  messageId: string;
  text: string;
}

interface TraceConversation {
  arrival: number;
  at: number;
  messages: number[];
  /** When the simulated customer gave up waiting (absent: they did not). */
  abandonAt?: number;
}

interface TargetSpec {
  queue?: string;
  agentGroup?: string;
  weight: number;
}

interface TraceMeta {
  header: { scenario: string; seed: number; replication: number; endMs: number; customers: number };
  maxConcurrentConversations: number;
  intervalMs: number;
  staffing: Record<string, number[]>;
  deletions: { assetId: string; atMs: number }[];
  behaviour: {
    acceptDelay: Distribution;
    missProbability: number;
    ronaReturn: { probability: number; delay: Distribution };
    handling:
      | { model: 'handle-time'; handleTime: Distribution }
      | {
          model: 'dialogue';
          messages: Distribution;
          thinkTime: Distribution;
          replyTime: Distribution;
          closeTime: Distribution;
        };
    wrapUpTime: Distribution;
    wrapUpReasons: { id: string; weight: number }[];
    concurrencySlowdown: number[];
    transfer: { probability: number; at: number; targets: TargetSpec[] } | null;
    conference: {
      probability: number;
      at: number;
      targets: TargetSpec[];
      duration: Distribution;
      ownerEndsProbability: number;
    } | null;
    endOfShiftIdleCode: string | null;
    ronaIdleCode: string | null;
  };
  thresholds: Record<string, string[]>;
  agentTexts: string[];
}

interface TraceAgent {
  id: string;
  group: string;
  position: number;
  capacity: number;
  token: string;
}

interface TraceDocument extends TraceMeta {
  format: string;
  messages: TraceMessage[];
  conversations: TraceConversation[];
  secrets: string[];
  agents: TraceAgent[];
}

const TRACE = __ENV.TRACE || '../../reports/whatsapp-smoke.k6.json';
let parsed: TraceDocument | null = null;
function doc(): TraceDocument {
  if (parsed === null) {
    parsed = JSON.parse(open(TRACE)) as TraceDocument;
    if (parsed.format !== 'ccsim-trace-k6') {
      throw new Error(`${TRACE} is not a ccsim k6 trace (ccsim trace --format k6)`);
    }
  }
  return parsed;
}
const messages = new SharedArray<TraceMessage>('messages', () => doc().messages);
const conversations = new SharedArray<TraceConversation>(
  'conversations',
  () => doc().conversations,
);
const secrets = new SharedArray<string>('secrets', () => doc().secrets);
const agentList = new SharedArray<TraceAgent>('agents', () => doc().agents);
const meta = new SharedArray<TraceMeta>('meta', () => {
  const { messages: _m, conversations: _c, secrets: _s, agents: _a, format: _f, ...rest } = doc();
  return [rest];
})[0]!;

const TARGET = (__ENV.TARGET || '').replace(/\/$/, '');
const WS_URL = `${TARGET.replace(/^http/, 'ws')}/agent`;
const APP_SECRET = __ENV.APP_SECRET || '';
const ADMIN_TOKEN = __ENV.ADMIN_TOKEN || '';
const SPEED = Number(__ENV.SPEED || '1');
const LEAD_MS = Number(__ENV.LEAD_SECONDS || '3') * 1000;
const AGENT_TOKENS = JSON.parse(__ENV.AGENT_TOKENS || '{}') as Record<string, string>;
const ABANDON = __ENV.ABANDON || 'auto';
const ABANDON_PATH = '/admin/customers/abandon';
const PLANNED_MS = meta.header.endMs / SPEED;
const MAX_SECONDS = Math.ceil((LEAD_MS + PLANNED_MS) / 1000) + 30;

// --- metrics: the names of `ccsim loadtest` ------------------------------------------------------

const webhookAck = new Trend('webhook_ack', true);
const webhookAckFromSend = new Trend('webhook_ack_from_send', true);
const sendLag = new Trend('send_lag', true);
const messageToDesktop = new Trend('message_to_desktop', true);
const arrivalToOffer = new Trend('arrival_to_offer', true);
const agentRequest = new Trend('agent_request', true);
const webhooks = new Counter('webhooks');
const webhookAcks = new Counter('webhook_acks');
const webhookFailed = new Rate('webhook_failed');
const behindSchedule = new Counter('behind_schedule');
const offers = new Counter('offers');
const messagesDelivered = new Counter('messages_delivered');
const agentReplies = new Counter('agent_replies');
const agentRequestFailed = new Rate('agent_request_failed');
const frames = new Counter('frames');
const leaks = new Counter('leaks');
const lost = new Counter('lost');
const duplicates = new Counter('duplicates');
const abandonAck = new Trend('abandon_ack', true);
const abandonsSent = new Counter('abandons_sent');
const abandonsRefused = new Counter('abandons_refused');

// Thresholds that name metrics this script does not measure (agent_send_to_customer needs the
// replayer's Cloud-API sink) are dropped: k6 refuses thresholds on unknown metrics.
const MEASURED = new Set([
  'webhook_ack',
  'webhook_ack_from_send',
  'send_lag',
  'message_to_desktop',
  'arrival_to_offer',
  'agent_request',
  'webhooks',
  'webhook_acks',
  'webhook_failed',
  'behind_schedule',
  'offers',
  'messages_delivered',
  'agent_replies',
  'agent_request_failed',
  'frames',
  'leaks',
  'lost',
  'duplicates',
  'abandon_ack',
  'abandons_sent',
  'abandons_refused',
]);

export const options: Options = {
  scenarios: {
    customers: {
      executor: 'shared-iterations',
      exec: 'customers',
      vus: Math.max(1, Math.min(conversations.length, meta.maxConcurrentConversations + 10)),
      iterations: Math.max(1, conversations.length),
      maxDuration: `${MAX_SECONDS}s`,
    },
    agents: {
      executor: 'per-vu-iterations',
      exec: 'agents',
      vus: Math.max(1, agentList.length),
      iterations: 1,
      maxDuration: `${MAX_SECONDS}s`,
    },
    ...(ADMIN_TOKEN && meta.deletions.length > 0
      ? {
          admin: {
            executor: 'per-vu-iterations' as const,
            exec: 'admin',
            vus: 1,
            iterations: 1,
            maxDuration: `${MAX_SECONDS}s`,
          },
        }
      : {}),
  },
  thresholds: Object.fromEntries(
    Object.entries(meta.thresholds).filter(([name]) => MEASURED.has(name)),
  ),
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)', 'max', 'count'],
};

// --- set-up: one origin for every VU of every instance -------------------------------------------

interface SetupData {
  t0: number;
  runTag: string;
  /** Send the trace's abandons (ABANDON, the admin token, and the target has the extension). */
  abandon: boolean;
}

/** The extension's answer: sent on (200), refused as not waiting, or something else. */
function abandonAnswer(res: { status: number; json(): unknown }): 'applied' | 'refused' | 'other' {
  if (res.status === 200) return 'applied';
  let code: unknown = null;
  try {
    code = (res.json() as { error?: { code?: unknown } } | null)?.error?.code;
  } catch {
    code = null;
  }
  return code === 'CONVERSATION_NOT_WAITING' || code === 'NO_OPEN_CONVERSATION'
    ? 'refused'
    : 'other';
}

/**
 * Whether to send abandons: never with ABANDON=off or without ADMIN_TOKEN; with `auto`, ask once
 * for a customer nobody is (wa_id 0): the extension answers NO_OPEN_CONVERSATION and changes
 * nothing, a deployment without it answers 404 NOT_FOUND.
 */
function abandonSupported(): boolean {
  if (ABANDON === 'off' || !ADMIN_TOKEN) return false;
  // A SharedArray has length, indexes and for-of; not the other array methods.
  let any = false;
  for (const c of conversations) if (c.abandonAt !== undefined) any = true;
  if (!any) return false;
  if (ABANDON === 'on') return true;
  const probe = http.post(
    `${TARGET}${ABANDON_PATH}`,
    JSON.stringify({ assetId: messages[0]?.assetId ?? '0', customerId: '0' }),
    {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      tags: { name: 'abandon-probe' },
    },
  );
  return abandonAnswer(probe) !== 'other';
}

export function setup(): SetupData {
  if (!TARGET) throw new Error('set TARGET, e.g. -e TARGET=http://127.0.0.1:8080');
  if (!APP_SECRET) throw new Error("set APP_SECRET (the deployment's webhook signature key)");
  const health = http.get(`${TARGET}/healthz`);
  check(health, { 'deployment is healthy': (r) => r.status === 200 });
  const abandon = abandonSupported();
  const t0 = Date.now() + LEAD_MS;
  return { t0, runTag: __ENV.RUN_TAG || `k6${t0.toString(36)}`, abandon };
}

function dueOf(data: SetupData, at: number): number {
  return data.t0 + at / SPEED;
}

/**
 * A message id shaped like the Cloud API's, as the Node replayer sends (src/load/replayMessageIds.ts):
 * `wamid.` + base64 of a Thrift compact struct whose first field is the customer's number and
 * whose second is `<tag>.<arrival>.<seq>`. A deployment that shows agents these ids shows them
 * the number, and the leak check sees it.
 */
function wamidOf(m: TraceMessage, tag: string): string {
  const name = `${tag}.${m.arrival}.${m.seq}`;
  const bytes =
    String.fromCharCode(0x1c, 0x18, m.customerId.length & 0x7f) +
    m.customerId +
    String.fromCharCode(0x15, 0x02, 0x00, 0x11, 0x18, name.length & 0x7f) +
    name +
    String.fromCharCode(0x00);
  return `wamid.${encoding.b64encode(bytes, 'std')}`;
}

/**
 * The reference deployment shows agents `m_` + 22 characters of base64url(HMAC-SHA256(app
 * secret, "ccsim-message-id:<wamid>")) instead of WhatsApp's id (docs/protocol.md, "Message
 * ids"); another deployment may pass WhatsApp's id on. Both lead back to the trace message.
 */
let idIndex: Map<string, { arrival: number; seq: number }> | null = null;
function messageRef(data: SetupData, id: string): { arrival: number; seq: number } | null {
  if (idIndex === null) {
    idIndex = new Map();
    for (const m of messages) {
      const ref = { arrival: m.arrival, seq: m.seq };
      const wamid = wamidOf(m, data.runTag);
      idIndex.set(wamid, ref);
      const mac = crypto.hmac('sha256', APP_SECRET, `ccsim-message-id:${wamid}`, 'base64rawurl');
      idIndex.set(`m_${mac.slice(0, 22)}`, ref);
    }
  }
  return idIndex.get(id) ?? null;
}

function messageAt(arrival: number, seq: number): TraceMessage | undefined {
  const c = conversations[arrival];
  const index = c?.messages[seq - 1];
  return index === undefined ? undefined : messages[index];
}

// --- customers -----------------------------------------------------------------------------------

export function customers(data: SetupData): void {
  const conversation = conversations[exec.scenario.iterationInTest];
  if (conversation === undefined) return;
  for (const index of conversation.messages) {
    const m = messages[index]!;
    const due = dueOf(data, m.at);
    const wait = due - Date.now();
    if (wait > 0) sleep(wait / 1000);
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'ccsim-k6',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: m.displayNumber, phone_number_id: m.assetId },
                contacts: [{ profile: { name: m.customerName }, wa_id: m.customerId }],
                messages: [
                  {
                    from: m.customerId,
                    id: wamidOf(m, data.runTag),
                    timestamp: String(Math.floor(due / 1000)),
                    type: 'text',
                    text: { body: m.text },
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${crypto.hmac('sha256', APP_SECRET, body, 'hex')}`;
    const sentAt = Date.now();
    const lag = sentAt - due;
    sendLag.add(Math.max(0, lag));
    if (lag > 10) behindSchedule.add(1);
    webhooks.add(1);
    const res = http.post(`${TARGET}/webhook`, body, {
      headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature },
      tags: { name: 'webhook' },
    });
    const done = Date.now();
    let ok = res.status === 200;
    if (ok) {
      const answer = res.json() as { refused?: unknown[]; duplicates?: number } | null;
      if (answer?.refused && answer.refused.length > 0) ok = false;
      if (answer?.duplicates) duplicates.add(answer.duplicates);
    }
    if (res.status !== 0) {
      webhookAck.add(done - due);
      webhookAckFromSend.add(done - sentAt);
    }
    webhookFailed.add(!ok);
    if (ok) webhookAcks.add(1);
  }
  if (data.abandon && conversation.abandonAt !== undefined) abandon(data, conversation);
}

/** The simulated customer gave up waiting: tell the deployment (load-test extension). */
function abandon(data: SetupData, conversation: TraceConversation): void {
  const first = messages[conversation.messages[0]!]!;
  const due = dueOf(data, conversation.abandonAt!);
  const wait = due - Date.now();
  if (wait > 0) sleep(wait / 1000);
  abandonsSent.add(1);
  const res = http.post(
    `${TARGET}${ABANDON_PATH}`,
    JSON.stringify({ assetId: first.assetId, customerId: first.customerId }),
    {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      tags: { name: 'abandon' },
    },
  );
  if (res.status !== 0) abandonAck.add(Date.now() - due);
  // Refused: a live agent answered the customer before the simulated one gave up.
  const answer = abandonAnswer(res);
  if (answer === 'refused') abandonsRefused.add(1);
  check(res, { 'abandon answered': () => answer !== 'other' });
}

// --- administrator: asset deletions (R8) at their scenario times ----------------------------------

export function admin(data: SetupData): void {
  for (const d of meta.deletions) {
    const wait = dueOf(data, d.atMs) - Date.now();
    if (wait > 0) sleep(wait / 1000);
    const res = http.del(`${TARGET}/admin/assets/${encodeURIComponent(d.assetId)}`, null, {
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    check(res, { 'asset deleted': (r) => r.status === 200 });
  }
}

// --- agents --------------------------------------------------------------------------------------

function sample(d: Distribution): number {
  switch (d.dist) {
    case 'exponential':
      return -Math.log(1 - Math.random()) * d.mean;
    case 'lognormal': {
      const s2 = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const z = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
      return Math.exp(Math.log(d.mean) - s2 / 2 + Math.sqrt(s2) * z);
    }
    case 'gamma':
      return gamma(d.shape) * (d.mean / d.shape);
    case 'uniform':
      return d.min + Math.random() * (d.max - d.min);
    case 'deterministic':
      return d.value;
    case 'empirical': {
      const w = d.weights ?? d.values.map(() => 1);
      return d.values[pickWeighted(w)] ?? 0;
    }
  }
}

/** Marsaglia–Tsang. */
function gamma(shape: number): number {
  if (shape < 1) return gamma(shape + 1) * Math.random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = Math.sqrt(-2 * Math.log(1 - Math.random())) * Math.cos(2 * Math.PI * Math.random());
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = Math.random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function pickWeighted(weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = Math.random() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Scenario seconds of a distribution as real milliseconds. */
function delayOf(d: Distribution, factor = 1): number {
  return (sample(d) * 1000 * factor) / SPEED;
}

interface Reply {
  type: string;
  code?: string;
  agents?: { id: string; freeSlots: number }[];
}

interface Conversation {
  id: string;
  arrival: number;
  firstSeq: number;
  owner: boolean;
  legs: number;
  consulted: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  busy: boolean;
  customerMessages: Set<string>;
  replied: number;
  kTransfer: number;
  kConference: number;
  interrupted: boolean;
  /** A conference invitation is out or a consulted agent is in (a transfer must end it first). */
  conferencing: boolean;
  transfer: TargetSpec | null;
  conference: { target: TargetSpec; ms: number; ownerEnds: boolean } | null;
}

export function agents(data: SetupData): void {
  const me = agentList[exec.scenario.iterationInTest];
  if (me === undefined) return;
  const b = meta.behaviour;
  const dialogue = b.handling.model === 'dialogue';
  const endAt = data.t0 + PLANNED_MS;
  const ws = new WebSocket(WS_URL);
  const waiting = new Map<number, { sent: number; type: string; cb?: (r: Reply) => void }>();
  const offersHeld = new Map<
    string,
    { kind: string; timer: ReturnType<typeof setTimeout> | null }
  >();
  const active = new Set<string>();
  const wrapUps = new Set<string>();
  const conversationsById = new Map<string, Conversation>();
  const seen = new Set<string>();
  let status = 'LoggedOut';
  let idleCode: string | null = null;
  let onShift = false;
  let nextId = 1;
  let closed = false;

  function request(frame: Record<string, unknown>, cb?: (r: Reply) => void): void {
    if (closed) return;
    const id = nextId++;
    waiting.set(id, { sent: Date.now(), type: String(frame.type), ...(cb ? { cb } : {}) });
    ws.send(JSON.stringify({ ...frame, id }));
  }
  const setState = (s: string, code?: string | null) =>
    request({ type: 'setState', status: s, ...(code ? { idleCode: code } : {}) });
  const held = () => offersHeld.size + active.size + wrapUps.size;
  const later = (ms: number, fn: () => void) => setTimeout(fn, Math.max(0, ms));

  function interval(i: number): void {
    const want = meta.staffing[me!.group]?.[i] ?? 0;
    const on = me!.position < want;
    if (on && !onShift) {
      onShift = true;
      if (status !== 'Available') setState('Available');
    } else if (!on && onShift) {
      onShift = false;
      if (held() === 0) {
        if (status !== 'LoggedOut') setState('LoggedOut');
      } else if (!(status === 'Idle' && idleCode === b.endOfShiftIdleCode)) {
        setState('Idle', b.endOfShiftIdleCode);
      }
    }
  }

  function see(messageId: string, isOffer: boolean): void {
    if (seen.has(messageId)) return;
    seen.add(messageId);
    const ref = messageRef(data, messageId);
    const m = ref && messageAt(ref.arrival, ref.seq);
    if (!m) return;
    const latency = Date.now() - dueOf(data, m.at);
    messagesDelivered.add(1);
    messageToDesktop.add(latency);
    if (isOffer && ref!.seq === 1) arrivalToOffer.add(latency);
  }

  function conversationOf(id: string, firstMessageId: string | null): Conversation {
    let c = conversationsById.get(id);
    if (c) return c;
    const ref = firstMessageId ? messageRef(data, firstMessageId) : null;
    const t = b.transfer;
    const f = b.conference;
    const transfer =
      t && Math.random() < t.probability
        ? (t.targets[pickWeighted(t.targets.map((x) => x.weight))] ?? null)
        : null;
    const conference =
      f && Math.random() < f.probability
        ? {
            target: f.targets[pickWeighted(f.targets.map((x) => x.weight))]!,
            ms: delayOf(f.duration),
            ownerEnds: Math.random() < f.ownerEndsProbability,
          }
        : null;
    c = {
      id,
      arrival: ref?.arrival ?? -1,
      firstSeq: ref?.seq ?? 1,
      owner: false,
      legs: 0,
      consulted: false,
      timer: null,
      busy: false,
      customerMessages: new Set(),
      replied: 0,
      kTransfer: -1,
      kConference: -1,
      interrupted: false,
      conferencing: false,
      transfer,
      conference,
    };
    conversationsById.set(id, c);
    return c;
  }

  /** Customer messages the trace still has for this conversation. */
  function expected(c: Conversation): number {
    if (c.arrival < 0) return c.customerMessages.size;
    const conv = conversations[c.arrival];
    return conv ? conv.messages.length - (c.firstSeq - 1) : c.customerMessages.size;
  }

  function slowdown(): number {
    const table = b.concurrencySlowdown;
    const i = Math.min(Math.max(0, active.size - 1), table.length - 1);
    return table[i] ?? 1;
  }

  function resolve(
    spec: TargetSpec,
    c: Conversation,
    cb: (t: Record<string, string> | null) => void,
  ) {
    if (spec.queue) return cb({ kind: 'queue', queueId: spec.queue });
    request({ type: 'agents' }, (r) => {
      // SharedArray offers length, indexing and for-of only.
      const group: string[] = [];
      for (const a of agentList) if (a.group === spec.agentGroup) group.push(a.id);
      const best = (r.agents ?? [])
        .filter((a) => group.includes(a.id) && a.id !== me!.id && a.freeSlots > 0)
        .sort((x, y) => y.freeSlots - x.freeSlots)[0];
      void c;
      cb(best ? { kind: 'agent', agentId: best.id } : null);
    });
  }

  function scheduleEnd(c: Conversation): void {
    const close = dialogue && b.handling.model === 'dialogue' ? delayOf(b.handling.closeTime) : 0;
    c.timer = later(close, () => {
      c.timer = null;
      if (c.owner) request({ type: 'end', conversationId: c.id });
    });
  }

  function proceed(c: Conversation): void {
    if (!c.owner || c.busy || c.timer !== null) return;
    if (c.interrupted) {
      scheduleEnd(c);
      return;
    }
    if (c.legs === 1 && c.kConference >= 0 && c.replied >= c.kConference && c.conference) {
      c.kConference = -1;
      c.busy = true;
      resolve(c.conference.target, c, (target) => {
        if (target) {
          c.conferencing = true;
          request({ type: 'conference', conversationId: c.id, target });
        }
        c.busy = false;
        proceed(c);
      });
      return;
    }
    if (c.legs === 1 && c.kTransfer >= 0 && c.replied >= c.kTransfer && c.transfer) {
      c.kTransfer = -1;
      c.busy = true;
      resolve(c.transfer, c, (target) => {
        if (!target) {
          c.busy = false;
          return proceed(c);
        }
        if (c.conferencing) request({ type: 'endConference', conversationId: c.id });
        request({ type: 'transfer', conversationId: c.id, target }, (r) => {
          c.busy = false;
          if (r.type !== 'ok') proceed(c);
        });
      });
      return;
    }
    if (b.handling.model !== 'dialogue') return;
    if (c.replied < c.customerMessages.size) {
      c.timer = later(delayOf(b.handling.replyTime, slowdown()), () => {
        c.timer = null;
        if (!c.owner) return;
        const text =
          meta.agentTexts[Math.floor(Math.random() * meta.agentTexts.length)] ?? 'Thank you.';
        c.replied++;
        request({ type: 'send', conversationId: c.id, text }, (r) => {
          if (r.type === 'ok') agentReplies.add(1);
        });
        proceed(c);
      });
    } else if (c.customerMessages.size >= expected(c) || Date.now() > endAt) {
      scheduleEnd(c);
    }
  }

  function startLeg(
    c: Conversation,
    pane: { messages?: { from: string; messageId: string | null }[] },
  ) {
    c.owner = true;
    c.legs++;
    let agentMessages = 0;
    for (const m of pane.messages ?? []) {
      if (m.from === 'customer' && m.messageId) c.customerMessages.add(m.messageId);
      else if (m.from === 'agent') agentMessages++;
    }
    c.replied = Math.max(c.replied, agentMessages);
    if (b.handling.model === 'dialogue') {
      if (c.legs === 1) {
        const total = expected(c);
        if (c.transfer && b.transfer) c.kTransfer = Math.round(b.transfer.at * total);
        if (c.conference && b.conference) {
          const k = Math.round(b.conference.at * total);
          if (c.kTransfer < 0 || k < c.kTransfer) c.kConference = k;
        }
      }
      return proceed(c);
    }
    // Handle time: conference and transfer at `at` of it, then end.
    const h = delayOf(b.handling.handleTime, slowdown());
    if (c.legs === 1 && c.conference && b.conference) {
      later(h * b.conference.at, () => {
        if (!c.owner || c.interrupted) return;
        resolve(c.conference!.target, c, (t) => {
          if (!t) return;
          c.conferencing = true;
          request({ type: 'conference', conversationId: c.id, target: t });
        });
      });
    }
    if (c.legs === 1 && c.transfer && b.transfer) {
      later(h * b.transfer.at, () => {
        if (!c.owner || c.interrupted) return;
        resolve(c.transfer!, c, (t) => {
          if (!t) return;
          if (c.conferencing) request({ type: 'endConference', conversationId: c.id });
          request({ type: 'transfer', conversationId: c.id, target: t });
        });
      });
    }
    c.timer = later(h, () => {
      c.timer = null;
      if (c.owner) request({ type: 'end', conversationId: c.id });
    });
  }

  function onEvent(e: Record<string, unknown>): void {
    const id = e.conversationId as string;
    switch (e.type) {
      case 'agent.state':
        status = e.status as string;
        idleCode = (e.idleCode as string | null) ?? null;
        if (status === 'RONA' && onShift) {
          for (const o of offersHeld.values()) if (o.timer !== null) clearTimeout(o.timer);
          if (Math.random() < b.ronaReturn.probability) {
            later(delayOf(b.ronaReturn.delay), () => {
              if (status === 'RONA' && onShift) setState('Available');
            });
          } else setState('Idle', b.ronaIdleCode);
        }
        return;
      case 'offer': {
        offers.add(1);
        const first = (e.firstMessageId as string | null) ?? null;
        if (first) see(first, true);
        conversationOf(id, first);
        const kind = (e.popover as { offerKind?: string } | undefined)?.offerKind ?? 'route';
        const offer = { kind, timer: null as ReturnType<typeof setTimeout> | null };
        offersHeld.set(id, offer);
        if (Math.random() >= b.missProbability) {
          offer.timer = later(delayOf(b.acceptDelay), () => {
            offer.timer = null;
            if (offersHeld.get(id) === offer) request({ type: 'accept', conversationId: id });
          });
        }
        return;
      }
      case 'offer.revoked': {
        const offer = offersHeld.get(id);
        if (offer?.timer) clearTimeout(offer.timer);
        offersHeld.delete(id);
        return;
      }
      case 'conversation.accepted': {
        const offer = offersHeld.get(id);
        offersHeld.delete(id);
        active.add(id);
        const pane = (e.pane ?? {}) as { messages?: { from: string; messageId: string | null }[] };
        for (const m of pane.messages ?? []) if (m.messageId) see(m.messageId, false);
        const c = conversationOf(id, null);
        if (offer?.kind === 'conference') {
          c.consulted = true;
          later(c.conference?.ms ?? (b.conference ? delayOf(b.conference.duration) : 0), () => {
            if (c.consulted) request({ type: 'leaveConference', conversationId: id });
          });
        } else startLeg(c, pane);
        return;
      }
      case 'message': {
        const m = e.message as { from: string; messageId: string | null };
        if (m.from !== 'customer' || !m.messageId) return;
        see(m.messageId, false);
        const c = conversationsById.get(id);
        if (!c) return;
        if (c.customerMessages.has(m.messageId)) duplicates.add(1);
        c.customerMessages.add(m.messageId);
        if (c.owner && dialogue) proceed(c);
        return;
      }
      case 'conversation.interrupted': {
        const c = conversationsById.get(id);
        if (!c?.owner || c.interrupted) return;
        c.interrupted = true;
        if (c.timer !== null) clearTimeout(c.timer);
        c.timer = null;
        if (!c.busy) proceed(c);
        return;
      }
      case 'wrapup.required': {
        active.delete(id);
        wrapUps.add(id);
        const c = conversationsById.get(id);
        if (c) {
          if (c.timer !== null) clearTimeout(c.timer);
          c.timer = null;
          c.owner = false;
          c.consulted = false;
        }
        later(delayOf(b.wrapUpTime), () => {
          const reason = b.wrapUpReasons[pickWeighted(b.wrapUpReasons.map((r) => r.weight))];
          request({ type: 'wrapUp', conversationId: id, reasonId: reason?.id ?? '' });
        });
        return;
      }
      case 'conference.failed':
      case 'conversation.state': {
        const c = conversationsById.get(id);
        if (c && (e.type === 'conference.failed' || e.state === 'active')) c.conferencing = false;
        return;
      }
      case 'wrapup.done':
        wrapUps.delete(id);
        if (!onShift && held() === 0 && status !== 'LoggedOut') setState('LoggedOut');
        return;
      default:
        return;
    }
  }

  ws.onopen = () =>
    ws.send(JSON.stringify({ type: 'auth', id: 0, token: AGENT_TOKENS[me.id] || me.token }));
  ws.onmessage = (event) => {
    const raw = String(event?.data ?? '');
    frames.add(1);
    for (const secret of secrets) if (raw.includes(secret)) leaks.add(1);
    const frame = JSON.parse(raw) as Record<string, unknown>;
    if (frame.type === 'auth.ok') {
      const desktop = frame.desktop as { status?: string; idleCode?: string | null } | undefined;
      status = desktop?.status ?? 'LoggedOut';
      idleCode = desktop?.idleCode ?? null;
      for (let i = 0; i < meta.staffing[me.group]!.length; i++) {
        const at = dueOf(data, i * meta.intervalMs);
        if (at < endAt) later(at - Date.now(), () => interval(i));
      }
      return;
    }
    if ((frame.type === 'ok' || frame.type === 'error') && typeof frame.id === 'number') {
      const w = waiting.get(frame.id);
      if (w) {
        waiting.delete(frame.id);
        agentRequest.add(Date.now() - w.sent);
        agentRequestFailed.add(frame.type === 'error');
        w.cb?.(frame as unknown as Reply);
      }
      return;
    }
    if (frame.type === 'event') onEvent(frame.event as Record<string, unknown>);
  };
  ws.onerror = () => {
    closed = true;
  };
  ws.onclose = () => {
    closed = true;
  };
  later(endAt - Date.now(), () => {
    closed = true;
    ws.close(1000, 'load test over');
  });
}

// --- the loss check, from the deployment's records (needs ADMIN_TOKEN) ---------------------------

export function teardown(data: SetupData): void {
  if (!ADMIN_TOKEN) return;
  const headers = { Authorization: `Bearer ${ADMIN_TOKEN}` };
  const customers = new Set<string>();
  let sent = 0;
  for (const m of messages) {
    customers.add(`${m.assetId}/${m.customerId}`);
    if (dueOf(data, m.at) < data.t0 + PLANNED_MS) sent++;
  }
  const records = http.get(`${TARGET}/admin/records?limit=100000`, { headers }).json() as {
    records?: { assetId: string; customerId: string; customerMessages: number }[];
  } | null;
  const open = http.get(`${TARGET}/admin/conversations`, { headers }).json() as {
    conversations?: { assetId: string; customer: { id: string }; customerMessages: number }[];
  } | null;
  let counted = 0;
  for (const r of records?.records ?? []) {
    if (customers.has(`${r.assetId}/${r.customerId}`)) counted += r.customerMessages;
  }
  for (const c of open?.conversations ?? []) {
    if (customers.has(`${c.assetId}/${c.customer.id}`)) counted += c.customerMessages;
  }
  // Messages acknowledged but neither in a record nor in an open conversation. (Coarser than
  // `ccsim loadtest`, which checks message by message; this counts per run.)
  lost.add(Math.max(0, sent - counted));
}

// --- the end-of-test summary: JSON for machines, a short text for people --------------------------

interface SummaryMetric {
  type: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

export function handleSummary(data: {
  metrics: Record<string, SummaryMetric>;
}): Record<string, string> {
  const lines = [
    `ccsim k6 whatsapp: ${meta.header.scenario}, seed ${meta.header.seed}, speed ${SPEED}x`,
  ];
  for (const name of [...MEASURED]) {
    const m = data.metrics[name];
    if (!m) continue;
    const mark = m.thresholds
      ? Object.values(m.thresholds).every((t) => t.ok)
        ? '✓ '
        : '✗ '
      : '  ';
    const values = Object.entries(m.values)
      .map(
        ([k, v]) =>
          `${k}=${m.type === 'trend' && k !== 'count' ? `${v.toFixed(2)}ms` : Number(v.toFixed(4))}`,
      )
      .join(' ');
    lines.push(`  ${mark}${name.padEnd(24, '.')}: ${values}`);
  }
  return {
    [__ENV.SUMMARY || 'summary.k6.json']: JSON.stringify(data, null, 2),
    stdout: `${lines.join('\n')}\n`,
  };
}
