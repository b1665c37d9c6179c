// `npm run bench:sim`: how fast the simulator runs, measured in this run against a baseline.
//
// - erlang-c1 through the full router (one core): conversations/s and events/s, as `ccsim
//   simulate` runs it (KPIs computed as the run goes: the issue's target) and simulation only;
// - a minimal M/M/c in this file (same engine, same random streams, no router) on the same
//   parameters: the reference for what the discrete-event shell alone costs;
// - the weekday scenario (dialogue; masking on, but the simulator makes views lazily and nothing
//   reads them, so nothing is masked: docs/simulation.md) through the full router (one core);
// - the same replications on 1 and on 2 worker threads, as `ccsim simulate` runs them (KPIs
//   included): the speed-up, pinned to 1 and 2 cores with `taskset` where there is one (one
//   worker thread alone already uses a second core for V8's compiler and GC threads), beside
//   the machine's ceiling for this work: two separate processes, one per core;
// - the scaling table (issue 13): centers of 14 to 14,000 agents and of 1 to 200 queues at 85%
//   occupancy, and one overloaded, each in its own child process (bench/simScale.ts) run as
//   `ccsim simulate --workers 0` runs it, KPIs and summary included: µs per conversation and
//   the child's peak RSS (process.resourceUsage().maxRSS).
//
// Rounds are interleaved and the best round of each contender is kept, so that a noisy neighbour
// on a shared machine hurts all of them alike. Targets (issue 4) are printed beside the numbers.
import { execFile, spawnSync } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { EventScheduler } from '../sim/eventScheduler.js';
import { runReplications } from '../sim/pool.js';
import { simulateReplication } from '../sim/replication.js';
import { Router } from '../src/core/index.js';
import { createRandom, loadScenario, type Scenario, toTenant } from '../src/scenario/index.js';
import { SCALE_CASES } from './scaleScenarios.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const C1_REPLICATIONS = Number(process.env.BENCH_C1_REPLICATIONS ?? 20);
const WEEKDAY_REPLICATIONS = Number(process.env.BENCH_WEEKDAY_REPLICATIONS ?? 6);
const POOL_REPLICATIONS = Number(process.env.BENCH_POOL_REPLICATIONS ?? 20);
const ROUTER_CONVERSATIONS = 200_000;
/** Rounds of the parallel measurements (child processes, seconds each). */
const PARALLEL_ROUNDS = Math.min(ROUNDS, Number(process.env.BENCH_PARALLEL_ROUNDS ?? 3));
/** Rounds of the scaling table: one child per case and round; a single run moves by ±30% here. */
const SCALE_ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 3);

interface Rate {
  conversations: number;
  events: number;
  seconds: number;
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Replications back to back in this thread: with `kpis`, the run's KPIs computed as it goes, as
 * `ccsim simulate` does (records neither kept nor written); without, simulation only.
 */
function simulate(
  scenario: Scenario,
  replications: number,
  firstIndex: number,
  kpis = false,
): Rate {
  const start = process.hrtime.bigint();
  let conversations = 0;
  let events = 0;
  for (let i = 0; i < replications; i++) {
    const r = simulateReplication(scenario, firstIndex + i, { kpis });
    conversations += r.counts.arrivals;
    events += r.counts.events;
  }
  return { conversations, events, seconds: seconds(start) };
}

const ARRIVAL = 0;
const DEPARTURE = 1;

/**
 * M/M/c with FIFO, no router: arrivals and departures on the same engine, exponential draws from
 * the same kind of streams. Returns the rate and the share answered within `thresholdMs`.
 */
function mmc(
  seed: number,
  lambdaPerMs: number,
  meanServiceMs: number,
  servers: number,
  horizonMs: number,
  thresholdMs: number,
): Rate & { serviceLevel: number } {
  const start = process.hrtime.bigint();
  const scheduler = new EventScheduler();
  const arrivals = createRandom(seed, 'arrivals');
  const service = createRandom(seed, 'service');
  const queue = new Float64Array(1 << 16);
  let head = 0;
  let tail = 0;
  let busy = 0;
  let conversations = 0;
  let withinThreshold = 0;
  scheduler.schedule(-Math.log(1 - arrivals.next()) / lambdaPerMs, ARRIVAL);
  while (scheduler.next(Number.POSITIVE_INFINITY)) {
    const now = scheduler.now;
    if (scheduler.kind === ARRIVAL) {
      conversations++;
      const next = now - Math.log(1 - arrivals.next()) / lambdaPerMs;
      if (next < horizonMs) scheduler.schedule(next, ARRIVAL);
      if (busy < servers) {
        busy++;
        withinThreshold++;
        scheduler.schedule(now - meanServiceMs * Math.log(1 - service.next()), DEPARTURE);
      } else {
        queue[tail++ & 0xffff] = now;
      }
    } else if (head !== tail) {
      const arrivedAt = queue[head++ & 0xffff]!;
      if (now - arrivedAt <= thresholdMs) withinThreshold++;
      scheduler.schedule(now - meanServiceMs * Math.log(1 - service.next()), DEPARTURE);
    } else {
      busy--;
    }
  }
  return {
    conversations,
    events: scheduler.executed,
    seconds: seconds(start),
    serviceLevel: withinThreshold / conversations,
  };
}

/** Wall time of the replications on `workers` threads: in all, and from all threads ready. */
/**
 * The router alone, no simulator: erlang-c1's tenant and the four commands of each of its
 * conversations (message, accept, end, wrap-up), one after another, to one agent. Its rate is
 * the ceiling for erlang-c1 through the router however cheap the simulator around it.
 */
function routerAlone(scenario: Scenario, conversations: number): Rate {
  const router = new Router(toTenant(scenario), { trustedCommands: true });
  const assetId = scenario.tenant.assets[0]!.id;
  const agentId = toTenant(scenario).agents[0]!.id;
  const start = process.hrtime.bigint();
  let t = 0;
  router.handle(t, { type: 'agent.setState', agentId, status: 'Available' });
  for (let i = 0; i < conversations; i++) {
    t += 1000;
    const digits = String(31_600_000_000 + i);
    router.handle(t, {
      type: 'customer.message',
      assetId,
      customer: { id: digits, name: 'Jan de Vries', phone: `+${digits}` },
      messageId: `wamid.${i}`,
      text: 'Hi, my order has not arrived yet. Can you check?',
    });
    const conversationId = `c${i + 1}`;
    router.handle(t, { type: 'agent.accept', agentId, conversationId });
    router.handle(t + 500, { type: 'agent.end', agentId, conversationId });
    router.handle(t + 500, { type: 'agent.wrapUp', agentId, conversationId, reasonId: 'done' });
  }
  return { conversations, events: 4 * conversations + 1, seconds: seconds(start) };
}

async function poolSeconds(
  scenario: Scenario,
  workers: number,
): Promise<{ seconds: number; working: number }> {
  const start = process.hrtime.bigint();
  let ready = start;
  await runReplications(scenario, {
    replications: POOL_REPLICATIONS,
    workers,
    onWorkersReady: () => {
      ready = process.hrtime.bigint();
    },
  });
  return { seconds: seconds(start), working: seconds(ready) };
}

const PINNABLE = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
const SIM_POOL = fileURLToPath(new URL('./simPool.ts', import.meta.url));
const SIM_SCALE = fileURLToPath(new URL('./simScale.ts', import.meta.url));

/** Runs bench/simPool.ts (pinned to `cores` when taskset works) and returns its JSON line. */
function child(
  cores: string | null,
  args: string[],
): Promise<{ working: number; seconds?: number }> {
  // The young generation a pool worker gets (WORKER_RESOURCE_LIMITS: 96 MB = 3 semi-spaces of 32).
  const node = [process.execPath, '--max-semi-space-size=32', '--import', 'tsx', SIM_POOL, ...args];
  const [cmd, ...rest] = cores !== null && PINNABLE ? ['taskset', '-c', cores, ...node] : node;
  return new Promise((resolve, reject) => {
    execFile(cmd!, rest, { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${cmd} ${rest.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

/**
 * The machine's ceiling for this very work: the replications split over two separate processes,
 * each pinned to its own core and running its half back to back in its one thread, against one
 * such process doing all of them on one core. Two processes share nothing but the machine (its
 * caches, memory bandwidth and, on a VM, whatever the host's vCPUs share), so no pool of threads
 * can beat this ratio here.
 */
async function ceiling(): Promise<{ one: number; two: number }> {
  const half = Math.ceil(POOL_REPLICATIONS / 2);
  const one = await child('0', ['thread', '0', String(POOL_REPLICATIONS)]);
  const two = await Promise.all([
    child('0', ['thread', '0', String(half)]),
    child('1', ['thread', String(half), String(POOL_REPLICATIONS - half)]),
  ]);
  return { one: one.working, two: Math.max(...two.map((t) => t.working)) };
}

interface ScaleRow {
  conversations: number;
  events: number;
  seconds: number;
  maxRssKb: number;
}

/**
 * One row of the scaling table, in a child process of its own (its peak RSS is its own), with
 * Node's own heap settings: `ccsim simulate` runs replications in its main thread on a machine of
 * up to 2 cores (sim/pool.ts). `workerYoungGeneration`: with a pool worker's young generation
 * instead (WORKER_RESOURCE_LIMITS: 96 MB = 3 semi-spaces of 32), as on a larger machine.
 */
function scaleRow(index: number, workerYoungGeneration = false): Promise<ScaleRow> {
  const args = [
    ...(workerYoungGeneration ? ['--max-semi-space-size=32'] : []),
    '--import',
    'tsx',
    SIM_SCALE,
    String(index),
  ];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`simScale.ts ${index}: ${err.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

function best<T extends { seconds: number }>(rounds: T[]): T {
  return rounds.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

const c1 = await loadScenario('scenarios/validation/erlang-c1.yaml');
const weekday = await loadScenario('scenarios/whatsapp-weekday.yaml');
const hourMs = 3_600_000;
const c1HorizonMs = c1.horizon.intervals * c1.horizon.intervalMinutes * 60_000;

// Warm-up: compile the hot paths before anything is timed.
simulate(c1, 3, 1000);
simulate(c1, 3, 1000, true);
simulate(weekday, 1, 1000);
mmc(99, 200 / hourMs, 180_000, 14, c1HorizonMs, 20_000);
routerAlone(c1, ROUTER_CONVERSATIONS / 4);

const c1Rounds: Rate[] = [];
const c1KpiRounds: Rate[] = [];
const mmcRounds: (Rate & { serviceLevel: number })[] = [];
const weekdayRounds: Rate[] = [];
const routerRounds: Rate[] = [];
const pinnedOne: number[] = [];
const pinnedTwo: number[] = [];
const ceilings: { one: number; two: number }[] = [];
const oneWorker: { seconds: number; working: number }[] = [];
const twoWorkers: { seconds: number; working: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  c1KpiRounds.push(simulate(c1, C1_REPLICATIONS, 0, true));
  c1Rounds.push(simulate(c1, C1_REPLICATIONS, 0));
  let reference: Rate & { serviceLevel: number } = {
    conversations: 0,
    events: 0,
    seconds: 0,
    serviceLevel: 0,
  };
  // As many M/M/c days as erlang-c1 replications, so both simulate the same traffic.
  for (let i = 0; i < C1_REPLICATIONS; i++) {
    const day = mmc(i + 1, 200 / hourMs, 180_000, 14, c1HorizonMs, 20_000);
    reference = {
      conversations: reference.conversations + day.conversations,
      events: reference.events + day.events,
      seconds: reference.seconds + day.seconds,
      serviceLevel: reference.serviceLevel + day.serviceLevel / C1_REPLICATIONS,
    };
  }
  mmcRounds.push(reference);
  weekdayRounds.push(simulate(weekday, WEEKDAY_REPLICATIONS, 0));
  routerRounds.push(routerAlone(c1, ROUTER_CONVERSATIONS));
  oneWorker.push(await poolSeconds(weekday, 1));
  twoWorkers.push(await poolSeconds(weekday, 2));
  if (round < PARALLEL_ROUNDS) {
    // Child processes: with this process idle meanwhile, so that only they use the cores.
    pinnedOne.push((await child('0', ['pool', '1', String(POOL_REPLICATIONS)])).working);
    pinnedTwo.push((await child('0,1', ['pool', '2', String(POOL_REPLICATIONS)])).working);
    ceilings.push(await ceiling());
  }
}

const c1Best = best(c1Rounds);
const mmcBest = best(mmcRounds);
const weekdayBest = best(weekdayRounds);
const one = best(oneWorker);
const two = best(twoWorkers);
const oneWorking = Math.min(...oneWorker.map((r) => r.working));
const twoWorking = Math.min(...twoWorkers.map((r) => r.working));
const rate = (r: Rate) => ({
  conversations: r.conversations / r.seconds,
  events: r.events / r.seconds,
});
const c1Rate = rate(c1Best);
const c1KpiRate = rate(best(c1KpiRounds));
const mmcRate = rate(mmcBest);
const weekdayRate = rate(weekdayBest);
const routerRate = rate(best(routerRounds));

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `ccsim bench:sim: Node ${process.version}, ${availableParallelism()} cores (${cpu}); ` +
    `best of ${ROUNDS} interleaved rounds\n`,
);
const rows: [string, string, string, string][] = [
  ['', 'conversations/s', 'events/s', 'target'],
  [
    `erlang-c1, full router, KPIs, 1 core (${C1_REPLICATIONS} days)`,
    int(c1KpiRate.conversations),
    int(c1KpiRate.events),
    '>= 1,000,000 conv/s',
  ],
  [
    `erlang-c1, full router, simulation only (no KPIs)`,
    int(c1Rate.conversations),
    int(c1Rate.events),
    '',
  ],
  [
    `M/M/c reference, no router, 1 core (SL ${mmcBest.serviceLevel.toFixed(4)})`,
    int(mmcRate.conversations),
    int(mmcRate.events),
    '',
  ],
  [
    'router alone, c1 commands, no simulator (ceiling)',
    int(routerRate.conversations),
    `${int(routerRate.events)} cmd/s`,
    '',
  ],
  [
    `weekday, dialogue, lazy views, 1 core (${WEEKDAY_REPLICATIONS} days)`,
    int(weekdayRate.conversations),
    int(weekdayRate.events),
    '>= 150,000 conv/s',
  ],
];
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) {
  console.log(
    `${r[0].padEnd(widths[0]!)}  ${r[1].padStart(widths[1]!)}  ${r[2].padStart(widths[2]!)}  ${r[3]}`,
  );
}
console.log(
  `\nthe simulator around the router: erlang-c1 (simulation only) runs at ` +
    `${(c1Rate.conversations / routerRate.conversations).toFixed(2)}x the router-alone rate; ` +
    `KPIs as the run goes take it to ${(c1KpiRate.conversations / c1Rate.conversations).toFixed(2)}x of that.`,
);
console.log(
  `erlang-c1 through the router (simulation only) runs at ${(c1Rate.conversations / mmcRate.conversations).toFixed(3)}x ` +
    `the conversations/s of the bare M/M/c (${(mmcRate.conversations / c1Rate.conversations).toFixed(1)}x slower).`,
);
const pinned1 = Math.min(...pinnedOne);
const pinned2 = Math.min(...pinnedTwo);
const ceilingBest = ceilings.reduce((x, y) => (y.one / y.two > x.one / x.two ? y : x));
const pinnedSpeedUp = pinned1 / pinned2;
const ceilingSpeedUp = ceilingBest.one / ceilingBest.two;
const pinNote = PINNABLE ? 'taskset' : 'NOT pinned: no taskset here';
console.log(
  `\nreplications, weekday x ${POOL_REPLICATIONS} with KPIs, as \`ccsim simulate\` runs them (target >= 1.8x):\n` +
    `  1 core, 1 worker ${pinned1.toFixed(2)} s; 2 cores, 2 workers ${pinned2.toFixed(2)} s ` +
    `(${pinNote}; from all workers ready): speed-up ${pinnedSpeedUp.toFixed(2)}x\n` +
    `  the machine's ceiling for this work, 2 processes one per core: 1 core ${ceilingBest.one.toFixed(2)} s, ` +
    `2 cores ${ceilingBest.two.toFixed(2)} s: ${ceilingSpeedUp.toFixed(2)}x, ` +
    `so the pool gets ${((pinnedSpeedUp / ceilingSpeedUp) * 100).toFixed(0)}% of what 2 cores give this work\n` +
    `  unpinned (1 worker also uses the 2nd core for V8's compiler and GC threads): ` +
    `1 worker ${oneWorking.toFixed(2)} s, 2 workers ${twoWorking.toFixed(2)} s: ` +
    `${(oneWorking / twoWorking).toFixed(2)}x; worker start-up included: ` +
    `${one.seconds.toFixed(2)} s vs ${two.seconds.toFixed(2)} s: ${(one.seconds / two.seconds).toFixed(2)}x`,
);

// The scaling table, after the rounds above (this process idle meanwhile): the cases in turn,
// SCALE_ROUNDS times over, so that a slow spell of the machine falls on every case alike. A row
// shows its best round (as the rates above do) and its worst beside it; the peak RSS is the
// largest of its rounds.
const scaleRounds: ScaleRow[][] = SCALE_CASES.map(() => []);
const dayIndex = SCALE_CASES.findIndex((c) => c.name === '1,400 agents (1 day)');
const dayInWorkerRounds: ScaleRow[] = [];
for (let round = 0; round < SCALE_ROUNDS; round++) {
  for (let i = 0; i < SCALE_CASES.length; i++) scaleRounds[i]!.push(await scaleRow(i));
  dayInWorkerRounds.push(await scaleRow(dayIndex, true));
}
const peakOf = (rounds: ScaleRow[]): ScaleRow => ({
  ...best(rounds),
  maxRssKb: Math.max(...rounds.map((r) => r.maxRssKb)),
});
const scale = scaleRounds.map(peakOf);
const dayInWorker = peakOf(dayInWorkerRounds);
const us = (r: ScaleRow) => (r.seconds * 1e6) / r.conversations;
const worstUs = (rounds: ScaleRow[]) => Math.max(...rounds.map(us));
const mb = (r: ScaleRow) => r.maxRssKb / 1024;
const scaleRows: string[][] = [
  [
    `scaling, as \`ccsim simulate --workers 0\`, best of ${SCALE_ROUNDS}`,
    'agents',
    'conversations',
    'µs/conv',
    'worst',
    'conv/s',
    'peak RSS',
  ],
  ...SCALE_CASES.map((c, i) => [
    `${c.name}, ${c.replications} x ${c.hours} h`,
    int(c.queues * c.agentsPerQueue),
    int(scale[i]!.conversations),
    us(scale[i]!).toFixed(2),
    worstUs(scaleRounds[i]!).toFixed(2),
    int(scale[i]!.conversations / scale[i]!.seconds),
    `${mb(scale[i]!).toFixed(0)} MB`,
  ]),
];
const scaleWidths = scaleRows[0]!.map((_, c) => Math.max(...scaleRows.map((r) => r[c]!.length)));
console.log('');
for (const r of scaleRows) {
  console.log(
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(scaleWidths[c]!) : cell.padStart(scaleWidths[c]!)))
      .join('  '),
  );
}
const row = (name: string) => scale[SCALE_CASES.findIndex((c) => c.name === name)]!;
console.log(
  `\ntargets (issue 13):\n` +
    `  µs/conversation, 14,000 agents vs 140: ${(us(row('14,000 agents')) / us(row('140 agents'))).toFixed(2)}x (target <= 1.5x)\n` +
    `  µs/conversation, 200 queues x 5 vs 1 queue x 1,000: ${(us(row('200 queues x 5')) / us(row('1 queue x 1,000'))).toFixed(2)}x (target <= 1.5x)\n` +
    `  peak RSS, one day of 1,400 agents: ${mb(row('1,400 agents (1 day)')).toFixed(0)} MB (target <= 300 MB); ` +
    `with a pool worker's young generation (96 MB): ${mb(dayInWorker).toFixed(0)} MB, ${us(dayInWorker).toFixed(2)} µs/conv\n` +
    `  weekday: ${int(weekdayRate.conversations)} conv/s (target >= 150,000); ` +
    `erlang-c1 with KPIs: ${int(c1KpiRate.conversations)} conv/s (target >= 1,000,000) beside the bare M/M/c's ${int(mmcRate.conversations)}`,
);
