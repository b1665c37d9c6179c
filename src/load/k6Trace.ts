import {
  agentTokens,
  type Distribution,
  type HandOverPlan,
  type Scenario,
  staffingPerInterval,
} from '../scenario/index.js';
import { compileAgentModel } from './agentModel.js';
import type { Trace, TraceHeader } from './trace.js';
import { type K6Message, k6Message } from './traceFormat.js';
import { displayDigits } from './webhook.js';

/**
 * `ccsim trace --format k6`: one JSON document that the k6 scripts (scenarios/k6/) load with
 * `SharedArray` and `open()`. It holds everything a script needs and k6 cannot compute without
 * node modules: the customers' messages in send order, grouped by conversation (with the time a
 * customer abandoned, if they did); the planted secrets as plain strings (for the leak check);
 * the agents with their login tokens, the staffing plan and the agent behaviour (distributions as
 * the scenario writes them, in seconds); the thresholds.
 *
 * Tokens: the scenario's, or derived ones (local testing only); a script prefers the
 * `AGENT_TOKENS` environment variable (`{"support-1": "..."}`) when set.
 */
export const K6_TRACE_FORMAT = 'ccsim-trace-k6';

export interface K6Conversation {
  readonly arrival: number;
  /** Send time of the first message (ms from the horizon start). */
  readonly at: number;
  /** Indexes into `messages`, in send order. */
  readonly messages: readonly number[];
  /**
   * When the simulated customer gave up waiting (ms from the horizon start), after their
   * messages; absent when they did not. A script sends it through the load-test extension
   * `POST /admin/customers/abandon` when the target has it (docs/load.md).
   */
  readonly abandonAt?: number;
}

export interface K6Target {
  readonly queue?: string;
  readonly agentGroup?: string;
  readonly weight: number;
}

export interface K6TraceDocument {
  readonly format: typeof K6_TRACE_FORMAT;
  readonly version: 1;
  readonly header: Omit<TraceHeader, 'agentTexts'>;
  readonly messages: readonly K6Message[];
  /** One per arrival, in arrival order. */
  readonly conversations: readonly K6Conversation[];
  /** Most conversations between their first and last message at once (VUs the script needs). */
  readonly maxConcurrentConversations: number;
  readonly secrets: readonly string[];
  readonly agents: readonly {
    readonly id: string;
    readonly group: string;
    readonly position: number;
    readonly capacity: number;
    readonly token: string;
  }[];
  readonly intervalMs: number;
  readonly staffing: Readonly<Record<string, readonly number[]>>;
  readonly deletions: readonly { readonly assetId: string; readonly atMs: number }[];
  readonly behaviour: {
    readonly acceptDelay: Distribution;
    readonly missProbability: number;
    readonly ronaReturn: { readonly probability: number; readonly delay: Distribution };
    readonly handling: Scenario['behaviour']['agent']['handling'];
    readonly wrapUpTime: Distribution;
    readonly wrapUpReasons: readonly { readonly id: string; readonly weight: number }[];
    readonly concurrencySlowdown: readonly number[];
    readonly transfer: {
      readonly probability: number;
      readonly at: number;
      readonly targets: readonly K6Target[];
    } | null;
    readonly conference: {
      readonly probability: number;
      readonly at: number;
      readonly targets: readonly K6Target[];
      readonly duration: Distribution;
      readonly ownerEndsProbability: number;
    } | null;
    readonly endOfShiftIdleCode: string | null;
    readonly ronaIdleCode: string | null;
  };
  readonly thresholds: Readonly<Record<string, readonly string[]>>;
  readonly agentTexts: readonly string[];
}

/** A plan's targets as the scenario names them, each with its weight. */
function targets(plan: HandOverPlan): K6Target[] {
  return plan.targets.map((t, i) => ({
    ...(t.kind === 'queue' ? { queue: t.queueId } : { agentGroup: t.groupId }),
    weight: plan.weights[i]!,
  }));
}

export function toK6Trace(trace: Trace, scenario: Scenario): K6TraceDocument {
  const { agentTexts, ...header } = trace.header;
  const display = new Map(scenario.tenant.assets.map((a) => [a.id, displayDigits(a.number)]));
  const messages: K6Message[] = [];
  const byArrival = new Map<number, number[]>();
  for (const e of trace.events) {
    if (e.type !== 'message') continue;
    const index = messages.length;
    messages.push(k6Message(e, display.get(e.assetId) ?? ''));
    const list = byArrival.get(e.arrival);
    if (list) list.push(index);
    else byArrival.set(e.arrival, [index]);
  }
  const abandonAt = new Map<number, number>();
  for (const e of trace.events) if (e.type === 'abandon') abandonAt.set(e.arrival, e.at);
  const conversations: K6Conversation[] = [...byArrival.entries()]
    .sort(([a], [b]) => a - b)
    .map(([arrival, list]) => {
      const abandon = abandonAt.get(arrival);
      return {
        arrival,
        at: messages[list[0]!]!.at,
        messages: list,
        ...(abandon !== undefined ? { abandonAt: abandon } : {}),
      };
    });
  const secrets = new Set<string>();
  for (const e of trace.events) {
    if (e.type !== 'message') continue;
    for (const s of e.secrets) secrets.add(e.text.slice(s.start, s.end));
  }
  const model = compileAgentModel(scenario);
  const { agent, transfer, conference } = model.behaviour;
  const tokens = agentTokens(scenario);
  // Distributions go as the scenario writes them (seconds): the script samples them itself.
  const b = scenario.behaviour;
  return {
    format: K6_TRACE_FORMAT,
    version: 1,
    header,
    messages,
    conversations,
    maxConcurrentConversations: maxConcurrent(conversations, messages),
    secrets: [...secrets],
    agents: model.agents.map((a) => ({
      id: a.id,
      group: a.groupId,
      position: a.position,
      capacity: a.capacity,
      token: tokens.get(a.id) ?? '',
    })),
    intervalMs: model.intervalMs,
    staffing: staffingPerInterval(scenario),
    deletions: model.deletions,
    behaviour: {
      acceptDelay: b.agent.acceptDelay,
      missProbability: b.agent.missProbability,
      ronaReturn: b.agent.ronaReturn,
      handling: b.agent.handling,
      wrapUpTime: b.agent.wrapUpTime,
      wrapUpReasons: agent.wrapUpReasons.map((id, i) => ({ id, weight: agent.wrapUpWeights[i]! })),
      concurrencySlowdown: b.agent.concurrencySlowdown,
      transfer:
        transfer && b.transfer
          ? { probability: transfer.probability, at: transfer.at, targets: targets(transfer) }
          : null,
      conference:
        conference && b.conference
          ? {
              probability: conference.probability,
              at: conference.at,
              targets: targets(conference),
              duration: b.conference.duration,
              ownerEndsProbability: conference.ownerEndsProbability,
            }
          : null,
      endOfShiftIdleCode: agent.endOfShiftIdleCode ?? null,
      ronaIdleCode: agent.ronaIdleCode ?? null,
    },
    thresholds: scenario.load.thresholds,
    agentTexts,
  };
}

function maxConcurrent(conversations: readonly K6Conversation[], messages: readonly K6Message[]) {
  const points: [number, number][] = [];
  for (const c of conversations) {
    points.push([c.at, 1]);
    const last = messages[c.messages[c.messages.length - 1]!]!.at;
    points.push([Math.max(last, c.abandonAt ?? last), -1]);
  }
  points.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let open = 0;
  let max = 0;
  for (const [, d] of points) {
    open += d;
    if (open > max) max = open;
  }
  return max;
}

/** The document as written to disk: stable key order, so equal traces are equal bytes. */
export function formatK6Trace(doc: K6TraceDocument): string {
  return `${JSON.stringify(doc)}\n`;
}
