import type { TraceAbandon, TraceMessage } from './trace.js';

/**
 * Holds a customer's abandon until every message the customer sent before it has its answer: an
 * abandon written before the customer's first message is journaled would find nothing to
 * abandon. Counts, per arrival with an abandon, the messages still unanswered.
 */
export class AbandonGate {
  private readonly unanswered = new Map<number, { left: number; waiters: (() => void)[] }>();

  constructor(abandons: readonly TraceAbandon[], messages: readonly TraceMessage[]) {
    for (const a of abandons) this.unanswered.set(a.arrival, { left: 0, waiters: [] });
    for (const event of messages) {
      const u = this.unanswered.get(event.arrival);
      if (u) u.left++;
    }
  }

  /** One of the arrival's messages has its answer (acknowledged or failed). */
  answered(arrival: number): void {
    const u = this.unanswered.get(arrival);
    if (u === undefined || --u.left > 0) return;
    for (const resolve of u.waiters.splice(0)) resolve();
  }

  /** Resolves when the arrival's messages are answered; null when they are already. */
  ready(arrival: number): Promise<void> | null {
    const u = this.unanswered.get(arrival);
    if (u === undefined || u.left <= 0) return null;
    return new Promise((resolve) => u.waiters.push(resolve));
  }
}
