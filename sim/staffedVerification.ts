import { type KpiReport, type Summary, summarize } from '../src/kpi/index.js';
import { intervalLabels, type Scenario } from '../src/scenario/index.js';
import { type LookOptions, ratioServiceLevel, simulateLooks, staffingJudge } from './staffing.js';
import type { IntervalJudgement, Verdict } from './staffingBounds.js';
import type { StaffingTarget } from './staffingEstimate.js';
import { warmupIntervals } from './summary.js';

/**
 * Whether a scenario as it is staffed meets a service-level target in every interval, by
 * simulation: the question `ccsim schedule` asks of a roster written back as a scenario
 * (docs/roster.md, "Verification"). The same looks (R, 2R, … up to the cap, the same customers
 * as the staffing search of the same seed: common random numbers) and the same judge as the
 * staffing search (sim/staffingBounds.ts), so "shown to miss" means here what it means there.
 */
export interface StaffedVerificationOptions extends LookOptions {
  readonly target: StaffingTarget;
  readonly confidence: number;
}

export interface VerifiedInterval {
  readonly label: string;
  /** `warm-up` for the intervals without KPIs; else the judge's verdict at the last look. */
  readonly verdict: Verdict | 'warm-up';
  readonly judgement: IntervalJudgement | null;
  readonly offered: Summary;
  /** Σ answered within T / Σ denominator over the replications, with its delta-method CI. */
  readonly serviceLevel: Summary;
  readonly occupancy: Summary;
  /** The same per queue (its own service-level definition) and per agent group. */
  readonly queues: Readonly<Record<string, { offered: Summary; serviceLevel: Summary }>>;
  readonly groups: Readonly<Record<string, { occupancy: Summary; staffedAgents: Summary }>>;
}

export interface StaffedVerification {
  readonly replications: number;
  readonly intervals: readonly VerifiedInterval[];
  readonly total: {
    readonly serviceLevel: Summary;
    readonly queues: Readonly<Record<string, { serviceLevel: Summary }>>;
  };
}

const values = (xs: readonly (number | null)[]): number[] =>
  xs.filter((x): x is number => x !== null);

/** Simulates `scenario` until every measured interval is decided or the cap, and judges each. */
export async function verifyStaffedScenario(
  scenario: Scenario,
  o: StaffedVerificationOptions,
): Promise<StaffedVerification> {
  const warm = warmupIntervals(scenario.horizon);
  const judge = staffingJudge(scenario, o);
  const definition = scenario.serviceLevel.definition;
  const sample = (reports: readonly KpiReport[], i: number) => ({
    serviceLevel: ratioServiceLevel(
      reports.map((r) => r.intervals[i]!),
      definition,
    ),
    occupancy: summarize(values(reports.map((r) => r.intervals[i]!.occupancy))),
    serviceLevels: reports.map((r) => r.intervals[i]!.serviceLevel),
  });
  const reports = await simulateLooks(
    scenario,
    o,
    (rs) => warm.filter((w, i) => !w && judge.judge(sample(rs, i)).verdict === 'undecided').length,
  );
  const labels = intervalLabels(scenario);
  const queueIds = Object.keys(reports[0]?.total.queues ?? {});
  const groupIds = Object.keys(reports[0]?.total.groups ?? {});
  const intervals = labels.map((label, i): VerifiedInterval => {
    const s = sample(reports, i);
    const judgement = warm[i] ? null : judge.judge(s);
    const sets = reports.map((r) => r.intervals[i]!);
    return {
      label,
      verdict: judgement ? judgement.verdict : 'warm-up',
      judgement,
      offered: summarize(sets.map((k) => k.offered)),
      serviceLevel: s.serviceLevel,
      occupancy: s.occupancy,
      queues: Object.fromEntries(
        queueIds.map((q) => [
          q,
          {
            offered: summarize(sets.map((k) => k.queues[q]!.offered)),
            serviceLevel: ratioServiceLevel(
              sets.map((k) => k.queues[q]!),
              definition,
            ),
          },
        ]),
      ),
      groups: Object.fromEntries(
        groupIds.map((g) => [
          g,
          {
            occupancy: summarize(values(sets.map((k) => k.groups[g]!.occupancy))),
            staffedAgents: summarize(values(sets.map((k) => k.groups[g]!.staffedAgents))),
          },
        ]),
      ),
    };
  });
  return {
    replications: reports.length,
    intervals,
    total: {
      serviceLevel: ratioServiceLevel(
        reports.map((r) => r.total),
        definition,
      ),
      queues: Object.fromEntries(
        queueIds.map((q) => [
          q,
          {
            serviceLevel: ratioServiceLevel(
              reports.map((r) => r.total.queues[q]!),
              definition,
            ),
          },
        ]),
      ),
    },
  };
}
