/** Stable machine-readable codes of the analytic layer; the CLI prints them as `error CODE: ...`. */
export type AnalyticErrorCode =
  /** An input is negative, non-finite, not an integer where one is needed, or out of its range. */
  | 'ANALYTIC_INVALID_INPUT'
  /** A series did not converge within its iteration budget (only for absurd parameter scales). */
  | 'ANALYTIC_NO_CONVERGENCE'
  /** A staffing search found no agent count up to its limit that meets the target. */
  | 'ANALYTIC_TARGET_UNREACHABLE';

/** The one error class of `src/analytic`. */
export class AnalyticError extends Error {
  constructor(
    readonly code: AnalyticErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnalyticError';
  }
}
