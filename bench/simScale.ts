// A child process of `npm run bench:sim` (bench/sim.ts starts one per row of the scaling table):
// runs one case of bench/scaleScenarios.ts as `ccsim simulate --workers 0` does (runReplications
// in this thread, KPIs included, then the run's summary), after a warm-up on a half-hour version
// of the same center, and prints one JSON line: conversations, events, seconds of the timed run,
// and this process's peak resident set size (process.resourceUsage().maxRSS, in KB).
//
//   simScale.ts <case index>
import { runReplications, summarizeRun } from '../sim/index.js';
import { SCALE_CASES, scaleScenario } from './scaleScenarios.js';

const c = SCALE_CASES[Number(process.argv[2])];
if (c === undefined) {
  console.error(`usage: simScale.ts <case index 0..${SCALE_CASES.length - 1}>`);
  process.exit(2);
}

async function run(hours: number, replications: number) {
  const scenario = scaleScenario({ ...c!, hours, replications });
  const start = performance.now();
  const results = await runReplications(scenario, { workers: 0 });
  summarizeRun(scenario, results, {
    version: 'bench',
    request: { file: `${scenario.name}.json` },
    seed: scenario.simulation.seed,
  });
  const seconds = (performance.now() - start) / 1000;
  let conversations = 0;
  let events = 0;
  for (const r of results) {
    conversations += r.counts.arrivals;
    events += r.counts.events;
  }
  return { conversations, events, seconds };
}

await run(0.5, 1);
const timed = await run(c.hours, c.replications);
console.log(JSON.stringify({ ...timed, maxRssKb: process.resourceUsage().maxRSS }));
