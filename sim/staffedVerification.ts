import { type KpiReport, type Summary, summarize } from '../src/kpi/index.js';
import { intervalLabels, queueServiceLevels, type Scenario } from '../src/scenario/index.js';
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
  readonly groups: Readonly<
    Record<string, { occupancy: Summary; staffedAgents: Summary; availableAgents: Summary }>
  >;
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

/**
 * Without spread (every replication the same) the judge's t bounds say nothing, and the staffing
 * search then keeps its analytic estimate. A verification has no estimate to fall back on, and
 * the betting evidence needs no spread (it is valid for any values in [0, 1]): 0% in each of 200
 * replications against 80% is shown to miss. So here the evidence alone decides those.
 */
function settle(j: IntervalJudgement): IntervalJudgement {
  if (j.verdict !== 'undecided' || j.reason !== 'no-spread' || !j.evidence) return j;
  if (j.evidence.below >= j.evidence.needed) return { ...j, verdict: 'unmet', reason: null };
  if (j.evidence.above >= j.evidence.needed) return { ...j, verdict: 'met', reason: null };
  return j;
}

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
    (rs) =>
      warm.filter((w, i) => !w && settle(judge.judge(sample(rs, i))).verdict === 'undecided')
        .length,
  );
  const labels = intervalLabels(scenario);
  const queueIds = Object.keys(reports[0]?.total.queues ?? {});
  const groupIds = Object.keys(reports[0]?.total.groups ?? {});
  // Each queue's ratio under its own definition (serviceLevel.queues), as its KPI set counts it.
  const own = queueServiceLevels(scenario);
  const queueDefinition = (q: string) => own[q]?.definition ?? definition;
  const intervals = labels.map((label, i): VerifiedInterval => {
    const s = sample(reports, i);
    const judgement = warm[i] ? null : settle(judge.judge(s));
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
              queueDefinition(q),
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
            availableAgents: summarize(values(sets.map((k) => k.groups[g]!.availableAgents))),
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
              queueDefinition(q),
            ),
          },
        ]),
      ),
    },
  };
}
