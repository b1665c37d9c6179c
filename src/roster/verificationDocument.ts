import type { Summary } from '../kpi/index.js';
import type { RosterDocument } from './rosterDocument.js';
import type { IntervalOutcome, RosterVerification, VerificationStatus } from './verifyRoster.js';

/** A simulated service level: the mean and the 95% interval (null without two replications). */
export interface Estimate {
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** What the verification needs of a simulation of the roster's scenario (sim/'s shape). */
export interface SimulatedRoster {
  readonly replications: number;
  readonly intervals: readonly (IntervalOutcome & {
    readonly serviceLevel: Summary;
    readonly queues: Readonly<
      Record<string, { readonly serviceLevel: Summary; readonly verdict: string }>
    >;
  })[];
  readonly total: {
    readonly serviceLevel: Summary;
    readonly queues: Readonly<Record<string, { readonly serviceLevel: Summary }>>;
  };
}

/** roster.json's `verification` (docs/roster.md, "Verification"). */
export interface VerificationDocument {
  readonly status: VerificationStatus;
  /** The scenario file written for the final roster, the one simulated last. */
  readonly scenarioFile: string;
  readonly target: {
    readonly serviceLevel: number;
    readonly thresholdSeconds: number;
    readonly definition: string;
  };
  readonly confidence: number;
  readonly seed: number;
  readonly replications: number;
  readonly maxReplications: number;
  readonly maxRounds: number;
  readonly rounds: readonly {
    readonly round: number;
    readonly cost: number;
    readonly paidHours: number;
    readonly agentShifts: number;
    readonly replications: number;
    readonly serviceLevel: Estimate;
    /** Intervals shown to miss the target in this round's simulation. */
    readonly unmet: readonly string[];
    /** Intervals undecided at the replication budget with a point estimate below the target. */
    readonly belowTarget: readonly string[];
    /** One agent more required here in the next round. */
    readonly added: readonly {
      readonly group: string;
      readonly label: string;
      readonly required: number;
    }[];
    /**
     * Per rostered group: the break allowance this round's roster was solved with, what its
     * simulation measured (src/roster/breakAllowance.ts) and what the next round solves with.
     */
    readonly breakAllowance: readonly {
      readonly group: string;
      readonly solved: number;
      readonly breaks: number;
      readonly lostMinutes: number;
      readonly perBreak: number | null;
      readonly next: number;
    }[];
  }[];
  /** The final roster's simulated service level per interval, tenant-wide and per queue. */
  readonly intervals: readonly {
    readonly label: string;
    /** Shown to miss (`unmet`) when the tenant or any queue is; `met` when all are shown to meet. */
    readonly verdict: string;
    /** The tenant's own verdict. */
    readonly tenantVerdict: string;
    readonly serviceLevel: Estimate;
    /** Each queue's service level under its own definition, and its verdict against its target. */
    readonly queues: Readonly<Record<string, Estimate & { readonly verdict: string }>>;
  }[];
  readonly total: {
    readonly serviceLevel: Estimate;
    readonly queues: Readonly<Record<string, Estimate>>;
  };
}

/** What each status means, in the words the CLI and the report both use. */
export const VERIFICATION_STATUS_TEXT: Readonly<Record<VerificationStatus, string>> = {
  verified: 'no interval shown to miss the target, no point estimate below it',
  budget: 'the rounds ran out with intervals still shown to miss or below the target',
  stuck: 'an interval misses where no rostered group serves the queue that misses',
};

function round6(x: number | null): number | null {
  return x === null ? null : Math.round(x * 1e6) / 1e6;
}

export function estimate(s: Summary): Estimate {
  return { mean: round6(s.mean), low: round6(s.low), high: round6(s.high) };
}

const estimates = (qs: Readonly<Record<string, { readonly serviceLevel: Summary }>>) =>
  Object.fromEntries(Object.entries(qs).map(([q, v]) => [q, estimate(v.serviceLevel)]));

export function verificationDocument(
  result: RosterVerification<SimulatedRoster>,
  settings: Omit<VerificationDocument, 'status' | 'rounds' | 'intervals' | 'total'>,
): VerificationDocument {
  const last = result.rounds.at(-1)!.verification;
  return {
    status: result.status,
    ...settings,
    rounds: result.rounds.map((r) => ({
      round: r.round,
      cost: r.roster.totals.cost,
      paidHours: r.roster.totals.paidHours,
      agentShifts: r.roster.totals.agentShifts,
      replications: r.verification.replications,
      serviceLevel: estimate(r.verification.total.serviceLevel),
      unmet: r.unmet,
      belowTarget: r.belowTarget,
      added: r.added.map((a) => ({ group: a.group, label: a.label, required: a.required })),
      breakAllowance: r.allowances.map((a) => ({
        group: a.group,
        solved: r.roster.groups.find((g) => g.id === a.group)?.breakAllowance ?? 0,
        breaks: a.breaks,
        lostMinutes: a.lostMinutes,
        perBreak: a.perBreak,
        next: r.nextAllowance[a.group] ?? 0,
      })),
    })),
    intervals: last.intervals.map((i) => ({
      label: i.label,
      verdict: i.verdict,
      tenantVerdict: i.tenantVerdict ?? i.verdict,
      serviceLevel: estimate(i.serviceLevel),
      queues: Object.fromEntries(
        Object.entries(i.queues).map(([q, v]) => [
          q,
          { ...estimate(v.serviceLevel), verdict: v.verdict },
        ]),
      ),
    })),
    total: {
      serviceLevel: estimate(last.total.serviceLevel),
      queues: estimates(last.total.queues),
    },
  };
}

/** The final round's roster: the one the verification speaks of. */
export function verifiedRoster(result: RosterVerification<SimulatedRoster>): RosterDocument {
  return result.rounds.at(-1)!.roster;
}
