import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { hasShrinkage } from '../../src/scenario/shrinkage.js';
import { BASE, variant } from './fixture.js';

/** The shrinkage fields of `staffing` (docs/scenarios.md): their references, checked up front. */

const CODES = `  idleCodes:
    - { id: break, label: Break }
    - { id: lunch, label: Lunch }
arrivals:`;
const withCodes = variant('arrivals:', CODES);

function problems(text: string): string[] {
  try {
    parseScenario(text, 'test.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

const shiftWith = (breaks: string, text = withCodes) =>
  variant(
    '- { group: front, start: "08:00", end: "09:00", agents: 2 }',
    `- { group: front, start: "08:00", end: "09:00", agents: 2, breaks: ${breaks} }`,
    text,
  );

describe('staffing breaks and absenteeism', () => {
  it('accepts the roster shape (fixed start) and windows; an idle code defaults to the first', () => {
    const scenario = parseScenario(
      shiftWith(
        '[{ start: "08:20", minutes: 15, idleCode: lunch }, { start: { from: "08:30", to: "08:40" }, minutes: 10 }]',
      ),
    );
    expect(scenario.staffing.shifts![0]!.breaks).toHaveLength(2);
    expect(hasShrinkage(scenario)).toBe(true);
    expect(hasShrinkage(parseScenario(withCodes))).toBe(false);
  });

  it('refuses unknown idle codes and groups, and breaks outside their shift or horizon, with paths', () => {
    expect(problems(shiftWith('[{ start: "08:50", minutes: 15, idleCode: nap }]'))).toEqual([
      'staffing.shifts[0].breaks[0].idleCode: unknown idle code "nap"; the idle codes are "break", "lunch"',
      'staffing.shifts[0].breaks[0].start: a break of 15 min starting at 08:50 does not lie within its shift 08:00–09:00',
    ]);
    expect(problems(shiftWith('[{ start: "08:20", minutes: 15 }]', BASE))).toEqual([
      'staffing.shifts[0].breaks[0]: a break needs an idle code and the tenant has none (tenant.idleCodes)',
    ]);
    const rules = variant(
      'behaviour:',
      `  breaks:
    - { group: nobody, from: "09:00", to: "09:10", minutes: 10 }
    - { from: "09:40", to: "09:50", minutes: 15 }
  absenteeism: { front: 0.1, ghosts: 0.2 }
behaviour:`,
      withCodes,
    );
    expect(problems(rules)).toEqual([
      'staffing.absenteeism.ghosts: unknown agent group "ghosts"; the groups are "front", "back"',
      'staffing.breaks[0].group: unknown agent group "nobody"; the groups are "front", "back"',
      'staffing.breaks[1].from: the break window 09:40–09:50 (+15 min) is not inside the horizon 08:00–10:00',
    ]);
    expect(
      problems(variant('behaviour:', '  absenteeism: 1.5\nbehaviour:', withCodes)),
    ).toHaveLength(1);
  });
});
