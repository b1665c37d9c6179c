/**
 * Bytes of request bodies being read, across all requests: a cap on what unauthenticated clients
 * can make the server hold (a body is read whole before its signature can be checked). A request
 * that would go over gets 503 OVERLOADED at once instead of being buffered.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly limitBytes: number) {}

  get inUse(): number {
    return this.used;
  }

  /** Takes `bytes` of the budget; false (taking nothing) when that would exceed it. */
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.limitBytes) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}
