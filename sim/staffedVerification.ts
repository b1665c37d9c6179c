import { type KpiReport, type Summary, summarize } from '../src/kpi/index.js';
import { intervalLabels, queueServiceLevels, type Scenario } from '../src/scenario/index.js';
import { type LookOptions, ratioServiceLevel, simulateLooks } from './staffing.js';
import { type IntervalJudgement, Judge, looks, type Verdict } from './staffingBounds.js';
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
  /**
   * `warm-up` for the intervals without KPIs; else, at the last look, `unmet` when the tenant or
   * any queue is shown to miss, `met` when the tenant and every queue with traffic are shown to
   * meet, `no-traffic` when nothing was offered, `undecided` otherwise.
   */
  readonly verdict: Verdict | 'warm-up';
  /** The tenant's own verdict. */
  readonly tenantVerdict: Verdict | 'warm-up';
  /** The tenant's point estimate is below its target (false in warm-up). */
  readonly below: boolean;
  /** The tenant's judgement (null in warm-up). */
  readonly judgement: IntervalJudgement | null;
  readonly offered: Summary;
  /** Σ answered within T / Σ denominator over the replications, with its delta-method CI. */
  readonly serviceLevel: Summary;
  readonly occupancy: Summary;
  /** The same per queue (its own service-level definition) and per agent group. */
  readonly queues: Readonly<
    Record<
      string,
      {
        offered: Summary;
        serviceLevel: Summary;
        /** The queue's verdict under its own definition and target (serviceLevel.queues). */
        verdict: Verdict | 'warm-up';
        /** Its point estimate is below its own target (false in warm-up). */
        below: boolean;
        judgement: IntervalJudgement | null;
      }
    >
  >;
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

/**
 * The interval's verdict from the tenant's and its queues': any shown to miss makes it `unmet`;
 * all shown to meet (or without traffic) make it `met`.
 */
export function combinedVerdict(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('unmet')) return 'unmet';
  if (verdicts.every((v) => v === 'no-traffic')) return 'no-traffic';
  if (verdicts.every((v) => v === 'met' || v === 'no-traffic')) return 'met';
  return 'undecided';
}

/**
 * Simulates `scenario` until every measured interval is decided, for the tenant and for each
 * queue, or the cap, and judges each. The judges share one Bonferroni family: the measured
 * intervals times (1 + the queues), so that "shown to miss" holds for all of them together at the
 * stated confidence.
 */
export async function verifyStaffedScenario(
  scenario: Scenario,
  o: StaffedVerificationOptions,
): Promise<StaffedVerification> {
  const warm = warmupIntervals(scenario.horizon);
  const definition = scenario.serviceLevel.definition;
  // Each queue's ratio under its own definition and target (serviceLevel.queues), as its KPI set
  // counts it (with its own threshold).
  const own = queueServiceLevels(scenario);
  const queueIds = scenario.tenant.queues.map((q) => q.id);
  const queueTarget = (q: string) => own[q]?.target ?? o.target.serviceLevel;
  const measured = warm.filter((w) => !w).length * (1 + queueIds.length);
  const lookCount = looks(o.replications, o.maxReplications).length;
  const judge = new Judge(o.target, o.confidence, measured, lookCount);
  const queueJudges = new Map(
    queueIds.map((q) => [
      q,
      new Judge(
        {
          serviceLevel: queueTarget(q),
          thresholdSeconds: own[q]?.thresholdSeconds ?? o.target.thresholdSeconds,
        },
        o.confidence,
        measured,
        lookCount,
      ),
    ]),
  );
  const queueDefinition = (q: string) => own[q]?.definition ?? definition;
  const below = (mean: number | null, target: number) => mean !== null && mean < target;
  const sample = (reports: readonly KpiReport[], i: number) => ({
    serviceLevel: ratioServiceLevel(
      reports.map((r) => r.intervals[i]!),
      definition,
    ),
    occupancy: summarize(values(reports.map((r) => r.intervals[i]!.occupancy))),
    serviceLevels: reports.map((r) => r.intervals[i]!.serviceLevel),
  });
  const queueSample = (reports: readonly KpiReport[], i: number, q: string) => ({
    serviceLevel: ratioServiceLevel(
      reports.map((r) => r.intervals[i]!.queues[q]!),
      queueDefinition(q),
    ),
    // A queue's verdict is on its service level alone: the occupancy target is the tenant's.
    occupancy: summarize(values(reports.map((r) => r.intervals[i]!.occupancy))),
    serviceLevels: reports.map((r) => r.intervals[i]!.queues[q]!.serviceLevel),
  });
  const judgeAll = (reports: readonly KpiReport[], i: number) => {
    const tenant = settle(judge.judge(sample(reports, i)));
    const queues = Object.fromEntries(
      queueIds.map((q) => [q, settle(queueJudges.get(q)!.judge(queueSample(reports, i, q)))]),
    );
    const verdict = combinedVerdict([
      tenant.verdict,
      ...Object.values(queues).map((j) => j.verdict),
    ]);
    return { tenant, queues, verdict };
  };
  const reports = await simulateLooks(
    scenario,
    o,
    (rs) => warm.filter((w, i) => !w && judgeAll(rs, i).verdict === 'undecided').length,
  );
  const labels = intervalLabels(scenario);
  const groupIds = Object.keys(reports[0]?.total.groups ?? {});
  const intervals = labels.map((label, i): VerifiedInterval => {
    const s = sample(reports, i);
    const judged = warm[i] ? null : judgeAll(reports, i);
    const sets = reports.map((r) => r.intervals[i]!);
    return {
      label,
      verdict: judged ? judged.verdict : 'warm-up',
      tenantVerdict: judged ? judged.tenant.verdict : 'warm-up',
      below: judged !== null && below(s.serviceLevel.mean, o.target.serviceLevel),
      judgement: judged ? judged.tenant : null,
      offered: summarize(sets.map((k) => k.offered)),
      serviceLevel: s.serviceLevel,
      occupancy: s.occupancy,
      queues: Object.fromEntries(
        queueIds.map((q) => {
          const sl = queueSample(reports, i, q).serviceLevel;
          return [
            q,
            {
              offered: summarize(sets.map((k) => k.queues[q]!.offered)),
              serviceLevel: sl,
              verdict: judged ? judged.queues[q]!.verdict : 'warm-up',
              below: judged !== null && below(sl.mean, queueTarget(q)),
              judgement: judged ? judged.queues[q]! : null,
            },
          ];
        }),
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
