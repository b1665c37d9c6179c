/** What a replication counts besides the records. */
export interface SimCounts {
  /** New conversations opened by customers. */
  arrivals: number;
  handled: number;
  abandoned: number;
  interrupted: number;
  transferDisconnected: number;
  /** Conversations still open when the run stopped (not final: no record). */
  inSystem: number;
  /** Engine events run, router commands sent, and commands the router refused. */
  events: number;
  commands: number;
  refused: number;
  customerMessages: number;
  agentMessages: number;
  /** Transfers / conferences planned but not made: no agent of the target group was available. */
  transfersSkipped: number;
  conferencesSkipped: number;
}

export function emptyCounts(): SimCounts {
  return {
    arrivals: 0,
    handled: 0,
    abandoned: 0,
    interrupted: 0,
    transferDisconnected: 0,
    inSystem: 0,
    events: 0,
    commands: 0,
    refused: 0,
    customerMessages: 0,
    agentMessages: 0,
    transfersSkipped: 0,
    conferencesSkipped: 0,
  };
}
