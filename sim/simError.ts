/** Stable codes of the simulator's request errors; the CLI prints them as `error CODE: ...`. */
export const SimErrorCode = {
  /** A merge was given an incomplete set of shards, or a shard short of its replications. */
  mergeIncomplete: 'MERGE_INCOMPLETE',
  /** A merge was given shards of different runs, or one shard twice. */
  mergeMismatch: 'MERGE_MISMATCH',
  /** A merge was given a run that was not sharded. */
  mergeNotShard: 'MERGE_NOT_SHARD',
  /** A shard's files are not what `ccsim simulate --shard` or `ccsim staff --shard` write. */
  mergeInvalid: 'MERGE_INVALID',
  /** `ccsim staff` without --group on a scenario of several groups, or an unknown group. */
  staffGroup: 'STAFF_GROUP',
  /** `ccsim staff` with fewer replications than a decision needs, or a cap below the start. */
  staffReplications: 'STAFF_REPLICATIONS',
} as const;

export type SimErrorCode = (typeof SimErrorCode)[keyof typeof SimErrorCode];

/** The simulator's error for bad requests (merges, staffing); checks have SimCheckError. */
export class SimError extends Error {
  constructor(
    readonly code: SimErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SimError';
  }
}
