// `npm run bench:load`: how fast the load replayer itself is, and what the reference deployment
// sustains.
//
// 1. The replayer's maximum webhook rate against a trivial loopback endpoint (a child process that
//    answers 200 to everything), compared in the same run with autocannon against the same
//    endpoint, same connections, same work per request (a fresh Cloud-API body and its HMAC
//    signature). Interleaved rounds, median reported. Target: the replayer >= 0.8x autocannon, so
//    that a replay measures the deployment and not the replayer.
// 2. The reference deployment's capacity: `ccsim serve` (child process, journal file, synchronous
//    full) driven by the replayer's open model at fixed rates; the highest rate whose p99 ack
//    (from the intended send time) stays under 25 ms with no errors, by a short step search
//    (doubling, then three bisections; a failed step is confirmed by a second try).
//
// Environment: BENCH_SECONDS (default 4 per run), BENCH_ROUNDS (3), BENCH_CONNECTIONS (64),
// BENCH_STEP_SECONDS (3 per capacity step).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import {
  CustomerReplayer,
  ErrorCounts,
  HttpPool,
  LoadMetrics,
  type ScheduledWebhook,
} from '../src/load/index.js';
import {
  type AutocannonResult,
  autocannon,
  benchMessage,
  ROOT,
  signedWebhookRequests,
  startChild,
} from './benchKit.js';

const SCENARIO = join(ROOT, 'scenarios/whatsapp-smoke.yaml');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 3);
const SECRET = 'bench-app-secret';
const ADMIN = 'bench-admin-token';
const P99_LIMIT_MS = 25;

const TRIVIAL = `
import http from 'node:http';
const body = '{"received":1,"duplicates":0,"statuses":0,"refused":[]}';
const s = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
  });
});
s.keepAliveTimeout = 60000;
s.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + s.address().port));
`;

/** autocannon doing the replayer's work per request: a fresh body and its signature. */
async function autocannonRun(url: string, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url: `${url}/webhook`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: signedWebhookRequests(SECRET),
  });
}

interface ReplayResult {
  readonly rate: number;
  readonly acks: number;
  readonly errors: number;
  readonly p99: number;
  readonly behind: number;
}

/** The replayer's open model at `rate` per second for `seconds`; the rate it achieved. */
async function replay(url: string, rate: number, seconds: number): Promise<ReplayResult> {
  const pool = new HttpPool(url, { connections: CONNECTIONS });
  const metrics = new LoadMetrics();
  const count = Math.round(rate * seconds);
  const start = performance.now() + 50;
  const epoch = Math.floor(Date.now() / 1000);
  const schedule: ScheduledWebhook[] = Array.from({ length: count }, (_, i) => ({
    due: start + (i * 1000) / rate,
    message: benchMessage(epoch),
  }));
  const errors = new ErrorCounts();
  const replayer = new CustomerReplayer({ pool, appSecret: SECRET, schedule, metrics, errors });
  replayer.start();
  await replayer.done;
  const elapsed = (performance.now() - start) / 1000;
  pool.close();
  return {
    rate: metrics.webhook_acks.count / elapsed,
    acks: metrics.webhook_acks.count,
    errors: errors.total(),
    p99: metrics.webhook_ack.percentile(99),
    behind: metrics.behind_schedule.count,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(
  `bench:load  node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPUs ` +
    `(${os.cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM`,
);
console.log(`load average before: ${load()} (other processes share these CPUs)`);
console.log('');

// --- 1. the replayer against a trivial endpoint ---------------------------------------------------
const trivial = await startChild(['--input-type=module', '-e', TRIVIAL], /listening on (\S+)/);
let failed = false;
try {
  await autocannonRun(trivial.url, 1); // warm-up of both ends, not reported
  await replay(trivial.url, 5000, 1);
  const cannon: number[] = [];
  const ours: ReplayResult[] = [];
  let scheduleBound = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const a = await autocannonRun(trivial.url, SECONDS);
    cannon.push(a.requests.total / SECONDS);
    if (a.non2xx + a.errors + a.timeouts > 0) failed = true;
    // Scheduled well above what autocannon reached, so that the replayer runs flat out.
    const scheduled = Math.max(1000, (3 * a.requests.total) / SECONDS);
    const r = await replay(trivial.url, scheduled, SECONDS);
    ours.push(r);
    // Below 95% of its schedule it was the bottleneck (flat out); else the rate is a lower bound.
    if (r.rate >= 0.95 * scheduled) scheduleBound++;
    if (r.errors > 0) failed = true;
  }
  const a = median(cannon);
  const r = median(ours.map((x) => x.rate));
  console.log(
    `1. trivial loopback endpoint, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${SECONDS} s, ` +
      'fresh body + HMAC per request on both sides',
  );
  console.log(
    `   autocannon        ${a.toFixed(0).padStart(7)} req/s   rounds ${cannon.map((x) => x.toFixed(0)).join(' / ')}`,
  );
  console.log(
    `   ccsim replayer    ${r.toFixed(0).padStart(7)} req/s   rounds ${ours.map((x) => x.rate.toFixed(0)).join(' / ')}` +
      (scheduleBound === 0
        ? "   (scheduled at 3x autocannon's rate; it fell behind: flat out)"
        : `   (${scheduleBound} round(s) kept up with 3x autocannon's rate: a lower bound)`),
  );
  const ratio = r / a;
  console.log(
    `   ratio replayer/autocannon ${ratio.toFixed(2)} (target >= 0.80: ${ratio >= 0.8 ? 'met' : 'NOT met'})`,
  );
  console.log('');
} finally {
  trivial.child.kill('SIGTERM');
  await trivial.exited;
}

// --- 2. the reference deployment's capacity -------------------------------------------------------
const dir = mkdtempSync(join(os.tmpdir(), 'ccsim-bench-load-'));
const server = await startChild(
  [
    'bin/ccsim.js',
    'serve',
    SCENARIO,
    '--port',
    '0',
    '--db',
    join(dir, 'journal.db'),
    '--synchronous',
    'full',
  ],
  /listening on (http:\/\/\S+)/,
  { CCSIM_APP_SECRET: SECRET, CCSIM_ADMIN_TOKEN: ADMIN },
);
try {
  await replay(server.url, 200, 1); // warm-up (JIT, SQLite cache), not reported
  console.log(
    `2. reference deployment (ccsim serve, synchronous=full, journal file), open model, ${STEP_SECONDS} s per step, ` +
      `${CONNECTIONS} connections; sustained = p99 ack < ${P99_LIMIT_MS} ms from the intended time, no errors`,
  );
  console.log(
    `   ${'rate/s'.padStart(8)} ${'achieved'.padStart(9)} ${'p99 ms'.padStart(8)} ${'errors'.padStart(7)} ${'behind'.padStart(7)}  verdict`,
  );
  // A step that fails is tried once more: on a shared machine one hiccup (another process's
  // fsync, a GC) should not decide the capacity; two failures in a row do.
  const step = async (rate: number) => {
    for (let attempt = 1; attempt <= 2; attempt++) {
      const r = await replay(server.url, rate, STEP_SECONDS);
      const ok = r.p99 < P99_LIMIT_MS && r.errors === 0;
      const verdict = ok
        ? 'sustained'
        : attempt === 1
          ? 'not sustained, once more'
          : 'not sustained';
      console.log(
        `   ${rate.toFixed(0).padStart(8)} ${r.rate.toFixed(0).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ` +
          `${String(r.errors).padStart(7)} ${String(r.behind).padStart(7)}  ${verdict}`,
      );
      if (ok) return true;
    }
    return false;
  };
  // Double until it fails (at most 8 steps), then bisect three times between pass and fail.
  let pass = 0;
  let fail = 0;
  for (let rate = 250; rate <= 64_000; rate *= 2) {
    if (await step(rate)) pass = rate;
    else {
      fail = rate;
      break;
    }
  }
  for (let i = 0; i < 3 && fail > 0 && pass > 0; i++) {
    const mid = Math.round((pass + fail) / 2);
    if (await step(mid)) pass = mid;
    else fail = mid;
  }
  console.log(
    pass > 0
      ? `   capacity: ${pass} webhooks/s sustained with p99 ack < ${P99_LIMIT_MS} ms${fail > 0 ? ` (${fail}/s was not)` : ' (the highest rate tried)'}`
      : `   capacity: below 250 webhooks/s with p99 ack < ${P99_LIMIT_MS} ms`,
  );
  console.log(`load average after: ${load()}`);
} finally {
  server.child.kill('SIGTERM');
  const code = await server.exited;
  if (code !== 0) {
    console.log(`ccsim serve exited with ${code} on SIGTERM`);
    failed = true;
  }
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exitCode = 1;
