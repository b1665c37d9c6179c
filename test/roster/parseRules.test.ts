import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRosterRules, RosterError } from '../../src/roster/index.js';
import { parseScenario, ScenarioError } from '../../src/scenario/index.js';

/** Issue 15: the rules as a stand-alone file and as a scenario's `roster:` section. */

const RULES = `starts:
  - { from: "07:00", to: "15:00", every: 15 }
shifts:
  - id: full
    minutes: 480
    breaks:
      - { minutes: 15, earliest: 90, latest: 150, idleCode: break }
      - { minutes: 30, earliest: 210, latest: 300, paid: false, idleCode: lunch }
groups:
  support: { costPerHour: 30, minAgents: 2 }
`;

function failure(run: () => unknown): RosterError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(RosterError);
    return err as RosterError;
  }
  throw new Error('expected a RosterError');
}

describe('roster rules file', () => {
  it('parses with defaults applied', () => {
    const rules = parseRosterRules(RULES, 'rules.yaml', { groups: ['support', 'sales'] });
    expect(rules.objective).toBe('cost');
    expect(rules.solver).toEqual({
      timeLimitSeconds: 60,
      relativeGap: 0.0001,
      searchMoves: 3000,
      maxNodes: 1000,
    });
    expect(rules.shifts[0]!.breaks[0]).toMatchObject({ every: 15, paid: true });
    expect(rules.groups.support).toMatchObject({ costPerHour: 30, minAgents: 2 });
  });

  it('names every problem with its line:column', () => {
    const text = RULES.replace('to: "15:00"', 'to: "06:00"')
      .replace('earliest: 210', 'earliest: 150')
      .replace('minutes: 480', 'minutes: 480\n    colour: red');
    const err = failure(() => parseRosterRules(text, 'rules.yaml'));
    expect(err.code).toBe('ROSTER_RULES_INVALID');
    expect(err.message).toContain('3 problems in rules.yaml');
    expect(err.message).toContain(
      'rules.yaml:2:26 starts[0].to: to must not be before from (start windows do not cross midnight)',
    );
    expect(err.message).toContain(
      'rules.yaml:6:5 shifts[0].colour: Unrecognized key (check its spelling and its indentation)',
    );
    expect(err.message).toMatch(
      /rules\.yaml:9:34 shifts\[0\]\.breaks\[1\]\.earliest: break 1 may still run until 165 min/,
    );
  });

  it('refuses a break that ends after its shift, and unknown shift types', () => {
    const text = `starts: [{ from: "08:00", to: "09:00" }]
shifts:
  - { id: four, minutes: 240, breaks: [{ minutes: 30, earliest: 200, latest: 220 }] }
groups:
  a: { shifts: [four, five] }
`;
    const err = failure(() => parseRosterRules(text, 'r.yaml'));
    expect(err.message).toContain(
      'shifts[0].breaks[0].latest: a break starting 220 min after the start of a 240-min shift ends after the shift',
    );
    expect(err.message).toContain(
      'groups.a.shifts[1]: unknown shift type "five"; the types are "four"',
    );
  });

  it('names unknown groups and idle codes when it knows them', () => {
    const err = failure(() =>
      parseRosterRules(RULES, 'rules.yaml', { groups: ['sales'], idleCodes: ['break'] }),
    );
    expect(err.message).toContain(
      'rules.yaml:10:3 groups.support: unknown agent group "support"; the groups are "sales"',
    );
    expect(err.message).toContain(
      'shifts[0].breaks[1].idleCode: unknown idle code "lunch"; the tenant\'s idle codes are "break"',
    );
  });

  it('tells a YAML error and an empty file apart', () => {
    expect(failure(() => parseRosterRules('starts: [\n', 'r.yaml')).code).toBe('ROSTER_RULES_YAML');
    const empty = failure(() => parseRosterRules('# nothing\n', 'r.yaml'));
    expect(empty.message).toBe(
      'r.yaml: the rules file is empty; it needs at least `starts` and `shifts`',
    );
  });
});

describe('scenario roster: section', () => {
  const weekday = readFileSync('scenarios/whatsapp-weekday.yaml', 'utf8');
  const withRoster = (rules: string) =>
    `${weekday}\nroster:\n${rules.replace(/^/gm, '  ').trimEnd()}\n`;

  it('is optional, and parsed with the rest of the scenario', () => {
    expect(parseScenario(weekday, 'w.yaml').roster).toBeUndefined();
    const groups = parseScenario(weekday, 'w.yaml').tenant.agentGroups.map((g) => g.id);
    const rules = RULES.replace('support:', `${groups[0]}:`).replace(/idleCode: \w+/g, '');
    const scenario = parseScenario(withRoster(rules), 'w.yaml');
    expect(scenario.roster?.shifts[0]?.minutes).toBe(480);
  });

  it('checks its groups against the tenant, with line:column in the scenario file', () => {
    let caught: unknown;
    try {
      parseScenario(withRoster(RULES.replace('support:', 'nobody:')), 'w.yaml');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as ScenarioError).message).toMatch(
      /w\.yaml:\d+:5 roster\.groups\.nobody: unknown agent group "nobody"/,
    );
  });
});
