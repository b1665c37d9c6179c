/** An agent as a staffing change sees it. */
export interface ShiftMember {
  readonly onShift: boolean;
  /** Went Idle after RONA instead of coming back. */
  readonly stuckIdle: boolean;
  readonly status: string;
  /** Slots held: offers, conversations, wrap-ups. */
  readonly held: number;
}

/** An agent as a scheduled break sees it. */
export interface BreakMember extends ShiftMember {
  readonly onBreak: boolean;
}

/**
 * Who takes a group's break that is due: an agent on shift and not on a break, an Available one
 * before one in RONA or stuck Idle, then the one holding least (it is free soonest), then the
 * first by index. None when nobody is on shift off a break.
 */
export function breakTaker<A extends BreakMember>(
  members: readonly A[],
  indexOf: (agent: A) => number,
): A | undefined {
  let best: A | undefined;
  const rank = (a: A) => (a.status === 'Available' ? 0 : 1);
  for (const a of members) {
    if (!a.onShift || a.onBreak) continue;
    if (
      best === undefined ||
      rank(a) - rank(best) < 0 ||
      (rank(a) === rank(best) &&
        (a.held < best.held || (a.held === best.held && indexOf(a) < indexOf(best))))
    ) {
      best = a;
    }
  }
  return best;
}

/**
 * Who comes on and who goes off when a group should have `want` agents on shift: coming on,
 * agents still logged in (finishing work, or stuck Idle) before logged-out ones, then by index;
 * going off, agents stuck Idle or in RONA first, then those holding least, the last by index
 * first. `indexOf` is an agent's position among all agents.
 */
export function shiftChanges<A extends ShiftMember>(
  members: readonly A[],
  want: number,
  indexOf: (agent: A) => number,
): { readonly comeOn: readonly A[]; readonly goOff: readonly A[] } {
  const on = members.filter((a) => a.onShift);
  if (want > on.length) {
    const off = members
      .filter((a) => !a.onShift)
      .sort(
        (x, y) =>
          Number(x.status === 'LoggedOut') - Number(y.status === 'LoggedOut') ||
          indexOf(x) - indexOf(y),
      );
    return { comeOn: off.slice(0, want - on.length), goOff: [] };
  }
  if (want < on.length) {
    const rank = (a: A) => (a.stuckIdle ? 0 : a.status === 'RONA' ? 1 : 2);
    const leaving = [...on].sort(
      (x, y) => rank(x) - rank(y) || x.held - y.held || indexOf(y) - indexOf(x),
    );
    return { comeOn: [], goOff: leaving.slice(0, on.length - want) };
  }
  return { comeOn: [], goOff: [] };
}
