import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentStateRecord } from '../../src/core/index.js';
import { decisionDiff, simulatorAndLoadTest } from './decisionDiff.js';

/**
 * Breaks in the load replayer (issue 11, so that runs with shrinkage compare with the
 * simulator): the replayer takes the replication's shrinkage plan from the simulator's pure
 * planner (`planShrinkage`, same seed) and gives each break to the agent the behaviour model
 * chooses, as the simulator does. load-mini with a break rule for the support group: both sides
 * have the same agents go Idle with the break's code, as often, and the same decisions.
 */
const BREAK_RULE = [
  'staffing:',
  '  perInterval: { support: 2, sales: 1 }',
  '  breaks:',
  '    - { group: support, from: "09:04", to: "09:06", minutes: 3, idleCode: coffee }',
  '',
].join('\n');

/** Who went on the break, in order, and how often. */
function onBreak(states: readonly AgentStateRecord[]): string[] {
  return states
    .filter((s) => s.status === 'Idle' && s.idleCode === 'coffee')
    .sort((a, b) => a.at - b.at)
    .map((s) => s.agentId);
}

describe('breaks in the load replayer', () => {
  it('takes the break rule as the simulator does: same agents, same decisions', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ccsim-breaks-'));
    const mini = await readFile('test/load/fixtures/load-mini.yaml', 'utf8');
    const withBreaks = mini
      .replace('staffing:\n  perInterval: { support: 2, sales: 1 }\n', BREAK_RULE)
      .replace(
        '  ronaTimeoutSeconds: 20\n',
        '  idleCodes:\n    - { id: coffee, label: Coffee }\n  ronaTimeoutSeconds: 20\n',
      );
    expect(withBreaks).toContain('idleCode: coffee');
    expect(withBreaks).toContain('id: coffee');
    const file = join(dir, 'breaks.yaml');
    await writeFile(file, withBreaks);

    const { simulated, measured } = await simulatorAndLoadTest(file, 3, 120);
    // Both agents of support on shift at 09:04 take one break each.
    const simulatedBreaks = onBreak(simulated.agentStates);
    expect(simulatedBreaks.sort()).toEqual(['support-1', 'support-2']);
    expect(onBreak(measured.agentStates).sort()).toEqual(simulatedBreaks);
    expect(decisionDiff(simulated.records, measured.records).differences).toEqual([]);
  }, 120_000);
});
