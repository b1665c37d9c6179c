/** An agent as a staffing change sees it. */
export interface ShiftMember {
  readonly onShift: boolean;
  /** Went Idle after RONA instead of coming back. */
  readonly stuckIdle: boolean;
  readonly status: string;
  /** Slots held: offers, conversations, wrap-ups. */
  readonly held: number;
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
