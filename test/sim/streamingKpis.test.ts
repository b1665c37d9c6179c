import { beforeAll, describe, expect, it } from 'vitest';
import { identityPool } from '../../sim/identityPool.js';
import { kpisOf, modelOf, simulateReplication } from '../../sim/replication.js';
import { ReplicationRun } from '../../sim/replicationRun.js';
import { waitHistogram, waitHistogramEdges } from '../../sim/waitHistogram.js';
import type { ConversationRecord } from '../../src/core/index.js';
import { loadScenario, type Scenario } from '../../src/scenario/index.js';

/**
 * KPIs that stream (issue 13): a replication feeds each final record to the KPI collector and
 * the wait histogram as it is made and keeps no records, and its KPIs are the very numbers
 * `computeKpis` gives for the kept records afterwards: the same sums in the same order, so
 * equal to the last bit (toStrictEqual compares numbers with Object.is), percentiles included,
 * since the answered waits are kept and the percentiles stay exact order statistics. Over the
 * bundled scenarios that use each part: queues, groups and transfers (weekday), re-contacts
 * (recontact-mmc), priorities and overflow (priority-2q), patience (erlang-a1).
 */
const FILES = [
  'scenarios/whatsapp-weekday.yaml',
  'scenarios/validation/recontact-mmc.yaml',
  'scenarios/validation/priority-2q.yaml',
  'scenarios/validation/erlang-a1.yaml',
];

describe('streamed KPIs (issue 13): the same report as computeKpis over kept records', () => {
  const scenarios = new Map<string, Scenario>();
  beforeAll(async () => {
    for (const f of FILES) scenarios.set(f, await loadScenario(f));
  });

  it.each(FILES)('%s, replication 1: bit for bit', (file) => {
    const scenario = scenarios.get(file)!;
    const model = modelOf(scenario);
    const r = simulateReplication(scenario, 1, { seed: 7, keepRecords: true });
    expect(r.records!.length).toBeGreaterThan(100);
    expect(r.kpis).toStrictEqual(kpisOf(model, r.records!, r.agentStates!));
    const edges = waitHistogramEdges(
      scenario.serviceLevel.thresholdSeconds,
      scenario.behaviour.customer.shortAbandonSeconds,
    );
    expect(r.waits).toStrictEqual(
      waitHistogram(r.records!, edges, model.warmupMs, model.horizonMs),
    );
  });

  it('a replication that streams keeps no record, and hands each one on exactly once', () => {
    const scenario = scenarios.get('scenarios/whatsapp-weekday.yaml')!;
    const seen = new Set<ConversationRecord>();
    let calls = 0;
    const run = new ReplicationRun(modelOf(scenario), {
      seed: 11,
      replication: 0,
      pool: identityPool(7),
      keepRecords: false,
      onRecord: (record) => {
        calls++;
        seen.add(record);
      },
    });
    run.run();
    expect(run.records).toHaveLength(0);
    const { handled, abandoned, interrupted, transferDisconnected } = run.counts;
    expect(calls).toBe(handled + abandoned + interrupted + transferDisconnected);
    expect(seen.size).toBe(calls);
    expect(calls).toBeGreaterThan(1000);
  });
});
