import type { AgentConfig, ServedQueue, SkillLevel, TenantConfig } from '../core/tenant.js';
import { clockMinutes, formatClock } from './clock.js';
import { ScenarioError, ScenarioErrorCode } from './errors.js';
import { formatPath } from './locate.js';
import { queueServiceLevels } from './queueServiceLevels.js';
import { hashString } from './random.js';
import { recontactWindowMs } from './recontactReferences.js';
import type { Scenario } from './schema.js';
import { planStaffing } from './staffing.js';

/**
 * Views derived from a parsed scenario, shared by the simulator, the server and the load
 * replayer so that they agree on agent ids, units and per-interval numbers. Pure.
 */

type AgentGroup = Scenario['tenant']['agentGroups'][number];

const MS_PER_MINUTE = 60_000;

/** The agent ids of a group: `${group}-${n}`, n from 1 to size. */
export function agentIdsOf(group: Pick<AgentGroup, 'id' | 'size'>): string[] {
  return Array.from({ length: group.size }, (_, i) => `${group.id}-${i + 1}`);
}

/** The name of agent n (1-based) of a group: from `names`, else "<group> <n>". */
function agentName(group: AgentGroup, n: number): string {
  return group.names?.[n - 1] ?? `${group.id} ${n}`;
}

/** The queues a group serves with their skill level; every queue, as primary, when it names none. */
export function servedQueues(
  scenario: Scenario,
  group: AgentGroup,
): { queue: string; skill: SkillLevel }[] {
  if (!group.queues) return scenario.tenant.queues.map((q) => ({ queue: q.id, skill: 'primary' }));
  return group.queues.map((q) =>
    typeof q === 'string' ? { queue: q, skill: 'primary' } : { queue: q.queue, skill: q.skill },
  );
}

/**
 * The router's tenant: agents expanded from groups, durations in milliseconds. Routing fields
 * appear only where the scenario sets them (an agent's `group` only when an overflow rule names
 * it), so that a scenario without them gives the tenant it always gave (the server's journal
 * keys its database on it).
 */
export function toTenant(scenario: Scenario): TenantConfig {
  const { tenant } = scenario;
  const overflowGroups = new Set(
    tenant.queues.flatMap((q) => (q.overflow ?? []).flatMap((rule) => rule.agentGroups)),
  );
  const agents: AgentConfig[] = [];
  for (const group of tenant.agentGroups) {
    const queues: ServedQueue[] | undefined = group.queues?.map((q) =>
      typeof q === 'string' ? q : { queue: q.queue, skill: q.skill },
    );
    agentIdsOf(group).forEach((id, i) => {
      agents.push({
        id,
        name: agentName(group, i + 1),
        capacity: group.capacity,
        ...(queues ? { queues: [...queues] } : {}),
        ...(overflowGroups.has(group.id) ? { group: group.id } : {}),
      });
    });
  }
  return {
    queues: tenant.queues.map((q) => ({
      id: q.id,
      name: q.name,
      ...(q.priority !== undefined ? { priority: q.priority } : {}),
      ...(q.overflow
        ? {
            overflow: q.overflow.map((rule) => ({
              afterMs: rule.afterSeconds * 1000,
              agentGroups: [...rule.agentGroups],
            })),
          }
        : {}),
    })),
    assets: tenant.assets.map((a) => ({
      id: a.id,
      number: a.number,
      ...(a.name !== undefined ? { name: a.name } : {}),
      queueId: a.queue,
    })),
    agents,
    wrapUpReasons: tenant.wrapUpReasons.map((r) => ({ id: r.id, label: r.label })),
    idleCodes: tenant.idleCodes.map((c) => ({ id: c.id, label: c.label })),
    ronaTimeoutMs: tenant.ronaTimeoutSeconds * 1000,
    transferPolicy: tenant.transferPolicy,
    masking: {
      enabled: tenant.masking.enabled,
      ...(tenant.masking.kinds ? { kinds: [...tenant.masking.kinds] } : {}),
    },
    routingPolicy: tenant.routingPolicy,
  };
}

function hex32(n: number): string {
  return n.toString(16).padStart(8, '0');
}

/**
 * The WebSocket login token of every agent: the group's `tokens` when given, else a token derived
 * from the agent's id and name. Derived tokens are predictable by anyone who has the scenario
 * file: they are for local testing only; a deployment reachable by others needs given tokens.
 */
export function agentTokens(scenario: Scenario): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const group of scenario.tenant.agentGroups) {
    agentIdsOf(group).forEach((id, i) => {
      const given = group.tokens?.[i];
      if (given !== undefined) {
        tokens.set(id, given);
        return;
      }
      const text = `${id}\u0000${agentName(group, i + 1)}`;
      tokens.set(id, `local-${hex32(hashString(text, 1))}${hex32(hashString(text, 2))}`);
    });
  }
  return tokens;
}

/**
 * Agents logged in per interval, per agent group (every group present; a group absent from
 * `staffing.perInterval` has none). Throws SCENARIO_INVALID when a plan exceeds a group's size
 * (`parseScenario` reports that already, with the line).
 */
export function staffingPerInterval(scenario: Scenario): Record<string, number[]> {
  const { perGroup, problems } = planStaffing(scenario);
  if (problems.length > 0) {
    throw new ScenarioError(
      ScenarioErrorCode.invalid,
      problems.map((p) => ({ path: formatPath(p.path), message: p.message })),
    );
  }
  return perGroup;
}

/**
 * Expected new conversations per interval, per asset id (every asset present; an asset absent
 * from `arrivals.perInterval` gets none).
 */
export function arrivalsPerInterval(scenario: Scenario): Record<string, number[]> {
  const { intervals } = scenario.horizon;
  const out: Record<string, number[]> = {};
  for (const asset of scenario.tenant.assets) {
    const value = scenario.arrivals.perInterval[asset.id] ?? 0;
    out[asset.id] =
      typeof value === 'number' ? new Array<number>(intervals).fill(value) : [...value];
  }
  return out;
}

/** The length of one interval in milliseconds. */
export function intervalMs(scenario: Scenario): number {
  return scenario.horizon.intervalMinutes * MS_PER_MINUTE;
}

/** The length of the horizon (all intervals, without the drain) in milliseconds. */
export function horizonMs(scenario: Scenario): number {
  return scenario.horizon.intervals * intervalMs(scenario);
}

/** The warm-up (measured from the horizon start) in milliseconds. */
export function warmupMs(scenario: Scenario): number {
  return scenario.horizon.warmupMinutes * MS_PER_MINUTE;
}

/** The drain after the horizon in milliseconds. */
export function drainMs(scenario: Scenario): number {
  return scenario.horizon.drainMinutes * MS_PER_MINUTE;
}

/**
 * Milliseconds from the horizon start to a time of day "HH:MM". Throws SCENARIO_INVALID for a
 * malformed time or one before the start.
 */
export function clockToOffsetMs(scenario: Scenario, clock: string): number {
  const t = clockMinutes(clock);
  const start = clockMinutes(scenario.horizon.start) ?? 0;
  if (t === undefined || t < start) {
    const message =
      t === undefined
        ? `"${clock}" is not a time of day "HH:MM"`
        : `${clock} is before the horizon start ${scenario.horizon.start}`;
    throw new ScenarioError(ScenarioErrorCode.invalid, [{ path: '', message }]);
  }
  return (t - start) * MS_PER_MINUTE;
}

/** The start of every interval as "HH:MM", for tables and reports. */
export function intervalLabels(scenario: Scenario): string[] {
  const start = clockMinutes(scenario.horizon.start) ?? 0;
  const { intervals, intervalMinutes } = scenario.horizon;
  return Array.from({ length: intervals }, (_, i) => formatClock(start + i * intervalMinutes));
}

/**
 * Everything KPIs of a run of this scenario are measured over (src/kpi's `KpiInput` but the
 * records): each agent's capacity, the reporting intervals, the measured horizon (after warm-up,
 * before the drain) and the service-level definition. Built here once, for the simulator and the
 * load test's predicted vs measured alike.
 */
export interface KpiFrame {
  readonly agentCapacity: Readonly<Record<string, number>>;
  readonly intervals: {
    readonly startMs: number;
    readonly lengthMs: number;
    readonly count: number;
  };
  readonly measureFromMs: number;
  readonly endMs: number;
  readonly serviceLevel: {
    readonly thresholdSeconds: number;
    readonly definition: Scenario['serviceLevel']['definition'];
    readonly shortAbandonSeconds: number;
  };
  /** Every queue, with its own service-level definition (`queueServiceLevels`). */
  readonly queues: Readonly<Record<string, KpiFrame['serviceLevel']>>;
  /** Every agent group's agent ids. */
  readonly agentGroups: Readonly<Record<string, readonly string[]>>;
  /** The re-contact KPIs' window (ms), only in scenarios with re-contacts. */
  readonly recontactWindowMs?: number;
}

export function kpiFrame(scenario: Scenario): KpiFrame {
  const agentCapacity: Record<string, number> = {};
  for (const agent of toTenant(scenario).agents) agentCapacity[agent.id] = agent.capacity ?? 1;
  const serviceLevel = {
    thresholdSeconds: scenario.serviceLevel.thresholdSeconds,
    definition: scenario.serviceLevel.definition,
    shortAbandonSeconds: scenario.behaviour.customer.shortAbandonSeconds,
  };
  const queues: Record<string, KpiFrame['serviceLevel']> = {};
  for (const [id, q] of Object.entries(queueServiceLevels(scenario))) {
    queues[id] = {
      thresholdSeconds: q.thresholdSeconds,
      definition: q.definition,
      shortAbandonSeconds: serviceLevel.shortAbandonSeconds,
    };
  }
  const agentGroups: Record<string, readonly string[]> = {};
  for (const group of scenario.tenant.agentGroups) agentGroups[group.id] = agentIdsOf(group);
  return {
    agentCapacity,
    intervals: { startMs: 0, lengthMs: intervalMs(scenario), count: scenario.horizon.intervals },
    measureFromMs: warmupMs(scenario),
    endMs: horizonMs(scenario),
    serviceLevel,
    queues,
    agentGroups,
    ...recontactFrame(scenario),
  };
}

function recontactFrame(scenario: Scenario): { recontactWindowMs?: number } {
  const windowMs = recontactWindowMs(scenario);
  return windowMs === null ? {} : { recontactWindowMs: windowMs };
}
