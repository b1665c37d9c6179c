import type { EffectSinks } from './engine.js';
import type { Journal, OutboundStatus } from './journal.js';

/**
 * Sinks that only journal what a command derives (outbound replies, records, agent states) and
 * do no I/O: a replay at start-up uses them, and so does bench:soak to write history through the
 * server's own apply path.
 */
export function journalOnlySinks(journal: Journal, outboundStatus: OutboundStatus): EffectSinks {
  return {
    desktop() {},
    timerSet() {},
    timerCancel() {},
    customerSend(effect, seq, at) {
      journal.queueOutbound(
        {
          msgSeq: effect.seq,
          journalSeq: seq,
          conversationId: effect.conversationId,
          assetId: effect.assetId,
          customerId: effect.customerId,
          agentId: effect.agentId,
          text: effect.text,
          status: outboundStatus,
        },
        at,
      );
    },
    record(record, seq) {
      journal.queueRecord(seq, record);
    },
    agentState(record, seq, idx) {
      journal.queueAgentState(seq, idx, record);
    },
  };
}
