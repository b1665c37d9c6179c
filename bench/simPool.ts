// A child process of `npm run bench:sim` (bench/sim.ts starts it under `taskset`, pinned to
// given cores): runs weekday replications with KPIs and prints how long the replications took,
// start-up excluded, as one JSON line.
//
//   pool <workers> <replications>      as `ccsim simulate` runs them (sim/pool.ts)
//   thread <first> <replications>      back to back in this thread, no worker (one share of the
//                                      machine-ceiling measurement: one such process per core)
import { runReplications } from '../sim/pool.js';
import { simulateReplication } from '../sim/replication.js';
import { loadScenario } from '../src/scenario/index.js';

const [mode, a, b] = process.argv.slice(2);
const scenario = await loadScenario('scenarios/whatsapp-weekday.yaml');
if (mode === 'pool') {
  const start = performance.now();
  let ready = start;
  await runReplications(scenario, {
    replications: Number(b),
    workers: Number(a),
    onWorkersReady: () => {
      ready = performance.now();
    },
  });
  const end = performance.now();
  console.log(JSON.stringify({ seconds: (end - start) / 1000, working: (end - ready) / 1000 }));
} else if (mode === 'thread') {
  const start = performance.now();
  for (let i = 0; i < Number(b); i++) simulateReplication(scenario, Number(a) + i);
  console.log(JSON.stringify({ working: (performance.now() - start) / 1000 }));
} else {
  console.error('usage: simPool.ts pool <workers> <replications> | thread <first> <replications>');
  process.exit(2);
}
