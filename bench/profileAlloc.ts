// `npm run profile:alloc -- <scenario.yaml | scale:N> [options]`: which functions allocate how
// many bytes per conversation in the simulator, from V8's sampling heap profiler with freed
// objects included (so it counts allocation, not what is still live). The counts do not depend
// on how loaded the machine is, unlike time: what issue 13's hot-path steps are measured with
// beside the A/B timings.
//
// With --survivors it samples only what outlived a young-generation collection (a scavenge):
// objects the scavenger freed are dropped from the profile, and one last scavenge before the
// profile is read frees what was still young. Those are the bytes the collector copied and
// promoted, what makes a large center's GC dear (docs/simulation.md, "What bounds it").
//
//   scale:N          case N of bench:sim's scaling table (bench/scaleScenarios.ts), 1 replication
//   --replications   replications sampled (default 5), after one that is not
//   --hours          simulated hours of a scale case (default 1)
//   --no-kpis        simulation only, as bench:sim's "simulation only" row
//   --top            rows printed (default 25)
//   --survivors      only bytes that outlived a scavenge, not all that was allocated
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { simulateReplication } from '../sim/replication.js';
import { loadScenario, type Scenario } from '../src/scenario/index.js';
import { allocationTable, type SamplingNode } from './allocationTable.js';
import { SCALE_CASES, scaleScenario } from './scaleScenarios.js';

const USAGE =
  'usage: npm run profile:alloc -- <scenario.yaml | scale:N> [--replications N] [--hours H] [--no-kpis] [--top N] [--survivors]';

function usage(message: string): never {
  console.error(`profile:alloc: ${message}\n${USAGE}`);
  process.exit(2);
}

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) usage(`--${name} must be a positive number, got "${text}"`);
  return n;
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        replications: { type: 'string' },
        hours: { type: 'string' },
        'no-kpis': { type: 'boolean' },
        top: { type: 'string' },
        survivors: { type: 'boolean' },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
}
const { values, positionals } = parse();
if (positionals.length !== 1) usage('give one scenario file or scale:N');
const target = positionals[0]!;
const replications = Math.round(positive('replications', values.replications, 5));
const top = Math.round(positive('top', values.top, 25));
const kpis = !values['no-kpis'];
const survivors = values.survivors === true;

async function scenarioOf(): Promise<Scenario> {
  const scale = /^scale:(\d+)$/.exec(target);
  if (scale) {
    const c = SCALE_CASES[Number(scale[1])];
    if (!c) usage(`no scale case ${scale[1]}: 0..${SCALE_CASES.length - 1}`);
    const hours = positive('hours', values.hours, 1);
    // The scale centers run in whole 30-minute intervals (bench/scaleScenarios.ts).
    if (!Number.isInteger(hours * 2))
      usage(`--hours must be a multiple of 0.5, got "${values.hours}"`);
    return scaleScenario({ ...c, hours, replications: 1 });
  }
  if (values.hours !== undefined)
    usage('--hours is for scale:N cases; a scenario file has its own horizon');
  try {
    return await loadScenario(target);
  } catch (error) {
    console.error(`profile:alloc: ${(error as Error).message}`);
    process.exit(1);
  }
}

// The collector's own `gc()`, to scavenge the young generation once at the end (--survivors);
// taken from a fresh context, so that the flag need not be given on node's command line.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as (options: { type: 'minor' }) => void;

const scenario = await scenarioOf();
// One replication first, not sampled: V8 compiles the hot paths, and the scenario's model is made.
simulateReplication(scenario, 1000, { kpis });

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', {
  samplingInterval: 1024,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: !survivors,
});
let conversations = 0;
for (let i = 0; i < replications; i++) {
  conversations += simulateReplication(scenario, i, { kpis }).counts.arrivals;
}
// What is still young when the runs end would count as a survivor though no scavenge saw it.
if (survivors) collect({ type: 'minor' });
const { profile } = await session.post('HeapProfiler.stopSampling');
session.disconnect();

const table = allocationTable(profile.head as SamplingNode, conversations, top);
console.log(
  `profile:alloc: ${target}, ${replications} replications, ${conversations.toLocaleString('en-US')} ` +
    `conversations, ${kpis ? 'KPIs included' : 'simulation only'}: ` +
    `${Math.round(table.bytesPerConversation).toLocaleString('en-US')} bytes ` +
    (survivors ? 'per conversation outlived a scavenge ' : 'allocated per conversation ') +
    '(sampled every 1 KB on average)\n',
);
for (const row of table.rows) {
  console.log(
    `${(row.share * 100).toFixed(1).padStart(5)}%  ${Math.round(row.bytesPerConversation)
      .toLocaleString('en-US')
      .padStart(6)} B  ${row.site}`,
  );
}
