// `npm run bench:serve`: inbound webhook throughput and ack latency of `ccsim serve` on loopback,
// journal on (a SQLite file in a temp dir), measured with autocannon against GET /healthz of the
// same server in the same run as the reference (same connections, same duration). Every webhook
// carries a new message id, a valid X-Hub-Signature-256, and one of 2,000 customers.
//
// Environment: BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 64),
// BENCH_SYNC ("full,normal" by default: SQLite synchronous modes to measure).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join, resolve } from 'node:path';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
interface RequestData {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

// autocannon ships no types; only the part used here is typed above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const ROOT = resolve(import.meta.dirname, '..');
const SCENARIO = join(ROOT, 'scenarios/whatsapp-smoke.yaml');
const ASSETS = ['100000000000001', '100000000000002'];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SYNC_MODES = (process.env.BENCH_SYNC ?? 'full,normal').split(',');
const CUSTOMERS = 2000;
const SECRET = 'bench-app-secret';
const ADMIN = 'bench-admin-token';
const TARGET_RATE = 10_000;
const TARGET_P99_MS = 25;

interface Server {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
}

function serve(db: string, synchronous: string): Promise<Server> {
  const child = spawn(
    process.execPath,
    ['bin/ccsim.js', 'serve', SCENARIO, '--port', '0', '--db', db, '--synchronous', synchronous],
    {
      cwd: ROOT,
      env: { ...process.env, CCSIM_APP_SECRET: SECRET, CCSIM_ADMIN_TOKEN: ADMIN },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolveServer, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolveServer({ child, url: match[1]!, exited });
    });
    void exited.then((code) => reject(new Error(`ccsim serve exited with ${code}`)));
  });
}

let messageSeq = 0;

function webhookBody(): string {
  const n = messageSeq++;
  const customer = String(447000000000 + (n % CUSTOMERS));
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA-BENCH',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: '31205550101',
                phone_number_id: ASSETS[n % ASSETS.length],
              },
              contacts: [{ profile: { name: `Customer ${n % CUSTOMERS}` }, wa_id: customer }],
              messages: [
                {
                  from: customer,
                  id: `wamid.bench.${process.pid}.${n}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: `Hello, this is message ${n} about my order` },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

function webhookRequest(): RequestData[] {
  return [
    {
      method: 'POST',
      path: '/webhook',
      headers: { 'content-type': 'application/json' },
      // Runs in autocannon's client per request: a fresh message id and its signature.
      setupRequest: (req: RequestData) => {
        const body = webhookBody();
        const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
        return { ...req, body, headers: { ...req.headers, 'x-hub-signature-256': signature } };
      },
    } as RequestData,
  ];
}

async function run(url: string, requests: RequestData[] | undefined, seconds: number) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    ...(requests ? { requests } : {}),
  });
}

async function metric(url: string, name: string): Promise<number> {
  const text = await fetch(`${url}/metrics`).then((r) => r.text());
  const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

function row(label: string, r: AutocannonResult): string {
  const cells = [
    label.padEnd(26),
    r.requests.average.toFixed(0).padStart(9),
    r.latency.p50.toFixed(2).padStart(8),
    r.latency.p90.toFixed(2).padStart(8),
    r.latency.p99.toFixed(2).padStart(8),
    r.latency.max.toFixed(2).padStart(8),
    String(r.non2xx + r.errors + r.timeouts).padStart(7),
  ];
  return cells.join(' ');
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `bench:serve  node ${process.version}, ${os.cpus().length} CPUs (${cpu}), ${CONNECTIONS} connections, ${SECONDS} s per run`,
);
console.log(
  'server: ccsim serve scenarios/whatsapp-smoke.yaml (child process), journal in a temp dir',
);
console.log('');
console.log(
  `${'run'.padEnd(26)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'errors'.padStart(7)}`,
);

const dir = mkdtempSync(join(os.tmpdir(), 'ccsim-bench-serve-'));
let failed = false;
try {
  for (const sync of SYNC_MODES) {
    const server = await serve(join(dir, `bench-${sync}.db`), sync);
    try {
      await run(server.url, webhookRequest(), 2); // warm-up (JIT, SQLite cache), not reported
      const before = await metric(server.url, 'ccsim_messages_in_total');
      const batchesBefore = await metric(server.url, 'ccsim_journal_batch_size_count');
      const writeBefore = await metric(server.url, 'ccsim_journal_write_seconds_sum');
      const health = await run(`${server.url}/healthz`, undefined, SECONDS);
      const hook = await run(server.url, webhookRequest(), SECONDS);
      const taken = (await metric(server.url, 'ccsim_messages_in_total')) - before;
      const batches = (await metric(server.url, 'ccsim_journal_batch_size_count')) - batchesBefore;
      const writeSeconds =
        (await metric(server.url, 'ccsim_journal_write_seconds_sum')) - writeBefore;
      console.log(row(`GET /healthz (${sync})`, health));
      console.log(row(`POST /webhook (${sync})`, hook));
      const ratio = hook.requests.average / health.requests.average;
      const met = hook.requests.average >= TARGET_RATE && hook.latency.p99 < TARGET_P99_MS;
      console.log(
        `  synchronous=${sync}: webhook/healthz throughput ratio ${ratio.toFixed(2)}; ` +
          `${taken} messages journaled in ${batches} commits ` +
          `(${(taken / Math.max(1, batches)).toFixed(1)} per commit, ${((writeSeconds / Math.max(1, batches)) * 1000).toFixed(3)} ms per commit); ` +
          `target >= ${TARGET_RATE} msg/s with p99 < ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'}`,
      );
      // Requests still in flight when a run ends are journaled but not counted by autocannon:
      // at most one per connection. Fewer journaled than acknowledged would be a loss.
      if (taken < hook['2xx'] || taken > hook['2xx'] + CONNECTIONS) {
        console.log(
          `  MISMATCH: ${hook['2xx']} webhooks answered 200, ${taken} messages journaled`,
        );
        failed = true;
      }
      if (hook.non2xx + hook.errors + hook.timeouts > 0) failed = true;
    } finally {
      server.child.kill('SIGTERM');
      const code = await server.exited;
      if (code !== 0) {
        console.log(`  ccsim serve exited with ${code} on SIGTERM`);
        failed = true;
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
