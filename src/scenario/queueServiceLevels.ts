import type { Problem } from './problem.js';
import { quotedList as list } from './quotedList.js';
import type { Scenario, ServiceLevelDefinition } from './schema.js';

/** One queue's service level with every field resolved (its own, else the tenant's). */
export interface QueueServiceLevel {
  readonly thresholdSeconds: number;
  readonly target: number;
  readonly definition: ServiceLevelDefinition;
}

/**
 * Every queue's service level, in the order of `tenant.queues`: `serviceLevel.queues.<id>` field
 * by field over the tenant's `serviceLevel`. This is the one place a queue's SL is defined; the
 * contact types of `behaviour.queues` carry none.
 */
export function queueServiceLevels(scenario: Scenario): Record<string, QueueServiceLevel> {
  const tenant = scenario.serviceLevel;
  const own = tenant.queues ?? {};
  const out: Record<string, QueueServiceLevel> = {};
  for (const { id } of scenario.tenant.queues) {
    const q = Object.hasOwn(own, id) ? own[id]! : {};
    out[id] = {
      thresholdSeconds: q.thresholdSeconds ?? tenant.thresholdSeconds,
      target: q.target ?? tenant.target,
      definition: q.definition ?? tenant.definition,
    };
  }
  return out;
}

/** `serviceLevel.queues` may name only the tenant's queues. */
export function checkQueueServiceLevels(scenario: Scenario): Problem[] {
  const queues = scenario.tenant.queues.map((q) => q.id);
  return Object.keys(scenario.serviceLevel.queues ?? {})
    .filter((id) => !queues.includes(id))
    .map((id) => ({
      path: ['serviceLevel', 'queues', id],
      message: `unknown queue "${id}"; the queues are ${list(queues)}`,
      key: true,
    }));
}
