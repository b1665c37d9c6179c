/** An error of the dashboard, with a stable code (the CLI prints `error CODE: message`). */
export class DashboardError extends Error {
  constructor(
    readonly code: DashboardErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DashboardError';
  }
}

export const DashboardErrorCode = {
  /** The dashboard only binds loopback: it has no authentication. */
  notLoopback: 'DASHBOARD_NOT_LOOPBACK',
  /** Its port is taken, or the address cannot be bound. */
  listenFailed: 'DASHBOARD_LISTEN_FAILED',
  /** A load test's deployment did not answer for its dashboard points. */
  feedUnavailable: 'DASHBOARD_FEED_UNAVAILABLE',
} as const;
export type DashboardErrorCode = (typeof DashboardErrorCode)[keyof typeof DashboardErrorCode];
