import { expect } from 'vitest';
import { startReferenceDeployment } from '../../src/cli/referenceDeployment.js';
import { simulateTrace } from '../../src/cli/simulatedTrace.js';
import type { AgentStateRecord, ConversationRecord } from '../../src/core/index.js';
import { prepareLoadTest } from '../../src/load/index.js';
import { agentTokens, loadScenario } from '../../src/scenario/index.js';

/** One side of a comparison: conversation records and agent states. */
export interface Side {
  readonly records: readonly ConversationRecord[];
  readonly agentStates: readonly AgentStateRecord[];
}

/**
 * A scenario's replication 0 at `seed` through the simulator (`simulateTrace`: the records
 * predicted-vs-measured compares with) and through a load test at `speed` against the reference
 * deployment, in-process; the deployment's records and agent states read back through its admin
 * API.
 */
export async function simulatorAndLoadTest(
  file: string,
  seed: number,
  speed: number,
): Promise<{ readonly simulated: Side; readonly measured: Side }> {
  const scenario = await loadScenario(file);
  const simulated = simulateTrace(scenario, { seed, replication: 0 });
  const prepared = await prepareLoadTest({
    scenario,
    scenarioFile: file,
    trace: simulated.trace,
    simulated: { records: simulated.records, agentStates: simulated.agentStates },
    speed,
    seed,
  });
  const deployment = await startReferenceDeployment({
    scenarioFile: file,
    speed,
    graphUrl: prepared.sinkUrl,
    env: {},
  }).catch(async (err: unknown) => {
    await prepared.close();
    throw err;
  });
  try {
    const result = await prepared.run({
      url: deployment.url,
      wsUrl: deployment.wsUrl,
      appSecret: deployment.appSecret,
      adminToken: deployment.adminToken,
      agentTokens: new Map(agentTokens(scenario)),
      reference: true,
    });
    expect(result.summary.run.endReason).toBe('completed');
    expect(result.measured).not.toBeNull();
    return {
      simulated: { records: simulated.records, agentStates: simulated.agentStates },
      measured: result.measured!,
    };
  } finally {
    await prepared.close();
    await deployment.stop();
  }
}

/**
 * The decisions of one conversation that the behaviour model makes, read from a conversation
 * record (the simulator's or the deployment's): who answered it (the router's choice), the agents
 * of its transfer and conference legs in order (the owner's choice for an agent-group target, the
 * router's for a queue), the replies its agents sent, the wrap-up reason of each leg in order,
 * whether the customer gave up, and the offers missed (RONA).
 */
export interface Decisions {
  readonly answeredBy: string | null;
  readonly transfers: readonly string[];
  readonly conferences: readonly string[];
  readonly replies: number;
  readonly wrapUps: readonly string[];
  readonly abandoned: boolean;
  /** Offers the agents missed (each a RONA). */
  readonly ronas: number;
}

export type DecisionField = keyof Decisions;

export interface Difference {
  /** The customer (asset and wa_id) and which of their conversations (0: the first). */
  readonly customer: string;
  readonly index: number;
  readonly field: DecisionField | 'missing';
  readonly simulated: unknown;
  readonly measured: unknown;
}

export function decisionsOf(r: ConversationRecord): Decisions {
  const legs = r.legs;
  return {
    answeredBy: r.agentId,
    transfers: legs.filter((l) => l.role === 'transfer').map((l) => l.agentId),
    conferences: legs.filter((l) => l.role === 'conference').map((l) => l.agentId),
    replies: r.agentMessages,
    wrapUps: legs.map((l) => l.wrapUpReason),
    abandoned: r.outcome === 'abandoned',
    ronas: r.ronaCount,
  };
}

/** Records by customer (asset and wa_id), each customer's in the order they arrived. */
function byCustomer(records: readonly ConversationRecord[]): Map<string, ConversationRecord[]> {
  const out = new Map<string, ConversationRecord[]>();
  for (const r of records) {
    const key = `${r.assetId}/${r.customerId}`;
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  for (const list of out.values()) list.sort((a, b) => a.arrivedAt - b.arrivedAt);
  return out;
}

const FIELDS: readonly DecisionField[] = [
  'answeredBy',
  'transfers',
  'conferences',
  'replies',
  'wrapUps',
  'abandoned',
  'ronas',
];

/**
 * Every decision that differs between the simulator's records and the deployment's, conversation
 * by conversation (matched by customer and arrival order; the customers and their phone numbers
 * are the trace's, so both sides name them alike). A conversation on one side only is `missing`.
 */
/** What the compared conversations of the simulator's side had: how much there was to compare. */
export interface DecisionCounts {
  transfers: number;
  conferences: number;
  abandoned: number;
  ronas: number;
  replies: number;
  readonly wrapUpReasons: string[];
}

export function decisionDiff(
  simulated: readonly ConversationRecord[],
  measured: readonly ConversationRecord[],
): {
  readonly compared: number;
  readonly differences: Difference[];
  readonly decisions: DecisionCounts;
} {
  const sim = byCustomer(simulated);
  const live = byCustomer(measured);
  const differences: Difference[] = [];
  const decisions: DecisionCounts = {
    transfers: 0,
    conferences: 0,
    abandoned: 0,
    ronas: 0,
    replies: 0,
    wrapUpReasons: [],
  };
  let compared = 0;
  for (const customer of new Set([...sim.keys(), ...live.keys()])) {
    const a = sim.get(customer) ?? [];
    const b = live.get(customer) ?? [];
    for (let index = 0; index < Math.max(a.length, b.length); index++) {
      const s = a[index];
      const m = b[index];
      if (s === undefined || m === undefined) {
        differences.push({
          customer,
          index,
          field: 'missing',
          simulated: s?.conversationId ?? null,
          measured: m?.conversationId ?? null,
        });
        continue;
      }
      compared++;
      const ds = decisionsOf(s);
      const dm = decisionsOf(m);
      decisions.transfers += ds.transfers.length;
      decisions.conferences += ds.conferences.length;
      decisions.abandoned += ds.abandoned ? 1 : 0;
      decisions.ronas += ds.ronas;
      decisions.replies += ds.replies;
      decisions.wrapUpReasons.push(...ds.wrapUps);
      for (const field of FIELDS) {
        if (JSON.stringify(ds[field]) !== JSON.stringify(dm[field])) {
          differences.push({ customer, index, field, simulated: ds[field], measured: dm[field] });
        }
      }
    }
  }
  return { compared, differences, decisions };
}
