// `npm run bench:serve`: inbound webhook throughput and ack latency of `ccsim serve` on loopback,
// journal on (a SQLite file in a temp dir), measured with autocannon against GET /healthz of the
// same server in the same run as the reference (same connections, same duration). Every webhook
// carries a new message id, a valid X-Hub-Signature-256, and one of 2,000 customers.
//
// Contenders run in interleaved rounds and the median round is reported, so that a busy
// neighbour on a shared machine skews them alike.
//
// Environment: BENCH_SECONDS (default 5 per run), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS
// (default 64), BENCH_SYNC ("full,normal" by default: the --synchronous modes to measure),
// BENCH_DASHBOARD=1 (also a server of the first mode with --dashboard, nobody connected to it:
// what the live dashboard's sampling costs the webhook path).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import {
  type AutocannonResult,
  autocannon,
  type Child,
  type RequestData,
  ROOT,
  signedWebhookRequests,
  startChild,
} from './benchKit.js';

const SCENARIO = join(ROOT, 'scenarios/whatsapp-smoke.yaml');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SYNC_MODES = (process.env.BENCH_SYNC ?? 'full,normal').split(',');
const DASHBOARD = process.env.BENCH_DASHBOARD === '1';
const SECRET = 'bench-app-secret';
const ADMIN = 'bench-admin-token';
const TARGET_RATE = 10_000;
const TARGET_P99_MS = 25;

type Server = Child;

function serve(db: string, synchronous: string, extra: readonly string[] = []): Promise<Server> {
  return startChild(
    [
      'bin/ccsim.js',
      'serve',
      SCENARIO,
      '--port',
      '0',
      '--db',
      db,
      '--synchronous',
      synchronous,
      ...extra,
    ],
    /listening on (http:\/\/\S+)/,
    { CCSIM_APP_SECRET: SECRET, CCSIM_ADMIN_TOKEN: ADMIN },
  );
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

interface Contender {
  readonly label: string;
  readonly server: Server;
  readonly sync: string;
  readonly webhook: boolean;
  readonly rounds: AutocannonResult[];
  taken: number;
  batches: number;
  writeSeconds: number;
  /** Server CPU time and requests answered, over all rounds: the cost of one request. */
  cpuSeconds: number;
  answered: number;
}

async function counters(url: string) {
  return {
    taken: await metric(url, 'ccsim_messages_in_total'),
    batches: await metric(url, 'ccsim_journal_batch_size_count'),
    writeSeconds: await metric(url, 'ccsim_journal_write_seconds_sum'),
    cpuSeconds: await metric(url, 'process_cpu_seconds_total'),
  };
}

function median(results: AutocannonResult[]): AutocannonResult {
  const sorted = [...results].sort((a, b) => a.requests.average - b.requests.average);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `bench:serve  node ${process.version}, ${os.cpus().length} CPUs (${cpu}), ${CONNECTIONS} connections, ` +
    `${ROUNDS} interleaved rounds of ${SECONDS} s per run`,
);
console.log(
  'server: ccsim serve scenarios/whatsapp-smoke.yaml (child process), journal file in a temp dir',
);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`load average before: ${load()} (other processes share these CPUs)`);
console.log('');

const dir = mkdtempSync(join(os.tmpdir(), 'ccsim-bench-serve-'));
const servers: Server[] = [];
let failed = false;
try {
  const contenders: Contender[] = [];
  for (const sync of SYNC_MODES) {
    const server = await serve(join(dir, `bench-${sync}.db`), sync);
    servers.push(server);
    await run(server.url, signedWebhookRequests(SECRET), 2); // warm-up (JIT, SQLite cache), not reported
    if (contenders.length === 0) {
      contenders.push({
        label: 'GET /healthz',
        server,
        sync,
        webhook: false,
        rounds: [],
        taken: 0,
        batches: 0,
        writeSeconds: 0,
        cpuSeconds: 0,
        answered: 0,
      });
    }
    contenders.push({
      label: `POST /webhook (${sync})`,
      server,
      sync,
      webhook: true,
      rounds: [],
      taken: 0,
      batches: 0,
      writeSeconds: 0,
      cpuSeconds: 0,
      answered: 0,
    });
  }
  if (DASHBOARD) {
    const sync = SYNC_MODES[0]!;
    const server = await serve(join(dir, `bench-${sync}-dashboard.db`), sync, ['--dashboard']);
    servers.push(server);
    await run(server.url, signedWebhookRequests(SECRET), 2);
    contenders.push({
      label: `POST /webhook (${sync}+dash)`,
      server,
      sync,
      webhook: true,
      rounds: [],
      taken: 0,
      batches: 0,
      writeSeconds: 0,
      cpuSeconds: 0,
      answered: 0,
    });
  }
  // Interleaved rounds: a noisy neighbour on a shared machine hurts every contender alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const c of contenders) {
      const before = await counters(c.server.url);
      const result = c.webhook
        ? await run(c.server.url, signedWebhookRequests(SECRET), SECONDS)
        : await run(`${c.server.url}/healthz`, undefined, SECONDS);
      const after = await counters(c.server.url);
      c.rounds.push(result);
      c.cpuSeconds += after.cpuSeconds - before.cpuSeconds;
      c.answered += result.requests.total;
      if (!c.webhook) continue;
      const taken = after.taken - before.taken;
      c.taken += taken;
      c.batches += after.batches - before.batches;
      c.writeSeconds += after.writeSeconds - before.writeSeconds;
      // Requests still in flight when a run ends are journaled but not counted by autocannon:
      // at most one per connection. Fewer journaled than acknowledged would be a loss.
      if (taken < result['2xx'] || taken > result['2xx'] + CONNECTIONS) {
        console.log(`MISMATCH: ${result['2xx']} webhooks answered 200, ${taken} journaled`);
        failed = true;
      }
      if (result.non2xx + result.errors + result.timeouts > 0) failed = true;
    }
  }
  const header = `${'run (median round)'.padEnd(26)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'errors'.padStart(7)} ${'CPU µs/req'.padStart(10)}   rounds req/s`;
  console.log(header);
  for (const c of contenders) {
    const all = c.rounds.map((r) => r.requests.average.toFixed(0)).join(' / ');
    const cpu = ((c.cpuSeconds / Math.max(1, c.answered)) * 1e6).toFixed(0).padStart(10);
    console.log(`${row(c.label, median(c.rounds))} ${cpu}   ${all}`);
  }
  console.log(
    '(CPU µs/req: server process CPU time per answered request, all rounds; it does not depend on',
  );
  console.log(' how busy the rest of the machine is, req/s does)');
  console.log(`load average after: ${load()}`);
  console.log('');
  const reference = median(contenders[0]!.rounds).requests.average;
  for (const c of contenders.slice(1)) {
    const m = median(c.rounds);
    const met = m.requests.average >= TARGET_RATE && m.latency.p99 < TARGET_P99_MS;
    console.log(
      `synchronous=${c.sync}: webhook/healthz ratio ${(m.requests.average / reference).toFixed(2)}; ` +
        `${(c.taken / Math.max(1, c.batches)).toFixed(1)} messages per commit, ` +
        `${((c.writeSeconds / Math.max(1, c.batches)) * 1000).toFixed(2)} ms from write to durable, ` +
        `one core's CPU budget allows ${(c.answered / c.cpuSeconds).toFixed(0)} msg/s; ` +
        `target >= ${TARGET_RATE} msg/s with p99 < ${TARGET_P99_MS} ms: ${met ? 'met' : 'NOT met'}`,
    );
  }
} finally {
  for (const server of servers) {
    server.child.kill('SIGTERM');
    const code = await server.exited;
    if (code !== 0) {
      console.log(`ccsim serve exited with ${code} on SIGTERM`);
      failed = true;
    }
  }
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
