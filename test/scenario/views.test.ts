import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';
import { parseScenario } from '../../src/scenario/parse.js';
import {
  agentTokens,
  arrivalsPerInterval,
  clockToOffsetMs,
  drainMs,
  horizonMs,
  intervalLabels,
  intervalMs,
  staffingPerInterval,
  toTenant,
  warmupMs,
} from '../../src/scenario/views.js';
import { BASE, variant } from './fixture.js';

const scenario = parseScenario(BASE);

describe('toTenant', () => {
  it('expands agent groups into agents with 1-based ids and names', () => {
    const tenant = toTenant(scenario);
    expect(tenant.agents).toEqual([
      { id: 'front-1', name: 'Ann', capacity: 2, queues: ['support'] },
      { id: 'front-2', name: 'Bob', capacity: 2, queues: ['support'] },
      { id: 'front-3', name: 'front 3', capacity: 2, queues: ['support'] },
      { id: 'back-1', name: 'back 1', capacity: 5, queues: ['billing', 'support'] },
      { id: 'back-2', name: 'back 2', capacity: 5, queues: ['billing', 'support'] },
    ]);
  });

  it('maps priorities, skills and overflow (docs/router.md), only where the scenario sets them', () => {
    const withQueue = variant(
      '- { id: billing, name: Billing }',
      '- { id: billing, name: Billing, priority: 2, overflow: [{ afterSeconds: 45, agentGroups: [front] }] }',
    );
    const s = parseScenario(
      variant(
        'queues: [billing, support]',
        'queues: [billing, { queue: support, skill: secondary }]',
        withQueue,
      ),
    );
    const tenant = toTenant(s);
    expect(tenant.queues).toEqual([
      { id: 'support', name: 'Support' },
      {
        id: 'billing',
        name: 'Billing',
        priority: 2,
        overflow: [{ afterMs: 45_000, agentGroups: ['front'] }],
      },
    ]);
    expect(tenant.agents[0]).toEqual({
      id: 'front-1',
      name: 'Ann',
      capacity: 2,
      queues: ['support'],
      group: 'front',
    });
    // back is named by no overflow rule: no group on its agents.
    expect(tenant.agents[3]).toEqual({
      id: 'back-1',
      name: 'back 1',
      capacity: 5,
      queues: ['billing', { queue: 'support', skill: 'secondary' }],
    });
    // A skill object without `skill` is primary.
    const primary = parseScenario(
      variant('queues: [billing, support]', 'queues: [{ queue: billing }]'),
    );
    expect(toTenant(primary).agents[3]!.queues).toEqual([{ queue: 'billing', skill: 'primary' }]);
  });

  it('maps assets, codes and settings, with the RONA timeout in milliseconds', () => {
    const tenant = toTenant(scenario);
    expect(tenant.assets[0]).toEqual({ id: 'wa-1', number: '+31 20 555 0001', queueId: 'support' });
    expect(tenant.ronaTimeoutMs).toBe(30_000);
    expect(tenant.transferPolicy).toBe('disconnect');
    expect(tenant.routingPolicy).toBe('longest-waiting');
    expect(tenant.masking).toEqual({ enabled: true });
    expect(tenant.idleCodes).toEqual([]);
    expect(tenant.wrapUpReasons.map((r) => r.id)).toEqual(['solved', 'other']);
  });

  it('leaves queues out for a group that serves every queue', () => {
    const s = parseScenario(variant('      queues: [billing, support]\n', ''));
    expect(toTenant(s).agents.find((a) => a.id === 'back-1')).toEqual({
      id: 'back-1',
      name: 'back 1',
      capacity: 5,
    });
  });
});

describe('agentTokens', () => {
  it('derives a stable, distinct token per agent when none are given', () => {
    const tokens = agentTokens(scenario);
    expect([...tokens.keys()]).toEqual(['front-1', 'front-2', 'front-3', 'back-1', 'back-2']);
    expect(new Set(tokens.values()).size).toBe(5);
    for (const token of tokens.values()) expect(token).toMatch(/^local-[0-9a-f]{16}$/);
    expect(agentTokens(parseScenario(BASE))).toEqual(tokens);
  });

  it('uses the given tokens', () => {
    const s = parseScenario(
      variant(
        'names: [Ann, Bob]',
        'names: [Ann, Bob]\n      tokens: [token-aaaa, token-bbbb, token-cccc]',
      ),
    );
    expect(agentTokens(s).get('front-2')).toBe('token-bbbb');
  });
});

describe('staffingPerInterval', () => {
  it('counts a shift in every interval whose midpoint it covers', () => {
    // front: 2 agents 08:00-09:00 and 1 agent 08:30-10:00; back: 2 agents 08:15-09:45, which
    // covers the midpoints 08:15, 08:45, 09:15 but not 09:45.
    expect(staffingPerInterval(scenario)).toEqual({ front: [2, 3, 1, 1], back: [2, 2, 2, 0] });
  });

  it('expands perInterval numbers and gives absent groups no agents', () => {
    const s = parseScenario(
      variant(
        'staffing:\n  shifts:\n    - { group: front, start: "08:00", end: "09:00", agents: 2 }\n    - { group: front, start: "08:30", end: "10:00", agents: 1 }\n    - { group: back, start: "08:15", end: "09:45", agents: 2 }',
        'staffing:\n  perInterval:\n    front: 3',
      ),
    );
    expect(staffingPerInterval(s)).toEqual({ front: [3, 3, 3, 3], back: [0, 0, 0, 0] });
  });

  it('throws SCENARIO_INVALID for a plan over a group size (unvalidated input)', () => {
    const over = structuredClone(scenario);
    over.staffing.shifts![0]!.agents = 9;
    expect(() => staffingPerInterval(over)).toThrow(ScenarioError);
    expect(() => staffingPerInterval(over)).toThrow(/shifts put 9 agents of group "front"/);
  });
});

describe('arrivalsPerInterval and time helpers', () => {
  it('gives every asset one expected count per interval', () => {
    expect(arrivalsPerInterval(scenario)).toEqual({
      'wa-1': [10, 20, 20, 10],
      'wa-2': [5, 5, 5, 5],
    });
    const s = parseScenario(variant('    wa-2: 5\n', ''));
    expect(arrivalsPerInterval(s)['wa-2']).toEqual([0, 0, 0, 0]);
  });

  it('converts the horizon to milliseconds and clock times to offsets', () => {
    expect(intervalMs(scenario)).toBe(1_800_000);
    expect(horizonMs(scenario)).toBe(4 * 1_800_000);
    expect(warmupMs(scenario)).toBe(0);
    expect(drainMs(scenario)).toBe(120 * 60_000);
    expect(clockToOffsetMs(scenario, '08:00')).toBe(0);
    expect(clockToOffsetMs(scenario, '09:30')).toBe(90 * 60_000);
    expect(() => clockToOffsetMs(scenario, '07:59')).toThrow(/before the horizon start 08:00/);
    expect(() => clockToOffsetMs(scenario, '9:30')).toThrow(ScenarioError);
    expect(intervalLabels(scenario)).toEqual(['08:00', '08:30', '09:00', '09:30']);
  });
});

describe('loadScenario', () => {
  it('reads a file and names it in errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccsim-scenario-'));
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    await writeFile(good, BASE);
    await writeFile(bad, variant('thresholdSeconds: 60', 'thresholdSeconds: 0'));
    expect((await loadScenario(good)).name).toBe('test');
    await expect(loadScenario(bad)).rejects.toMatchObject({
      code: 'SCENARIO_INVALID',
      message: expect.stringMatching(
        new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ serviceLevel`),
      ),
    });
    await expect(loadScenario(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      code: 'SCENARIO_NOT_FOUND',
    });
    await expect(loadScenario(dir)).rejects.toMatchObject({
      code: 'SCENARIO_READ',
      message: expect.stringContaining('a folder, not a scenario file'),
    });
  });
});
