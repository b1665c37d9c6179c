/** Stable codes of the load layer; the CLI prints them as `error CODE: message`. */
export const LoadErrorCode = {
  /** `--segment` is not `i/n` with 1 <= i <= n. */
  segmentInvalid: 'LOAD_SEGMENT_INVALID',
  /** A threshold expression k6 would not accept, or one on a metric that does not exist. */
  thresholdInvalid: 'LOAD_THRESHOLD_INVALID',
  /** A trace file that is not a ccsim trace (wrong header, bad line). */
  traceInvalid: 'LOAD_TRACE_INVALID',
  /** The deployment could not be reached or refused the replayer (auth, admin token). */
  targetUnreachable: 'LOAD_TARGET_UNREACHABLE',
  /** An agent client could not log in. */
  agentAuthFailed: 'LOAD_AGENT_AUTH_FAILED',
  /** A bad option value (speed, duration, connections...). */
  invalidOption: 'LOAD_INVALID_OPTION',
} as const;

export type LoadErrorCode = (typeof LoadErrorCode)[keyof typeof LoadErrorCode];

/** The one error class of `src/load`. */
export class LoadError extends Error {
  constructor(
    readonly code: LoadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}
