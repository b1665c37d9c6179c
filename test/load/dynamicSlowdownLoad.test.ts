import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/index.js';
import { decisionDiff, simulatorAndLoadTest } from './decisionDiff.js';

/**
 * Issue 12, item 5: the load replayer carries out `slowdownModel: dynamic` as the simulator does.
 * The smoke scenario (dialogue, slow-down [1, 1.2, 1.5]) with the dynamic model goes through the
 * simulator and a load test from one seed, and the decisions are the same (as in
 * differential.test.ts): with held chats rescheduled on every accept and end, both shells still
 * answer, transfer, reply and wrap up alike. What this does not show: that the deployment's handle
 * times are the dynamic model's. On this seed dynamic moves end times by 0.19 s on average against
 * at-accept, less than the real-time jitter at --speed 120 (1 ms real = 120 ms scenario), so a
 * timing comparison could not tell the two models apart; test/behaviour/dynamicSlowdown.test.ts
 * checks the exact times through the behaviour's port, which both shells implement.
 */
const SEED = 1;
const SPEED = 120;
const dir = mkdtempSync(join(tmpdir(), 'ccsim-dynamic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dynamicSmoke(): string {
  const text = readFileSync('scenarios/whatsapp-smoke.yaml', 'utf8');
  const line = /^(\s*)concurrencySlowdown: .*$/m.exec(text);
  if (line === null) throw new Error('smoke has no concurrencySlowdown line');
  const file = join(dir, 'whatsapp-smoke-dynamic.yaml');
  writeFileSync(
    file,
    text
      .replace(line[0], `${line[0]}\n${line[1]}slowdownModel: dynamic`)
      .replace('../scenario.schema.json', ''),
  );
  return file;
}

describe('load replayer: dynamic chat slow-down (issue 12)', () => {
  it(`smoke with slowdownModel: dynamic, seed ${SEED}, --speed ${SPEED}: same decisions`, async () => {
    const file = dynamicSmoke();
    expect((await loadScenario(file)).behaviour.agent.slowdownModel).toBe('dynamic');
    const { simulated, measured } = await simulatorAndLoadTest(file, SEED, SPEED);
    const { compared, differences } = decisionDiff(simulated.records, measured.records);
    expect(compared).toBe(simulated.records.length);
    expect(differences).toEqual([]);
  }, 180_000);
});
