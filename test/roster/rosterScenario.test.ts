import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RosterDocument, RosterError, rosterScenario } from '../../src/roster/index.js';
import { loadScenario, parseScenario } from '../../src/scenario/index.js';

/** Issue 15: the roster written back as a scenario, for its verification by simulation. */

const FILE = 'scenarios/whatsapp-weekday.yaml';
const text = readFileSync(FILE, 'utf8');

/** The parts of roster.json that writing it back reads. */
function roster(
  shifts: { start: string; end: string; agents: number; day?: number; breaks?: object[] }[],
  onShift = 30,
): RosterDocument {
  return {
    requirement: { source: 'staffing-support.json' },
    groups: [{ id: 'support' }],
    shifts: shifts.map((s) => ({ group: 'support', day: 1, breaks: [], ...s })),
    coverage: [{ group: 'support', intervals: [{ onShift }] }],
  } as unknown as RosterDocument;
}

describe('rosterScenario (issue 15: the roster written back as a scenario)', () => {
  it("replaces the rostered group's shifts with the roster's, breaks included, and keeps the others' as written", async () => {
    const scenario = await loadScenario(FILE);
    const lines = roster([
      {
        start: '08:00',
        end: '16:00',
        agents: 3,
        breaks: [
          { start: '10:00', minutes: 15, paid: true, idleCode: 'break' },
          { start: '12:00', minutes: 30, paid: false, idleCode: 'lunch' },
        ],
      },
      { start: '12:00', end: '17:30', agents: 2 },
    ]);
    const r = rosterScenario({ scenario, text, file: FILE }, lines, { withBreaks: true });
    const support = r.scenario.staffing.shifts!.filter((s) => s.group === 'support');
    expect(support).toEqual([
      {
        group: 'support',
        start: '08:00',
        end: '16:00',
        agents: 3,
        breaks: [
          { start: '10:00', minutes: 15, idleCode: 'break' },
          { start: '12:00', minutes: 30, idleCode: 'lunch' },
        ],
      },
      { group: 'support', start: '12:00', end: '17:30', agents: 2 },
    ]);
    const others = (s: typeof scenario) => s.staffing.shifts!.filter((x) => x.group !== 'support');
    expect(others(r.scenario)).toEqual(others(scenario));
    // Seats: 30 on shift at once for a group of fewer is raised; the rest of the file is kept.
    expect(r.scenario.tenant.agentGroups.find((g) => g.id === 'support')!.size).toBe(30);
    expect(r.scenario.behaviour).toEqual(scenario.behaviour);
    expect(r.scenario.arrivals).toEqual(scenario.arrivals);
    expect(r.text).toContain('# A realistic weekday'); // its comments
    expect(r.text).toMatch(/start: "08:00"/); // times quoted, as a YAML 1.1 reader needs
  });

  it('writes the target the roster is verified against, and leaves breaks out when asked', async () => {
    const scenario = await loadScenario(FILE);
    const lines = roster([
      {
        start: '08:00',
        end: '16:00',
        agents: 3,
        breaks: [{ start: '10:00', minutes: 15, paid: true, idleCode: 'break' }],
      },
    ]);
    const r = rosterScenario({ scenario, text, file: FILE }, lines, {
      withBreaks: false,
      serviceLevel: { target: 0.9, thresholdSeconds: 30 },
    });
    expect(r.scenario.serviceLevel).toMatchObject({ target: 0.9, thresholdSeconds: 30 });
    expect(r.scenario.staffing.shifts!.find((s) => s.group === 'support')!.breaks).toBeUndefined();
  });

  it('turns per-interval staffing of the other groups into one shift per interval, keeping absenteeism and their break rules', () => {
    const source = `
name: two
horizon: { start: "08:00", intervalMinutes: 60, intervals: 2 }
tenant:
  queues: [{ id: q, name: Q }]
  assets: [{ id: "1", number: "+31 20 000 0001", queue: q }]
  agentGroups: [{ id: support, size: 5 }, { id: sales, size: 5 }]
  wrapUpReasons: [{ id: done, label: Done }]
  idleCodes: [{ id: break, label: Break }]
arrivals: { perInterval: { "1": 10 } }
staffing:
  perInterval: { support: 2, sales: [3, 1] }
  breaks: [{ from: "08:30", to: "08:45", minutes: 10, idleCode: break }]
  absenteeism: 0.1
behaviour:
  customer: {}
  agent:
    acceptDelay: { dist: deterministic, value: 0 }
    missProbability: 0
    handling: { model: handle-time, handleTime: { dist: exponential, mean: 180 } }
    wrapUpTime: { dist: deterministic, value: 0 }
serviceLevel: { thresholdSeconds: 20 }
`;
    const scenario = parseScenario(source);
    const r = rosterScenario(
      { scenario, text: source, file: 'two.yaml' },
      roster([{ start: '08:00', end: '10:00', agents: 2 }], 2),
      { withBreaks: true },
    );
    expect(r.scenario.staffing).toEqual({
      shifts: [
        { group: 'support', start: '08:00', end: '10:00', agents: 2 },
        { group: 'sales', start: '08:00', end: '09:00', agents: 3 },
        { group: 'sales', start: '09:00', end: '10:00', agents: 1 },
      ],
      breaks: [{ group: 'sales', from: '08:30', to: '08:45', minutes: 10, idleCode: 'break' }],
      absenteeism: 0.1,
    });
  });

  it('refuses a roster line a scenario cannot hold (a shift on day 2) with ROSTER_NOT_WRITABLE', async () => {
    const scenario = await loadScenario(FILE);
    const lines = roster([{ start: '08:00', end: '16:00', agents: 3, day: 2 }]);
    expect(() =>
      rosterScenario({ scenario, text, file: FILE }, lines, { withBreaks: true }),
    ).toThrow(RosterError);
    try {
      rosterScenario({ scenario, text, file: FILE }, lines, { withBreaks: true });
    } catch (err) {
      expect((err as RosterError).code).toBe('ROSTER_NOT_WRITABLE');
    }
  });
});
