// k6: the webhook capacity of a deployment that speaks docs/protocol.md, with an arrival-rate
// executor (an open model: k6 starts iterations at the rate whatever the responses do). Each
// iteration sends one signed customer message from the trace (cycled, with a fresh message id and
// a customer id per iteration, so that every message opens or joins a conversation as new).
// `ccsim loadtest` and `npm run bench:load` measure the same with the Node replayer.
//
//   npx ccsim trace scenarios/whatsapp-smoke.yaml --format k6 --out reports/whatsapp-smoke.k6.json
//   k6 run -e TARGET=http://127.0.0.1:8080 -e APP_SECRET=... -e RATE=500 -e DURATION=30s \
//     scenarios/k6/webhook-capacity.ts
//
// Environment: TARGET, APP_SECRET (required), RATE (webhooks per second, default 200), DURATION
// (default 30s), VUS (pre-allocated, default 50), TRACE, SUMMARY (default summary.capacity.json).

import crypto from 'k6/crypto';
import { SharedArray } from 'k6/data';
import exec from 'k6/execution';
import http from 'k6/http';
import { Counter, Rate, Trend } from 'k6/metrics';
import type { Options } from 'k6/options';

interface TraceMessage {
  assetId: string;
  displayNumber: string;
  customerName: string;
  text: string;
}

const TRACE = __ENV.TRACE || '../../reports/whatsapp-smoke.k6.json';
const messages = new SharedArray<TraceMessage>('messages', () => {
  const doc = JSON.parse(open(TRACE)) as { format: string; messages: TraceMessage[] };
  if (doc.format !== 'ccsim-trace-k6') throw new Error(`${TRACE} is not a ccsim k6 trace`);
  return doc.messages;
});

const TARGET = (__ENV.TARGET || '').replace(/\/$/, '');
const APP_SECRET = __ENV.APP_SECRET || '';
const RATE = Number(__ENV.RATE || '200');
const VUS = Number(__ENV.VUS || '50');

const webhookAck = new Trend('webhook_ack', true);
const webhooks = new Counter('webhooks');
const webhookFailed = new Rate('webhook_failed');

export const options: Options = {
  scenarios: {
    webhooks: {
      executor: 'constant-arrival-rate',
      rate: RATE,
      timeUnit: '1s',
      duration: __ENV.DURATION || '30s',
      preAllocatedVUs: VUS,
      maxVUs: VUS * 4,
    },
  },
  thresholds: {
    webhook_ack: ['p(99)<25'],
    webhook_failed: ['rate<0.01'],
  },
  summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'p(99.9)', 'max', 'count'],
};

export function setup(): { tag: string } {
  if (!TARGET || !APP_SECRET) throw new Error('set TARGET and APP_SECRET');
  return { tag: __ENV.RUN_TAG || `cap${Date.now().toString(36)}` };
}

export default function (data: { tag: string }): void {
  // The executor starts iterations on schedule (or drops them: k6's dropped_iterations), so the
  // iteration's start is the intended send time.
  const started = Date.now();
  const i = exec.scenario.iterationInTest;
  const m = messages[i % messages.length]!;
  // A customer per iteration (wa_id digits), so that each message is a new conversation.
  const customer = String(31_600_000_000 + i);
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
              contacts: [{ profile: { name: m.customerName }, wa_id: customer }],
              messages: [
                {
                  from: customer,
                  id: `wamid.${data.tag}.${i}.1`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
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
  const res = http.post(`${TARGET}/webhook`, body, {
    headers: {
      'Content-Type': 'application/json',
      'X-Hub-Signature-256': `sha256=${crypto.hmac('sha256', APP_SECRET, body, 'hex')}`,
    },
  });
  webhooks.add(1);
  webhookAck.add(Date.now() - started);
  webhookFailed.add(res.status !== 200);
}

export function handleSummary(data: unknown): Record<string, string> {
  return { [__ENV.SUMMARY || 'summary.capacity.json']: JSON.stringify(data, null, 2) };
}
