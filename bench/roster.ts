// `npm run bench:roster` (run it with cpu-x): the week of bench/rosterWeek.ts — 4 agent groups ×
// 7 days × 48 half hours, 15-minute starts, three shift lengths with their breaks — solved as
// `ccsim schedule` solves it, within a time limit (default 10 s, the issue's target; override
// with BENCH_ROSTER_SECONDS). Printed: the program's size, the solve time, the status and the
// optimality gap, and as the baseline measured in the same run the LP relaxations of the same
// parts (what one pass of the simplex method costs), so the ratio says what the integer search
// adds on this machine whatever its speed.
import { createHash } from 'node:crypto';
import { cpus } from 'node:os';
import {
  defaultPartWorkers,
  groupPlans,
  highsSolver,
  rosterComponents,
  rosterDocument,
  rosterGrid,
  rosterProgram,
  shiftCandidates,
  solveRoster,
} from '../src/roster/index.js';
import { weekRequirement, weekRules } from './rosterWeek.js';

const SECONDS = Number(process.env.BENCH_ROSTER_SECONDS ?? 10);
const NODES = process.env.BENCH_ROSTER_NODES;
const TARGET_SECONDS = 10;

const requirement = weekRequirement();
const rules = weekRules({
  timeLimitSeconds: SECONDS,
  ...(NODES !== undefined ? { maxNodes: Number(NODES) } : {}),
});

console.log('ccsim roster benchmark');
console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} x${cpus().length}, node ${process.version}`);
console.log(
  `week:    ${requirement.groups.length} groups × ${requirement.intervals} intervals of ${requirement.intervalMinutes} min; ` +
    `peak agents ${requirement.groups.map((g) => `${g.id} ${Math.max(...g.agents)}`).join(', ')}`,
);
console.log(
  `rules:   starts every 15 min 07:00–19:00; shifts ${rules.shifts.map((s) => `${s.id} ${s.minutes / 60} h (${s.breaks.length} breaks)`).join(', ')}; relative gap ${rules.solver.relativeGap}; ` +
    `${rules.solver.searchMoves} search moves per agent, ${rules.solver.maxNodes} branch-and-bound nodes per part, time limit ${rules.solver.timeLimitSeconds} s`,
);

// Baseline: the LP relaxation of every part, solved once each.
const grid = rosterGrid(rules, requirement);
const plans = groupPlans(rules, requirement, grid);
const candidates = shiftCandidates(rules, requirement, grid, plans);
let lpSeconds = 0;
for (const part of rosterComponents(grid, plans, candidates)) {
  const program = rosterProgram(rules, grid, plans, candidates, part);
  const lp = await highsSolver(program.lp, { timeLimitSeconds: 600, relativeGap: 0, relax: true });
  lpSeconds += lp.seconds;
}

let lastDone = 0;
const started = performance.now();
const solution = await solveRoster({
  rules,
  requirement,
  onProgress: (p) => {
    if (p.done !== lastDone && p.done % 7 === 0) {
      lastDone = p.done;
      process.stderr.write(`  ${p.done}/${p.parts} parts done at ${p.seconds.toFixed(1)} s\n`);
    }
  },
});
const wall = (performance.now() - started) / 1000;
const doc = rosterDocument(solution, { version: 'bench', source: 'bench/rosterWeek.ts' });
const m = doc.model;
console.log(
  `program: ${m.parts} parts, ${m.shiftCandidates} shift candidates, ${m.variables} variables, ${m.constraints} constraints, ${m.nonzeros} nonzeros`,
);
console.log(`LP relaxations (baseline): ${lpSeconds.toFixed(2)} s for all parts`);
console.log(
  `solve:   ${wall.toFixed(2)} s wall on ${defaultPartWorkers(m.parts)} worker threads (${solution.solver.seconds.toFixed(2)} s in HiGHS, all threads; ${(wall / lpSeconds).toFixed(1)}x the LP relaxations), status ${doc.solver.status}, ` +
    `target < ${TARGET_SECONDS} s: ${wall < TARGET_SECONDS ? 'met' : 'MISSED'}`,
);
console.log(
  `result:  cost ${doc.totals.cost.toFixed(1)}, bound ${doc.solver.bound?.toFixed(1)}, gap ${((doc.solver.gap ?? Number.NaN) * 100).toFixed(2)}%; ` +
    `${doc.totals.agentShifts} agent-shifts, ${doc.totals.paidHours} paid h for ${doc.totals.requiredHours} required agent-hours`,
);
// The document's bytes (no clock in it): the same digest on every run says the solve is
// deterministic.
console.log(
  `roster:  sha256 ${createHash('sha256').update(JSON.stringify(doc)).digest('hex').slice(0, 16)}`,
);
