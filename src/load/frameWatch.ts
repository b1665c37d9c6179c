import type { Frame } from './desktopClient.js';
import type { LeakDetector } from './leakDetector.js';
import type { MessageLedger } from './messageLedger.js';
import type { LoadMetrics } from './metrics.js';
import type { LeakExample } from './summary.js';
import type { Timeline } from './timeline.js';

const MAX_LEAK_EXAMPLES = 10;

/**
 * Watches every frame an agent receives, before the agent acts on it: searches it for planted
 * secrets (the leak check), and times each customer message from its intended send time to the
 * first frame that carries it (message_to_desktop, arrival_to_offer, duplicates).
 */
export class FrameWatch {
  leaks = 0;
  framesScanned = 0;
  readonly leakExamples: LeakExample[] = [];

  constructor(
    private readonly detector: LeakDetector,
    private readonly ledger: MessageLedger,
    private readonly metrics: LoadMetrics,
    /** The run's timeline (replaced when the replay's clock starts). */
    private readonly timeline: () => Timeline,
    /** The id the replay sent for a message id a frame carries (opaque or WhatsApp's). */
    private readonly sentId: (frameId: string) => string,
  ) {}

  /** A frame `agentId` received at `at` (replayer clock). */
  frame(agentId: string, raw: string, frame: Frame, at: number): void {
    const metrics = this.metrics;
    metrics.frames.add();
    this.framesScanned++;
    const hits = this.detector.scan(raw);
    if (hits.length > 0) {
      this.leaks += hits.length;
      metrics.leaks.add(hits.length);
      const event = frame.event as { type?: string } | undefined;
      for (const hit of hits) {
        if (this.leakExamples.length >= MAX_LEAK_EXAMPLES) break;
        this.leakExamples.push({
          agentId,
          frame: event?.type ?? frame.type,
          kind: hit.secret.kind,
          messageId: hit.secret.messageId,
        });
      }
    }
    if (frame.type !== 'event') return;
    const event = frame.event as Record<string, unknown>;
    switch (event.type) {
      case 'offer': {
        metrics.offers.add();
        const first = event.firstMessageId;
        if (typeof first === 'string') this.seen(this.sentId(first), at, true);
        return;
      }
      case 'message': {
        const message = event.message as { from?: string; messageId?: string | null };
        if (message.from === 'customer' && typeof message.messageId === 'string') {
          const id = this.sentId(message.messageId);
          this.seen(id, at, false);
          if (this.ledger.delivered(id, agentId)) metrics.duplicates.add();
        }
        return;
      }
      case 'conversation.accepted': {
        const pane = event.pane as { messages?: { messageId?: string | null }[] } | undefined;
        for (const m of pane?.messages ?? []) {
          if (typeof m.messageId === 'string') this.seen(this.sentId(m.messageId), at, false);
        }
        return;
      }
      default:
        return;
    }
  }

  private seen(messageId: string, at: number, isOffer: boolean): void {
    const entry = this.ledger.seen(messageId, at);
    if (entry === null) return;
    this.metrics.messages_delivered.add();
    this.metrics.message_to_desktop.add(at - entry.due);
    this.timeline().add('delivered', at);
    if (isOffer && entry.seq === 1) this.metrics.arrival_to_offer.add(at - entry.due);
  }
}
