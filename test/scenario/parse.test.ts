import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { MAX_SCENARIO_BYTES, parseScenario, unclosedFlowAt } from '../../src/scenario/parse.js';
import { BASE, positionOf, variant } from './fixture.js';

function errorOf(text: string, fileName = 'x.yaml'): ScenarioError {
  try {
    parseScenario(text, fileName);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return err as ScenarioError;
  }
  throw new Error('expected a ScenarioError');
}

/** The message lines of an invalid variant, without the "N problems" header. */
function linesOf(text: string): string[] {
  const err = errorOf(text);
  expect(err.code).toBe('SCENARIO_INVALID');
  return err.issues.map((i) => `x.yaml:${i.line}:${i.column} ${i.path}: ${i.message}`);
}

describe('parseScenario', () => {
  it('parses a valid scenario and applies defaults', () => {
    const s = parseScenario(BASE);
    expect(s.name).toBe('test');
    expect(s.tenant.agentGroups[1]!.capacity).toBe(5);
    expect(s.tenant.ronaTimeoutSeconds).toBe(30);
    expect(s.tenant.masking).toEqual({ enabled: true });
    expect(s.behaviour.agent.missProbability).toBe(0);
    expect(s.serviceLevel).toEqual({ thresholdSeconds: 60, target: 0.8, definition: 'offered' });
    expect(s.simulation.seed).toBe(1);
    expect(s.horizon.drainMinutes).toBe(120);
  });

  it('points a schema error at the field path and the line:column of its value', () => {
    const text = variant(
      'handleTime: { dist: exponential, mean: 180 }',
      'handleTime: { dist: exponential, mean: 0 }',
    );
    const err = errorOf(text, 'scenarios/x.yaml');
    expect(err.message).toBe(
      `scenarios/x.yaml:${positionOf(text, 'mean: 0 }', '0')} behaviour.agent.handling.handleTime.mean: Too small: expected number to be >0`,
    );
    expect(err.issues).toHaveLength(1);
  });

  it('lists every problem, each with its own position', () => {
    let text = variant('intervalMinutes: 30', 'intervalMinutes: 20');
    text = variant('thresholdSeconds: 60', 'thresholdSeconds: -1', text);
    const err = errorOf(text);
    expect(err.message).toMatch(
      /^2 problems in x\.yaml:\n {2}x\.yaml:4:20 horizon\.intervalMinutes: Invalid input: expected one of 15, 30, 60\n/,
    );
    expect(err.message).toContain(
      `x.yaml:${positionOf(text, 'thresholdSeconds: -1', '-1')} serviceLevel.thresholdSeconds: Too small`,
    );
  });

  it('points an unrecognised key at the key itself, with a "did you mean" (issue 14 item 3)', () => {
    const text = variant('      capacity: 2', '      capacity: 2\n      capacty: 3');
    expect(linesOf(text)).toEqual([
      `x.yaml:${positionOf(text, 'capacty')} tenant.agentGroups[0].capacty: Unrecognized key (did you mean "capacity"?)`,
    ]);
    // Inside a union (a distribution): the keys of every branch are candidates.
    const dist = variant('{ dist: exponential, mean: 300 }', '{ dist: exponential, maen: 300 }');
    expect(linesOf(dist).join('\n')).toContain(
      'behaviour.customer.patience.maen: Unrecognized key (did you mean "mean"?)',
    );
    // Nothing near: the keys allowed there.
    const far = variant('      capacity: 2', '      capacity: 2\n      zzzzzz: 3');
    expect(linesOf(far)[0]).toMatch(
      /tenant\.agentGroups\[0\]\.zzzzzz: Unrecognized key \(check its spelling and its indentation; here: id, .*capacity/,
    );
  });

  it('points a missing required field at its parent', () => {
    const text = variant('  intervals: 4\n', '');
    expect(linesOf(text)).toEqual([`x.yaml:2:1 horizon.intervals: Required: expected number`]);
  });

  it('names the allowed distributions for an unknown one', () => {
    const text = variant('{ dist: exponential, mean: 300 }', '{ dist: weibull, mean: 300 }');
    const [line] = linesOf(text);
    expect(line).toContain(
      `x.yaml:${positionOf(text, 'weibull')} behaviour.customer.patience.dist:`,
    );
    expect(line).toContain("'exponential' | 'lognormal' | 'gamma'");
  });

  it('names both alternatives of a number-or-array field', () => {
    const text = variant('wa-2: 5', 'wa-2: lots');
    expect(linesOf(text)).toEqual([
      `x.yaml:${positionOf(text, 'lots')} arrivals.perInterval["wa-2"]: Invalid input: expected number or array, received string`,
    ]);
  });

  it('rejects staffing that is not a whole number', () => {
    const text = variant(
      'staffing:\n  shifts:\n    - { group: front, start: "08:00", end: "09:00", agents: 2 }\n    - { group: front, start: "08:30", end: "10:00", agents: 1 }\n    - { group: back, start: "08:15", end: "09:45", agents: 2 }',
      'staffing:\n  perInterval:\n    front: [1, 1.5, 2, 2]',
    );
    expect(linesOf(text)[0]).toContain('staffing.perInterval.front[1]: Invalid input');
  });

  it('reports YAML syntax errors as SCENARIO_YAML with their position', () => {
    const err = errorOf('name: test\nhorizon:\n  start: "08:00\n  intervals: 4\n');
    expect(err.code).toBe('SCENARIO_YAML');
    expect(err.message).toMatch(/^x\.yaml:\d+:\d+ YAML: /);
  });

  it('reports duplicate keys as SCENARIO_YAML', () => {
    const err = errorOf(variant('  intervals: 4', '  intervals: 4\n  intervals: 5'));
    expect(err.code).toBe('SCENARIO_YAML');
    expect(err.issues[0]!.line).toBe(6);
  });

  it('says an empty file is empty (SCENARIO_EMPTY), not "expected object, received null"', () => {
    for (const text of ['', '\n\n', '# nothing yet\n', '---\n']) {
      const err = errorOf(text);
      expect(err.code, JSON.stringify(text)).toBe('SCENARIO_EMPTY');
      expect(err.message).toMatch(
        /^x\.yaml: the file is empty \(or holds only comments\); a scenario is a YAML mapping/,
      );
      expect(err.message).not.toContain('received null');
    }
    const list = errorOf('- name: x\n');
    expect(list.message).toBe(
      'x.yaml:1:1 a scenario is a YAML mapping of fields (name: ..., horizon: ...), not a list',
    );
  });

  it('gives one problem for one missing "}", where the brace opens', () => {
    const text = variant('{ dist: exponential, mean: 300 }', '{ dist: exponential, mean: 300');
    const err = errorOf(text);
    expect(err.code).toBe('SCENARIO_YAML');
    expect(err.issues).toHaveLength(1);
    const open = positionOf(text, '{ dist: exponential, mean: 300\n');
    expect(err.message).toMatch(
      new RegExp(
        `^x\\.yaml:${open} YAML: this "\\{" is never closed: a "\\}" is missing \\(noticed at \\d+:\\d+\\)`,
      ),
    );
  });

  it('counts the YAML errors that follow from the first one in words', () => {
    const err = errorOf('{"name": "x", "tenant": {"id": 1');
    expect(err.message).toMatch(/is never closed.*\(1 more YAML error follows from it\)$/);
  });

  it('refuses text over the size limit before parsing it', () => {
    const huge = `${BASE}\n# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`;
    const err = errorOf(huge);
    expect(err.code).toBe('SCENARIO_TOO_LARGE');
    expect(err.message).toMatch(/over the limit of 2097152 bytes/);
  });

  it('names the file as <scenario> when no file name is given', () => {
    try {
      parseScenario(variant('thresholdSeconds: 60', 'thresholdSeconds: 0'));
    } catch (err) {
      expect((err as Error).message).toMatch(/^<scenario>:\d+:\d+ serviceLevel/);
      return;
    }
    throw new Error('expected an error');
  });
});

describe('parseScenario reference checks', () => {
  const cases: [string, string, string, string][] = [
    // [what, from, to, expected line (with <pos> for the position of `to`'s marked part)]
    [
      'asset queue',
      'number: "+31 20 555 0002", queue: billing',
      'number: "+31 20 555 0002", queue: nope',
      'tenant.assets[1].queue: unknown queue "nope"; the queues are "support", "billing"',
    ],
    [
      'agent group queue',
      'queues: [billing, support]',
      'queues: [billing, nope]',
      'tenant.agentGroups[1].queues[1]: unknown queue "nope"',
    ],
    [
      'skill queue',
      'queues: [billing, support]',
      'queues: [billing, { queue: nope, skill: secondary }]',
      'tenant.agentGroups[1].queues[1].queue: unknown queue "nope"',
    ],
    [
      'skill listed twice',
      'queues: [billing, support]',
      'queues: [billing, { queue: billing, skill: secondary }]',
      'tenant.agentGroups[1].queues[1]: queue "billing" is listed twice',
    ],
    [
      'overflow group',
      '- { id: billing, name: Billing }',
      '- { id: billing, name: Billing, overflow: [{ afterSeconds: 60, agentGroups: [back, experts] }] }',
      'tenant.queues[1].overflow[0].agentGroups[1]: unknown agent group "experts"; the groups are "front", "back"',
    ],
    [
      'arrivals key',
      'wa-2: 5',
      'wa-3: 5',
      'arrivals.perInterval["wa-3"]: unknown asset "wa-3"; the assets are "wa-1", "wa-2"',
    ],
    [
      'arrivals length',
      'wa-1: [10, 20, 20, 10]',
      'wa-1: [10, 20, 20]',
      'arrivals.perInterval["wa-1"]: 3 entries; horizon.intervals is 4',
    ],
    [
      'shift group',
      '{ group: back, start: "08:15"',
      '{ group: nope, start: "08:15"',
      'staffing.shifts[2].group: unknown agent group "nope"',
    ],
    [
      'shift before horizon',
      'start: "08:15", end: "09:45"',
      'start: "07:15", end: "09:45"',
      'staffing.shifts[2].start: 07:15 is outside the horizon 08:00–10:00',
    ],
    [
      'shift after horizon',
      'start: "08:15", end: "09:45"',
      'start: "08:15", end: "10:45"',
      'staffing.shifts[2].end: 10:45 is outside the horizon 08:00–10:00',
    ],
    [
      'shift backwards',
      'start: "08:15", end: "09:45"',
      'start: "08:15", end: "08:00"',
      'staffing.shifts[2].end: a shift ends after it starts (08:15)',
    ],
    [
      'shift over size',
      '{ group: back, start: "08:15", end: "09:45", agents: 2 }',
      '{ group: back, start: "08:15", end: "09:45", agents: 3 }',
      'staffing.shifts[2].agents: shifts put 3 agents of group "back" in the interval at 08:00, more than its size 2',
    ],
    [
      'transfer queue',
      '- { queue: billing }',
      '- { queue: nope }',
      'behaviour.transfer.targets[0].queue: unknown queue "nope"',
    ],
    [
      'transfer group',
      '- { agentGroup: back }',
      '- { agentGroup: nope }',
      'behaviour.transfer.targets[1].agentGroup: unknown agent group "nope"',
    ],
    [
      'wrap-up weights',
      '{ solved: 3, other: 1 }',
      '{ solved: 3, misc: 1 }',
      'behaviour.agent.wrapUpReasonWeights.misc: unknown wrap-up reason "misc"',
    ],
    [
      'deleted asset',
      '- { asset: wa-2, at: "09:30" }',
      '- { asset: wa-9, at: "09:30" }',
      'behaviour.admin.assetDeletions[0].asset: unknown asset "wa-9"',
    ],
    [
      'deletion time',
      '- { asset: wa-2, at: "09:30" }',
      '- { asset: wa-2, at: "10:00" }',
      'behaviour.admin.assetDeletions[0].at: 10:00 is outside the horizon 08:00–10:00',
    ],
    [
      'duplicate queue',
      '- { id: billing, name: Billing }',
      '- { id: support, name: Billing }',
      'tenant.queues[1].id: duplicate id "support" (also tenant.queues[0])',
    ],
    [
      'duplicate number',
      'number: "+31 20 555 0002"',
      'number: "+31 20 555 0001"',
      'tenant.assets[1].number: duplicate number "+31 20 555 0001"',
    ],
    [
      'names',
      'names: [Ann, Bob]',
      'names: [Ann, Bob, Cy, Di]',
      'tenant.agentGroups[0].names: 4 names for a group of size 3',
    ],
    [
      'tokens',
      'names: [Ann, Bob]',
      'names: [Ann, Bob]\n      tokens: [token-aaaa, token-bbbb]',
      'tenant.agentGroups[0].tokens: 2 tokens for a group of size 3; give one per agent',
    ],
    [
      'horizon past midnight',
      'intervals: 4',
      'intervals: 40',
      'horizon.intervals: 40 intervals of 30 min from 08:00 end after midnight',
    ],
    [
      'warm-up',
      'intervals: 4',
      'intervals: 4\n  warmupMinutes: 120',
      'horizon.warmupMinutes: warm-up of 120 min leaves nothing',
    ],
  ];
  for (const [what, from, to, expected] of cases) {
    it(`checks ${what}`, () => {
      const lines = linesOf(variant(from, to));
      expect(
        lines.some((line) => line.includes(expected)),
        lines.join('\n'),
      ).toBe(true);
    });
  }

  it('gives reference errors the line of the offending value or key', () => {
    const text = variant('wa-2: 5', 'wa-3: 5');
    expect(linesOf(text)).toEqual([
      `x.yaml:${positionOf(text, 'wa-3')} arrivals.perInterval["wa-3"]: unknown asset "wa-3"; the assets are "wa-1", "wa-2"`,
    ]);
    const queue = variant('queue: billing }', 'queue: nope }');
    expect(linesOf(queue)[0]).toMatch(new RegExp(`^x\\.yaml:${positionOf(queue, 'nope')} `));
  });

  it('checks staffing per interval against group ids, lengths and sizes', () => {
    const text = variant(
      'staffing:\n  shifts:\n    - { group: front, start: "08:00", end: "09:00", agents: 2 }\n    - { group: front, start: "08:30", end: "10:00", agents: 1 }\n    - { group: back, start: "08:15", end: "09:45", agents: 2 }',
      'staffing:\n  perInterval:\n    front: [1, 2, 4, 2]\n    back: [1, 1]\n    ghost: 1',
    );
    const lines = linesOf(text);
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).toContain(
      `x.yaml:${positionOf(text, 'ghost')} staffing.perInterval.ghost: unknown agent group`,
    );
    expect(lines.join('\n')).toContain(
      'staffing.perInterval.back: 2 entries; horizon.intervals is 4',
    );
    expect(lines.join('\n')).toContain(
      `staffing.perInterval.front[2]: 4 agents logged in, more than the 3 of group "front"`,
    );
  });

  it('requires either perInterval or shifts in staffing', () => {
    const text = variant(
      'staffing:\n  shifts:',
      'staffing:\n  perInterval: { front: 1 }\n  shifts:',
    );
    expect(linesOf(text)[0]).toContain('staffing: give either perInterval or shifts');
  });
});

describe('parseScenario on arbitrary edits', () => {
  it('either parses or throws a ScenarioError whose issues all have a position', () => {
    const lines = BASE.split('\n');
    fc.assert(
      fc.property(
        fc.nat(lines.length - 1),
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('  x: 1', '-', ': :', '"', '0', '['),
        ),
        fc.boolean(),
        (at, text, replace) => {
          const edited = [...lines];
          if (replace) edited[at] = text;
          else edited.splice(at, 0, text);
          try {
            parseScenario(edited.join('\n'), 'f.yaml');
          } catch (err) {
            if (!(err instanceof ScenarioError)) throw err;
            for (const issue of err.issues) {
              expect(issue.line, issue.message).toBeGreaterThan(0);
              expect(issue.column).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: 200, seed: 4 },
    );
  });

  it('finds the flow collection still open, outside quotes and comments', () => {
    const text = 'a: { b: "}", c: [1, 2] # }\nd: 1';
    expect(unclosedFlowAt(text, text.length)).toEqual({ at: 3, open: '{' });
    expect(unclosedFlowAt('a: [1, {b: 2}]', 14)).toBeNull();
  });
});
