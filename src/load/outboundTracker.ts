/**
 * Agent replies on their way to the customer: the replayer notes each `send` it makes, the
 * Cloud-API sink matches what the deployment delivers (same customer, same text, in order), and
 * the difference is the agent_send_to_customer latency.
 */
export class OutboundTracker {
  private readonly pending = new Map<string, { text: string; at: number }[]>();
  private count = 0;
  /** Deliveries that matched no noted reply (another run's, or a text the deployment changed). */
  unmatched = 0;

  expect(customerId: string, text: string, at: number): void {
    const list = this.pending.get(customerId);
    if (list) list.push({ text, at });
    else this.pending.set(customerId, [{ text, at }]);
    this.count++;
  }

  /** A noted reply was refused by the deployment: it will not arrive. */
  cancel(customerId: string, text: string): void {
    const list = this.pending.get(customerId);
    const i = list?.findIndex((p) => p.text === text) ?? -1;
    if (list && i >= 0) {
      list.splice(i, 1);
      this.count--;
    }
  }

  /** The sink received a message for `customerId`; the time it was sent, or null. */
  received(customerId: string, text: string): number | null {
    const list = this.pending.get(customerId);
    if (!list || list.length === 0) {
      this.unmatched++;
      return null;
    }
    let i = list.findIndex((p) => p.text === text);
    if (i < 0) i = 0;
    const [entry] = list.splice(i, 1);
    if (list.length === 0) this.pending.delete(customerId);
    this.count--;
    return entry!.at;
  }

  /** Replies sent and not yet seen at the sink. */
  get outstanding(): number {
    return this.count;
  }
}
