import { describe, expect, it } from 'vitest';
import { modelOf, simulateReplication } from '../../sim/replication.js';
import { summarizeRun } from '../../sim/summary.js';
import { erlangC } from '../../src/analytic/index.js';
import { type Summary, studentTQuantile, summarize } from '../../src/kpi/index.js';
import { renderSimulationReport } from '../../src/report/index.js';
import { parseScenario, type Scenario } from '../../src/scenario/index.js';
import { merge, stress, stressJson } from './fixtures.js';

/**
 * Shrinkage inside shifts (issue 12, item 4): breaks taken as a desk takes them (Idle with the
 * break's code at its start, open chats finished first, the break's minutes from then, then
 * Available), absenteeism, and the Erlang C validation of a day with agents on a break.
 */

type Json = Record<string, unknown>;

/** λ = 360/h, AHT 60 s exponential (a = 6 Erlang), no abandonment, RONA or wrap-up: Erlang C. */
function erlangDay(staffing: Json, extra: Json = {}): Scenario {
  const json: Json = {
    name: 'breaks-erlang',
    horizon: {
      start: '00:00',
      intervalMinutes: 60,
      intervals: 10,
      warmupMinutes: 60,
      drainMinutes: 60,
    },
    tenant: {
      queues: [{ id: 'q', name: 'Queue' }],
      assets: [{ id: '100000000000001', number: '+31 20 000 0001', queue: 'q' }],
      agentGroups: [{ id: 'agent', size: 10, capacity: 1 }],
      wrapUpReasons: [{ id: 'done', label: 'Done' }],
      idleCodes: [
        { id: 'end-of-shift', label: 'End of shift' },
        { id: 'lunch', label: 'Lunch' },
      ],
      masking: { enabled: false },
    },
    arrivals: { perInterval: { '100000000000001': 360 } },
    staffing,
    behaviour: {
      customer: {},
      agent: {
        acceptDelay: { dist: 'deterministic', value: 0 },
        missProbability: 0,
        handling: { model: 'handle-time', handleTime: { dist: 'exponential', mean: 60 } },
        wrapUpTime: { dist: 'deterministic', value: 0 },
      },
    },
    serviceLevel: { thresholdSeconds: 20, target: 0.8, definition: 'offered' },
    simulation: { replications: 40, seed: 1, sampleSeconds: 60 },
  };
  return parseScenario(JSON.stringify(merge(json, extra)), 'breaks.yaml');
}

const HOUR = 3_600_000;

/** Per replication: P(wait) and ASA of the conversations that arrived in each window of hours. */
function waitsIn(scenario: Scenario, replications: number, windows: readonly [number, number][]) {
  const pWait = windows.map(() => [] as number[]);
  const asa = windows.map(() => [] as number[]);
  for (let i = 0; i < replications; i++) {
    const records = simulateReplication(scenario, i, { keepRecords: true, kpis: false }).records!;
    windows.forEach(([fromH, toH], w) => {
      let n = 0;
      let waited = 0;
      let wait = 0;
      for (const r of records) {
        if (r.arrivedAt < fromH * HOUR || r.arrivedAt >= toH * HOUR) continue;
        if (r.acceptedAt === null) throw new Error(`${r.conversationId} was not answered`);
        n++;
        const seconds = (r.acceptedAt - r.arrivedAt) / 1000;
        if (seconds > 0) waited++;
        wait += seconds;
      }
      pWait[w]!.push(waited / n);
      asa[w]!.push(wait / n);
    });
  }
  return windows.map((_, w) => ({ pWait: summarize(pWait[w]!), asa: summarize(asa[w]!) }));
}

/** Four comparisons at 95% jointly (Bonferroni), as validation.test.ts does for its six. */
const COMPARISONS = 4;

function expectWithin(name: string, estimate: Summary, exact: number): void {
  const hw = estimate.halfWidth95!;
  const n = estimate.n;
  const tolerance =
    (hw * studentTQuantile(1 - 0.05 / (2 * COMPARISONS), n - 1)) / studentTQuantile(0.975, n - 1);
  const message = `${name}: simulated ${estimate.mean} ± ${hw} (n=${n}), exact ${exact}, tolerance ${tolerance}`;
  expect(Math.abs(estimate.mean! - exact), message).toBeLessThanOrEqual(tolerance);
}

describe('breaks (R: issue 12 shrinkage)', () => {
  it('with 2 of 10 agents on a fixed break, P(wait) and ASA are Erlang C with 8 agents, 10 outside it', () => {
    // 8 agents all day; 2 more with a break from 03:00 to the end. 01:00–03:00 (after the
    // warm-up) has 10 agents on duty, 04:00–08:00 has 8: an hour after the break starts, some
    // 60 mean handle times, the queue has long settled (its relaxation time is minutes).
    const scenario = erlangDay(
      {
        shifts: [
          { group: 'agent', start: '00:00', end: '08:00', agents: 8 },
          {
            group: 'agent',
            start: '00:00',
            end: '08:00',
            agents: 2,
            breaks: [{ start: '03:00', minutes: 300, idleCode: 'lunch' }],
          },
        ],
      },
      { horizon: { intervals: 8, drainMinutes: 30 } },
    );
    const exact = (agents: number) =>
      erlangC({ arrivalsPerHour: 360, ahtSeconds: 60, agents, thresholdSeconds: 20 });
    const [ten, eight] = waitsIn(scenario, 30, [
      [1, 3],
      [4, 8],
    ]) as [ReturnType<typeof waitsIn>[number], ReturnType<typeof waitsIn>[number]];
    expectWithin('P(wait), 10 agents', ten.pWait, exact(10).probabilityWait);
    expectWithin('ASA, 10 agents', ten.asa, exact(10).asa);
    expectWithin('P(wait), 8 agents', eight.pWait, exact(8).probabilityWait);
    expectWithin('ASA, 8 agents', eight.asa, exact(8).asa);
    console.log(
      `breaks validation: P(wait) 10 agents ${ten.pWait.mean} ± ${ten.pWait.halfWidth95} (exact ${exact(10).probabilityWait}), ` +
        `ASA ${ten.asa.mean} ± ${ten.asa.halfWidth95} (exact ${exact(10).asa}); ` +
        `8 agents P(wait) ${eight.pWait.mean} ± ${eight.pWait.halfWidth95} (exact ${exact(8).probabilityWait}), ` +
        `ASA ${eight.asa.mean} ± ${eight.asa.halfWidth95} (exact ${exact(8).asa})`,
    );
  });

  it('an agent finishes its chats first: Idle with the code at once, the break from when it is free', () => {
    // Capacity 2, the day busy: at 02:00 every agent holds chats. Each of 4 agents takes 30 min
    // of lunch in 02:00–02:40, each at its own drawn minute.
    const scenario = erlangDay(
      {
        shifts: [
          {
            group: 'agent',
            start: '00:00',
            end: '04:00',
            agents: 4,
            breaks: [{ start: { from: '02:00', to: '02:40' }, minutes: 30, idleCode: 'lunch' }],
          },
        ],
      },
      {
        horizon: { intervals: 4, warmupMinutes: 0 },
        tenant: { agentGroups: [{ id: 'agent', size: 4, capacity: 2 }] },
        arrivals: { perInterval: { '100000000000001': 400 } },
      },
    );
    const r = simulateReplication(scenario, 3, { keepRecords: true });
    const legs = r.records!.flatMap((c) => c.legs);
    const breaks = r.agentStates!.filter((s) => s.status === 'Idle' && s.idleCode === 'lunch');
    expect(breaks).toHaveLength(4);
    let heldAtStart = 0;
    for (const b of breaks) {
      expect(b.at).toBeGreaterThanOrEqual(2 * HOUR);
      expect(b.at).toBeLessThanOrEqual(2 * HOUR + 40 * 60_000);
      expect(b.at % 60_000).toBe(0); // a whole minute of the window
      const back = r.agentStates!.find(
        (s) => s.agentId === b.agentId && s.at > b.at && s.status !== 'Idle',
      )!;
      expect(back.status).toBe('Available');
      const mine = legs.filter((l) => l.agentId === b.agentId);
      // Nothing new accepted while on the break...
      expect(mine.filter((l) => l.acceptedAt >= b.at && l.acceptedAt < back.at)).toEqual([]);
      // ...what it held at the start it finished, and the 30 minutes ran from the last wrap-up.
      const held = mine.filter((l) => l.acceptedAt < b.at && l.wrapUpAt > b.at);
      heldAtStart += held.length;
      const free = Math.max(b.at, ...held.map((l) => l.wrapUpAt));
      expect(back.at).toBe(free + 30 * 60_000);
    }
    expect(heldAtStart).toBeGreaterThan(0);
  });

  it('with no traffic, agents on shift and on a break are exactly the schedule, minute by minute', () => {
    const scenario = erlangDay(
      {
        shifts: [
          {
            group: 'agent',
            start: '00:00',
            end: '03:00',
            agents: 3,
            breaks: [{ start: '01:00', minutes: 15 }],
          },
          {
            group: 'agent',
            start: '01:00',
            end: '03:00',
            agents: 2,
            breaks: [{ start: '02:30', minutes: 30 }],
          },
        ],
      },
      {
        horizon: { intervals: 3, warmupMinutes: 0 },
        arrivals: { perInterval: { '100000000000001': 0 } },
      },
    );
    const s = simulateReplication(scenario, 0).series;
    const minute = (m: number) => s.t.indexOf(m * 60);
    const at = (m: number) => [
      s.shift!.onShift[minute(m)],
      s.shift!.onBreak[minute(m)],
      s.agents.Available[minute(m)],
    ];
    expect(at(30)).toEqual([3, 0, 3]);
    expect(at(60)).toEqual([5, 3, 2]); // 01:00: the 3 go on break as the 2 come on
    expect(at(74)).toEqual([5, 3, 2]);
    expect(at(75)).toEqual([5, 0, 5]);
    expect(at(149)).toEqual([5, 0, 5]);
    expect(at(150)).toEqual([5, 2, 3]);
    expect(at(179)).toEqual([5, 2, 3]);
  });

  it("the HTML report's agent chart draws on shift and on duty as two lines", async () => {
    const scenario = erlangDay(
      { perInterval: { agent: 4 }, breaks: [{ from: '00:30', to: '00:40', minutes: 15 }] },
      { horizon: { intervals: 2, warmupMinutes: 0 } },
    );
    const summary = summarizeRun(scenario, [simulateReplication(scenario, 0)], {
      version: '0.0.0',
      request: { file: 'breaks.yaml' },
      seed: 1,
    });
    expect(summary.timeSeries.shift!.onBreak.some((n) => n === 4)).toBe(true);
    const html = await renderSimulationReport(summary);
    expect(html).toContain('on shift');
    expect(html).toContain('on duty');
  });
});

describe('shrinkage, absent or neutral, and the test mode', () => {
  it('breaks: [], staffing.breaks: [] and absenteeism 0 give the same replication as without them', () => {
    const plain = simulateReplication(stress(), 1, { seed: 7 });
    const neutral = simulateReplication(
      stress({ staffing: { breaks: [], absenteeism: { solo: 0, multi: 0 } } }),
      1,
      { seed: 7 },
    );
    expect(modelOf(stress({ staffing: { absenteeism: 0 } })).shrinkage).toBeNull();
    expect(JSON.stringify(neutral)).toBe(JSON.stringify(plain));
    expect(plain.series.shift).toBeUndefined();
  });

  it('the stress scenario with breaks and absenteeism passes every invariant of the test mode', () => {
    const scenario = stress({
      staffing: {
        breaks: [
          { group: 'multi', from: '09:20', to: '09:50', minutes: 10, idleCode: 'break' },
          { from: '10:30', to: '10:40', minutes: 5 },
        ],
        absenteeism: 0.2,
      },
    });
    for (let i = 0; i < 3; i++) {
      const r = simulateReplication(scenario, i, { seed: 7, check: true, keepRecords: true });
      expect(r.counts.arrivals).toBeGreaterThan(0);
      expect(r.agentStates!.some((s) => s.idleCode === 'break' && s.status === 'Idle')).toBe(true);
      // On shift as the replication's own plan says: never more than perInterval wants.
      const wanted = (stressJson.staffing as { perInterval: Record<string, number[]> }).perInterval;
      const most = Math.max(...r.series.shift!.onShift);
      expect(most).toBeLessThanOrEqual(
        Math.max(
          ...[0, 1, 2, 3, 4, 5, 6, 7].map(
            (k) => wanted.solo![k]! + wanted.multi![k]! + wanted.billing![k]!,
          ),
        ),
      );
    }
  });
});
