import { type Scenario, servedQueues } from '../scenario/index.js';
import type { Requirement } from './requirement.js';
import type { RosterDocument } from './rosterDocument.js';

/**
 * The verification loop of `ccsim schedule` (docs/roster.md, "Verification"): solve, write the
 * roster back as a scenario and simulate it, and wherever an interval is *shown* to miss its
 * target, require one agent more there and solve again — until no interval is shown to miss, or
 * the rounds run out. The requirement found by `ccsim staff` is optimistic where the roster's
 * breaks, the other groups' rosters, transfers and re-contacts change the load; this is where
 * the simulation says so.
 *
 * Solving and simulating are ports (the CLI passes HiGHS and sim/), so the loop is the policy
 * alone and tests drive it with a fake simulation.
 */
export interface IntervalOutcome {
  readonly label: string;
  /** The judge's verdict: only `unmet` (shown to miss, at the stated confidence) adds coverage. */
  readonly verdict: string;
  readonly queues: Readonly<
    Record<string, { readonly serviceLevel: { readonly mean: number | null } }>
  >;
  readonly groups: Readonly<
    Record<string, { readonly occupancy: { readonly mean: number | null } }>
  >;
}

export interface AddedCoverage {
  readonly group: string;
  readonly interval: number;
  readonly label: string;
  /** The interval's required agents of the group after the addition. */
  readonly required: number;
}

export interface VerificationRound<V> {
  /** 1-based. */
  readonly round: number;
  readonly roster: RosterDocument;
  readonly verification: V;
  /** Intervals shown to miss in this round's simulation. */
  readonly unmet: readonly string[];
  /** What the next round requires more (empty in the last round). */
  readonly added: readonly AddedCoverage[];
}

/**
 * `verified`: no interval shown to miss; `budget`: the rounds ran out with some still shown to
 * miss; `stuck`: an interval misses where no rostered group serves the queue that misses, so
 * more coverage from this roster cannot help.
 */
export type VerificationStatus = 'verified' | 'budget' | 'stuck';

export interface RosterVerification<V> {
  readonly status: VerificationStatus;
  readonly rounds: readonly VerificationRound<V>[];
  /** The requirement the last round solved. */
  readonly requirement: Requirement;
}

export interface VerifyRosterRequest<V extends { readonly intervals: readonly IntervalOutcome[] }> {
  readonly scenario: Scenario;
  readonly requirement: Requirement;
  readonly solve: (requirement: Requirement) => Promise<RosterDocument>;
  readonly simulate: (roster: RosterDocument) => Promise<V>;
  /** The most solve-and-simulate rounds (the budget), at least 1. */
  readonly maxRounds: number;
  readonly onRound?: (round: VerificationRound<V>) => void;
}

export async function verifyRoster<V extends { readonly intervals: readonly IntervalOutcome[] }>(
  request: VerifyRosterRequest<V>,
): Promise<RosterVerification<V>> {
  let requirement = request.requirement;
  const rounds: VerificationRound<V>[] = [];
  for (let round = 1; ; round++) {
    const roster = await request.solve(requirement);
    const verification = await request.simulate(roster);
    const missed = verification.intervals
      .map((outcome, interval) => ({ outcome, interval }))
      .filter((m) => m.outcome.verdict === 'unmet');
    const unmet = missed.map((m) => m.outcome.label);
    const last = missed.length === 0 || round >= request.maxRounds;
    const additions = last
      ? []
      : missed.map((m) => ({ ...m, group: groupToAdd(request.scenario, requirement, m.outcome) }));
    const stuck = additions.some((a) => a.group === null);
    const next = stuck ? requirement : withAdditions(requirement, additions);
    const added = stuck
      ? []
      : additions.map((a) => ({
          group: a.group!,
          interval: a.interval,
          label: a.outcome.label,
          required: next.groups.find((g) => g.id === a.group)!.agents[a.interval]!,
        }));
    const done: VerificationRound<V> = { round, roster, verification, unmet, added };
    rounds.push(done);
    request.onRound?.(done);
    if (missed.length === 0) return { status: 'verified', rounds, requirement };
    if (stuck) return { status: 'stuck', rounds, requirement };
    if (last) return { status: 'budget', rounds, requirement };
    requirement = next;
  }
}

function withAdditions(
  requirement: Requirement,
  additions: readonly { readonly group: string | null; readonly interval: number }[],
): Requirement {
  return {
    ...requirement,
    groups: requirement.groups.map((g) => {
      const agents = [...g.agents];
      for (const a of additions) if (a.group === g.id) agents[a.interval]! += 1;
      return { ...g, agents };
    }),
  };
}

/**
 * Which rostered group gets the agent an interval lacks: the one serving, as a primary skill,
 * the queue with the lowest service level in that interval (any skill when none serves it as
 * primary), the busiest of them by occupancy there when several do; tenant order breaks ties.
 * Null when no rostered group serves that queue at all.
 */
export function groupToAdd(
  scenario: Scenario,
  requirement: Requirement,
  outcome: IntervalOutcome,
): string | null {
  const rostered = requirement.groups.map((g) => g.id);
  if (rostered.length === 1) return rostered[0]!;
  const queues = Object.entries(outcome.queues).filter(([, q]) => q.serviceLevel.mean !== null);
  if (queues.length === 0) return rostered[0] ?? null;
  const [worst] = queues.reduce((a, b) =>
    b[1].serviceLevel.mean! < a[1].serviceLevel.mean! ? b : a,
  );
  const serving = (skill: 'primary' | null) =>
    scenario.tenant.agentGroups
      .filter((g) => rostered.includes(g.id))
      .filter((g) =>
        servedQueues(scenario, g).some(
          (s) => s.queue === worst && (skill === null || s.skill === skill),
        ),
      )
      .map((g) => g.id);
  const candidates = serving('primary').length > 0 ? serving('primary') : serving(null);
  if (candidates.length === 0) return null;
  const busy = (id: string) => outcome.groups[id]?.occupancy.mean ?? 0;
  return candidates.reduce((a, b) => (busy(b) > busy(a) ? b : a));
}
