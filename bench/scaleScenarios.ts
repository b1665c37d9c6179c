// The centers of bench:sim's scaling table (bench/simScale.ts runs one per child process).
//
// Each is Erlang C's model (as scenarios/validation/erlang-c1.yaml): Poisson arrivals, exponential
// handle time, one conversation per agent, no patience, no RONA, no wrap-up, masking off, so that
// the offered load is exact arithmetic: occupancy = lambda * AHT / agents. A center of q queues
// has one asset and one agent group of a agents per queue, each group serving only its queue, and
// the same arrival rate on every queue.
import { parseScenario, type Scenario } from '../src/scenario/index.js';

export const AHT_SECONDS = 180;
export const INTERVAL_MINUTES = 30;

export interface ScaleCase {
  /** The table's row label. */
  readonly name: string;
  readonly queues: number;
  readonly agentsPerQueue: number;
  /** Offered load per agent, lambda * AHT / agents (the occupancy when below 1). */
  readonly load: number;
  /** Simulated hours per replication (whole 30-minute intervals). */
  readonly hours: number;
  /** Replications, run as `ccsim simulate --workers 0` runs them. */
  readonly replications: number;
}

export const SCALE_CASES: readonly ScaleCase[] = [
  { name: '14 agents', queues: 1, agentsPerQueue: 14, load: 0.85, hours: 24, replications: 40 },
  { name: '140 agents', queues: 1, agentsPerQueue: 140, load: 0.85, hours: 24, replications: 4 },
  {
    name: '1,400 agents (1 day)',
    queues: 1,
    agentsPerQueue: 1400,
    load: 0.85,
    hours: 24,
    replications: 1,
  },
  {
    name: '14,000 agents',
    queues: 1,
    agentsPerQueue: 14_000,
    load: 0.85,
    hours: 1,
    replications: 1,
  },
  {
    name: '1 queue x 1,000',
    queues: 1,
    agentsPerQueue: 1000,
    load: 0.85,
    hours: 4,
    replications: 1,
  },
  { name: '50 queues x 20', queues: 50, agentsPerQueue: 20, load: 0.85, hours: 4, replications: 1 },
  { name: '200 queues x 5', queues: 200, agentsPerQueue: 5, load: 0.85, hours: 4, replications: 1 },
  {
    name: 'overload: 140 agents at 120%',
    queues: 1,
    agentsPerQueue: 140,
    load: 1.2,
    hours: 8,
    replications: 2,
  },
];

/** Arrivals per 30-minute interval on each queue's asset: lambda = load * agents / AHT. */
export function arrivalsPerInterval(c: Pick<ScaleCase, 'agentsPerQueue' | 'load'>): number {
  return (c.load * c.agentsPerQueue * INTERVAL_MINUTES * 60) / AHT_SECONDS;
}

/** The scenario of a case (seed 1), parsed and validated like any scenario file. */
export function scaleScenario(c: ScaleCase): Scenario {
  const source = scaleScenarioSource(c);
  return parseScenario(JSON.stringify(source), `${source.name}.json`);
}

/** The scenario file of a case, as JSON (`ccsim simulate` reads it as YAML does JSON). */
export function scaleScenarioSource(c: ScaleCase) {
  const intervals = Math.round(c.hours * (60 / INTERVAL_MINUTES));
  const queues = [...Array(c.queues).keys()];
  const assetId = (q: number) => String(100_000_000_000_000 + q + 1);
  const perInterval = arrivalsPerInterval(c);
  const scenario = {
    name: `scale-${c.queues}x${c.agentsPerQueue}-load${c.load}`,
    description: `bench:sim scaling case ${c.name}`,
    horizon: {
      start: '00:00',
      intervalMinutes: INTERVAL_MINUTES,
      intervals,
      warmupMinutes: Math.min(60, (intervals * INTERVAL_MINUTES) / 2),
      drainMinutes: 30,
    },
    tenant: {
      queues: queues.map((q) => ({ id: `q${q}`, name: `Queue ${q}` })),
      assets: queues.map((q) => ({
        id: assetId(q),
        number: `+31 20 ${String(q + 1).padStart(7, '0')}`,
        queue: `q${q}`,
      })),
      agentGroups: queues.map((q) => ({
        id: `g${q}`,
        size: c.agentsPerQueue,
        capacity: 1,
        queues: [`q${q}`],
      })),
      wrapUpReasons: [{ id: 'done', label: 'Done' }],
      ronaTimeoutSeconds: 30,
      transferPolicy: 'disconnect',
      routingPolicy: 'longest-waiting',
      masking: { enabled: false },
    },
    arrivals: { perInterval: Object.fromEntries(queues.map((q) => [assetId(q), perInterval])) },
    staffing: { perInterval: Object.fromEntries(queues.map((q) => [`g${q}`, c.agentsPerQueue])) },
    behaviour: {
      customer: {},
      agent: {
        acceptDelay: { dist: 'deterministic', value: 0 },
        missProbability: 0,
        handling: { model: 'handle-time', handleTime: { dist: 'exponential', mean: AHT_SECONDS } },
        wrapUpTime: { dist: 'deterministic', value: 0 },
      },
    },
    serviceLevel: { thresholdSeconds: 20, target: 0.8, definition: 'offered' },
    simulation: { replications: c.replications, seed: 1, sampleSeconds: 60 },
  };
  return scenario;
}
