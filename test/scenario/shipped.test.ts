import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { arrivalsPerInterval, horizonMs, staffingPerInterval } from '../../src/scenario/views.js';

const root = new URL('../../scenarios/', import.meta.url).pathname;

/** Every scenario YAML under scenarios/ (k6 scripts live there too, as TypeScript). */
function scenarioFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return scenarioFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

describe('shipped scenarios', () => {
  const files = scenarioFiles();

  it('include the ones the docs and issues name', () => {
    const names = files.map((f) => relative(root, f)).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'whatsapp-smoke.yaml',
        'whatsapp-weekday.yaml',
        'validation/erlang-c1.yaml',
        'validation/erlang-a1.yaml',
      ]),
    );
  });

  for (const file of files) {
    const name = relative(root, file);
    it(`${name} parses and points editors at the JSON Schema`, async () => {
      const scenario = await loadScenario(file);
      expect(`${scenario.name}.yaml`).toBe(name.split('/').pop());
      const first = readFileSync(file, 'utf8').split('\n', 1)[0];
      const schema = relative(join(file, '..'), join(root, 'scenario.schema.json'));
      expect(first).toBe(
        `# yaml-language-server: $schema=${schema.startsWith('.') ? schema : `./${schema}`}`,
      );
    });
  }
});

describe('shipped scenario contents', () => {
  const load = (name: string) => loadScenario(join(root, name));

  it('whatsapp-weekday is a realistic day', async () => {
    const s = await load('whatsapp-weekday.yaml');
    expect(s.horizon).toMatchObject({ start: '08:00', intervalMinutes: 30, intervals: 20 });
    expect(s.tenant.queues).toHaveLength(3);
    expect(s.tenant.assets).toHaveLength(2);
    for (const g of s.tenant.agentGroups) expect(g.capacity).toBeGreaterThanOrEqual(2);
    for (const g of s.tenant.agentGroups) expect(g.capacity).toBeLessThanOrEqual(5);
    const total = Object.values(arrivalsPerInterval(s))
      .flat()
      .reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(2000);
    expect(total).toBeLessThan(5000);
    expect(s.staffing.shifts?.length).toBeGreaterThan(0);
    expect(s.behaviour.agent.missProbability).toBe(0.03);
    expect(s.behaviour.transfer?.probability).toBeGreaterThan(0);
    expect(s.behaviour.conference?.probability).toBeGreaterThan(0);
    expect(s.behaviour.admin.assetDeletions).toHaveLength(1);
    expect(s.serviceLevel).toMatchObject({ thresholdSeconds: 60, target: 0.8 });
    expect(s.tenant.masking.enabled).toBe(true);
    expect(s.load.thresholds).toMatchObject({
      webhook_ack: ['p(99)<25'],
      leaks: ['count==0'],
      lost: ['count==0'],
    });
    // Every interval has someone to take transfers to every queue.
    const staffing = staffingPerInterval(s);
    for (let i = 0; i < 20; i++) {
      for (const queue of s.tenant.queues) {
        const serving = s.tenant.agentGroups.filter(
          (g) => !g.queues || g.queues.includes(queue.id),
        );
        const staffed = serving.reduce((n, g) => n + staffing[g.id]![i]!, 0);
        expect(staffed, `${queue.id} at interval ${i}`).toBeGreaterThan(0);
      }
    }
  });

  it('whatsapp-smoke is small: about 50 conversations in at most two hours', async () => {
    const s = await load('whatsapp-smoke.yaml');
    expect(horizonMs(s)).toBeLessThanOrEqual(2 * 3_600_000);
    const total = Object.values(arrivalsPerInterval(s))
      .flat()
      .reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(30);
    expect(total).toBeLessThanOrEqual(80);
    expect(s.tenant.masking.enabled).toBe(true);
  });

  for (const [name, patience] of [
    ['validation/erlang-c1.yaml', undefined],
    ['validation/erlang-a1.yaml', { dist: 'exponential', mean: 300 }],
  ] as const) {
    it(`${name} matches the Erlang ${patience ? 'A' : 'C'} test case`, async () => {
      const s = await load(name);
      // lambda = 100 per 30 min in every interval, 14 agents of capacity 1 throughout.
      for (const counts of Object.values(arrivalsPerInterval(s))) {
        expect(counts.every((c) => c === 100 * (s.horizon.intervalMinutes / 30))).toBe(true);
      }
      expect(
        Object.values(staffingPerInterval(s))
          .flat()
          .every((n) => n === 14),
      ).toBe(true);
      expect(s.tenant.agentGroups.map((g) => g.capacity)).toEqual([1]);
      expect(s.behaviour.agent.handling).toEqual({
        model: 'handle-time',
        handleTime: { dist: 'exponential', mean: 180 },
      });
      expect(s.behaviour.customer.patience).toEqual(patience);
      expect(s.behaviour.agent).toMatchObject({
        missProbability: 0,
        acceptDelay: { dist: 'deterministic', value: 0 },
        wrapUpTime: { dist: 'deterministic', value: 0 },
      });
      expect(s.behaviour.transfer).toBeUndefined();
      expect(s.behaviour.conference).toBeUndefined();
      expect(s.serviceLevel).toMatchObject({ thresholdSeconds: 20, definition: 'offered' });
      expect(s.horizon.warmupMinutes).toBeGreaterThan(0);
    });
  }
});
