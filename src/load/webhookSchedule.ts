import type { ScheduledWebhook } from './customerReplayer.js';
import type { MessageLedger } from './messageLedger.js';
import type { ReplayMessageIds } from './replayMessageIds.js';
import type { TraceMessage } from './trace.js';

/**
 * The webhooks of a replay on the replayer's clock: trace message i is due `at / speed` after the
 * replay's start, under this run's WhatsApp id for it (`ReplayMessageIds`), and registered in the ledger
 * that follows it to an agent's desktop. WhatsApp timestamps are whole epoch seconds.
 */
export function webhookSchedule(
  messages: readonly TraceMessage[],
  run: {
    readonly ids: ReplayMessageIds;
    readonly speed: number;
    /** Replayer clock (ms) of the replay's start. */
    readonly replayStart: number;
    /** Epoch milliseconds of the replay's start. */
    readonly epochStart: number;
    /** Display number of each asset id (the webhook's `display_phone_number`). */
    readonly displayNumbers: ReadonlyMap<string, string>;
  },
  ledger: MessageLedger,
): ScheduledWebhook[] {
  const schedule: ScheduledWebhook[] = [];
  for (const event of messages) {
    const messageId = run.ids.wamid(event.arrival, event.seq);
    const due = run.replayStart + event.at / run.speed;
    ledger.register({
      messageId,
      arrival: event.arrival,
      seq: event.seq,
      assetId: event.assetId,
      customerId: event.customer.id,
      due,
    });
    schedule.push({
      due,
      message: {
        assetId: event.assetId,
        displayNumber: run.displayNumbers.get(event.assetId) ?? '',
        customerId: event.customer.id,
        customerName: event.customer.name,
        messageId,
        text: event.text,
        timestamp: Math.floor((run.epochStart + event.at / run.speed) / 1000),
      },
    });
  }
  return schedule;
}
