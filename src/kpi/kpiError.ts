/** Stable machine-readable codes of the KPI layer; the CLI prints them as `error CODE: ...`. */
export type KpiErrorCode =
  /** An input is non-finite, negative where it must not be, or inconsistent with another. */
  | 'KPI_INVALID_INPUT'
  /** An agent appears in the records or agent states but not in `agentCapacity`. */
  | 'KPI_UNKNOWN_AGENT'
  /** A record's queue is not among the `queues` to report (per-queue counts would not add up). */
  | 'KPI_UNKNOWN_QUEUE'
  /** Replication reports to aggregate do not have the same shape (e.g. interval counts differ). */
  | 'KPI_SHAPE_MISMATCH';

/** The one error class of `src/kpi`. */
export class KpiError extends Error {
  constructor(
    readonly code: KpiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KpiError';
  }
}
